/**
 * One Notion budget across processes (issue 16, item 4), on a real redis-server and the Notion emulator with its
 * rate limit on (3 requests/s, burst 10), through the real @notionhq/client. Three adapters with three Redis clients
 * stand for three processes (two app instances and a CLI run): together they must stay at Notion's average, where
 * three per-process limiters (the control) send three times as much. And Redis failing must never stall a call.
 */
import { createClient } from '@keyv/redis';
import { NOTION_RATE_LIMIT, startNotionEmulator, type NotionEmulator } from '../../../emulators/notion';
import { NotionPages } from '../../../src/adapters/notion';
import { processNotionPace, type NotionPace } from '../../../src/adapters/notion/notion.pace';
import { sharedNotionPace } from '../../../src/adapters/notion/notion.shared-pace';
import { silentLogger } from '../../../src/core/ports/logger.port';
import type { PageFields } from '../../../src/core/ports/pages.port';
import { startCountingProxy, type CountingProxy } from '../../support/counting-proxy';
import { startRedisServer, type RedisServer } from '../../reliability/support/redis-server';

/** Pages each of the three "processes" creates. */
const PAGES_EACH = 8;

let notion: NotionEmulator;
let proxy: CountingProxy;
let redis: RedisServer;
let databaseId: string;
const opened: NotionPages[] = [];

beforeAll(async () => {
  [notion, redis] = await Promise.all([startNotionEmulator({ rateLimit: NOTION_RATE_LIMIT }), startRedisServer()]);
  proxy = await startCountingProxy(notion.url);
  ({ databaseId } = notion.seedDatabase({ title: 'Models', properties: { 'Model Name': { title: {} } } }));
  // The sync adds its columns first; done here once, outside the measured calls.
  const setup = new NotionPages({ token: notion.token, databaseId, baseUrl: notion.url, requestsPerSecond: 1000, logger: silentLogger });
  await setup.ensureSchema();
  await setup.close();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((p) => p.close()));
});
afterAll(async () => {
  await Promise.all([proxy?.stop(), notion?.stop(), redis?.stop()]);
});

function adapter(pace: NotionPace): NotionPages {
  const pages = new NotionPages({ token: notion.token, databaseId, baseUrl: proxy.url, pace, logger: silentLogger, retryBaseDelayMs: 50 });
  opened.push(pages);
  return pages;
}

function shared(redisUrl = redis.url): NotionPace {
  return sharedNotionPace({ redisUrl, integration: { token: notion.token, baseUrl: proxy.url }, logger: silentLogger });
}

const fields = (modelName: string, version: number): PageFields => ({
  modelName,
  version: String(version),
  stage: 'None',
  sourceUri: null,
  description: '',
  createdAt: null,
  mlflowUrl: null,
  zenmlUrl: null,
});

/** Each adapter creates PAGES_EACH pages, all at once; returns the requests' combined rate and the 429s answered. */
async function syncAtOnce(adapters: NotionPages[]): Promise<{ rps: number; answers429: number; requests: number }> {
  await new Promise((r) => setTimeout(r, 4_000)); // let the emulator's token bucket refill to its burst
  proxy.reset();
  await Promise.all(adapters.map((pages, a) => Promise.all(Array.from({ length: PAGES_EACH }, (_, v) => pages.createPage(fields(`model-${a}`, v + 1))))));
  const log = [...proxy.requests()].sort((x, y) => x.startMs - y.startMs);
  const spanS = ((log.at(-1)?.startMs ?? 0) - (log[0]?.startMs ?? 0)) / 1000;
  return { rps: (log.length - 1) / spanS, answers429: log.filter((r) => r.status === 429).length, requests: log.length };
}

describe('the Notion budget with Redis', () => {
  it('keeps three clients syncing at once at ≤ 3.1 requests/s combined, where three process limiters send far more', async () => {
    const together = await syncAtOnce([adapter(shared()), adapter(shared()), adapter(shared())]);
    // Per adapter: the database, the integration user, then its pages.
    expect(together.requests).toBeGreaterThanOrEqual(3 * (PAGES_EACH + 2));
    expect(together.rps).toBeLessThanOrEqual(3.1);
    expect(together.answers429).toBeLessThanOrEqual(5);

    const alone = await syncAtOnce([adapter(processNotionPace()), adapter(processNotionPace()), adapter(processNotionPace())]);
    expect(alone.rps).toBeGreaterThan(6);
  }, 90_000);

  it('is one budget per integration: another token on the same Redis does not wait for it', async () => {
    const other = sharedNotionPace({ redisUrl: redis.url, integration: { token: 'secret_other', baseUrl: proxy.url }, logger: silentLogger });
    const mine = shared();
    const started: number[] = [];
    const t0 = Date.now();
    const noop = async () => void started.push(Date.now() - t0);
    await new Promise((r) => setTimeout(r, 1_000)); // both connected and ready
    await Promise.all([...Array.from({ length: 6 }, () => mine.schedule(noop)), ...Array.from({ length: 6 }, () => other.schedule(noop))]);
    await Promise.all([mine.stop(), other.stop()]);
    // 12 calls in one budget would start over 11 × 334 ms = 3.7 s; two budgets of 6 take ~1.7 s each, side by side.
    expect(Math.max(...started)).toBeLessThan(3_500);
    const budgets = (await keysOf(redis.url)).filter((k) => k.endsWith('_settings'));
    expect(budgets).toHaveLength(2);
  }, 30_000);
});

describe('Redis failing never stalls a Notion call', () => {
  it('paces in-process when Redis cannot be reached at all', async () => {
    const pages = adapter(shared('redis://127.0.0.1:9'));
    const t0 = Date.now();
    await pages.createPage(fields('redis-never-up', 1));
    expect(Date.now() - t0).toBeLessThan(3_000);
  }, 30_000);

  it('moves waiting calls to the process pace when Redis stops mid-run, and uses Redis again once it is back', async () => {
    const own = await startRedisServer();
    try {
      const pace = shared(own.url);
      const pages = adapter(pace);
      await pages.createPage(fields('redis-stops', 1)); // the shared limiter is up
      expect(pace.current()).toBe('shared');
      const batch = Array.from({ length: 9 }, (_, v) => pages.createPage(fields('redis-stops', v + 2)));
      await new Promise((r) => setTimeout(r, 500));
      const stoppedAt = Date.now();
      await own.stop();
      await Promise.all(batch);
      expect(pace.current()).toBe('process');
      // 9 calls at ~3/s: about 3 s of pace, never a wait for Redis.
      expect(Date.now() - stoppedAt).toBeLessThan(6_000);
      await own.restart();
      await new Promise((r) => setTimeout(r, 4_500)); // reconnect back-off (≤ 2 s) plus the cool-down (2 s)
      // Restarted empty: the budget is created again, and then a call is counted there (Bottleneck's `done`), once
      // the slots of the calls that had moved to the process pace have passed (without requests).
      expect(pace.current()).toBe('shared');
      await pages.createPage(fields('redis-stops', 20)); // finds the budget gone and has it created again
      let before = -1;
      for (let now = await doneIn(own.url); now !== before; now = await doneIn(own.url)) {
        before = now;
        await new Promise((r) => setTimeout(r, 1_000));
      }
      const requests = proxy.requests().length;
      await pages.createPage(fields('redis-stops', 21));
      expect(await doneIn(own.url)).toBe(before + 1);
      expect(proxy.requests().length).toBe(requests + 1);
    } finally {
      await own.stop();
    }
  }, 60_000);

  it('does not wait for a hung Redis (SIGSTOP) beyond its command deadline', async () => {
    const own = await startRedisServer();
    try {
      const pages = adapter(shared(own.url));
      await pages.createPage(fields('redis-hangs', 1));
      own.pause();
      const t0 = Date.now();
      await Promise.all([2, 3, 4].map((v) => pages.createPage(fields('redis-hangs', v))));
      expect(Date.now() - t0).toBeLessThan(5_000);
    } finally {
      own.resume();
      await own.stop();
    }
  }, 60_000);
});

interface PlainRedis {
  keys(pattern: string): Promise<string[]>;
  hGet(key: string, field: string): Promise<string | null>;
}

/** Runs `fn` with a plain client of that Redis (the limiter's state lives there when shared). */
async function withRedis<T>(url: string, fn: (client: PlainRedis) => Promise<T>): Promise<T> {
  const client = createClient({ url });
  await client.connect();
  try {
    return await fn(client as unknown as PlainRedis);
  } finally {
    await client.close();
  }
}

/** The Bottleneck keys of every Notion budget in that Redis. */
const keysOf = (url: string) => withRedis(url, (c) => c.keys('b_modelsync-notion-*'));

/** How many calls the (one) budget in that Redis has run to the end. */
const doneIn = (url: string) =>
  withRedis(url, async (c) => {
    const [settings] = (await c.keys('b_modelsync-notion-*')).filter((k) => k.endsWith('_settings'));
    return settings ? Number(await c.hGet(settings, 'done')) : 0;
  });
