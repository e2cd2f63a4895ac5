/**
 * Two reconciles at once, on a real Debian redis-server: two app processes (src/main.ts) share one REDIS_URL, the
 * Slack emulator and the Notion emulator. The reconcile lock (SET NX PX with an owner) lets one run go; the other
 * says a sync is already running; each scheduled tick is run by one instance only; and a lock left by a process
 * killed with SIGKILL expires after its TTL so the next run proceeds.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startNotionEmulator, type NotionEmulator } from '../../emulators/notion';
import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack';
import { MlflowRegistry } from '../../src/adapters/mlflow';
import { NotionPages } from '../../src/adapters/notion';
import { createStore, type Store } from '../../src/adapters/store/create-store';
import { NotificationMarks } from '../../src/core/notifications/notification-marks';
import { RECONCILE_LOCK_KEY, ReconcileRunner } from '../../src/core/notifications/reconcile-runner';
import { syncMessage } from '../../src/slack/blocks/command-result.blocks';
import { systemClock } from '../../src/core/ports/clock.port';
import { silentLogger } from '../../src/core/ports/logger.port';
import { Reconciler } from '../../src/core/sync/reconciler';
import { PROJECT_ROOT } from '../../scripts/mlflow-server';
import { RecordingNotifier } from '../support/fakes/recording-notifier';
import { mlflowTestUrl } from '../support/names';
import { SlackRequestHarness } from '../support/slack-requests';
import { startAppProcess, type AppProcess } from './support/app-process';
import { takeCensus } from './support/census';
import { recordFigure } from './support/figures';
import { startRedisServer, type RedisServer } from './support/redis-server';
import { seedManagedModel } from './support/seed-models';

jest.setTimeout(240_000);

const SIGNING_SECRET = 'reliability-signing-secret-0123456789';
const REPORT_CHANNEL = 'C0REPORT';
const TICK_SECONDS = 4;
const LOCK_KEY = `modelsync:${RECONCILE_LOCK_KEY}`;

let redis: RedisServer;
let slack: SlackEmulator;
let notion: NotionEmulator;
let mlflowUrl: string;
let databaseId: string;
let dataSourceId: string;
let model: string;
const managedTag = `modelsync.instances.${randomBytes(4).toString('hex')}`;
const opened: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  [redis, slack, notion] = await Promise.all([startRedisServer(), startSlackEmulator(), startNotionEmulator()]);
  for (const id of [REPORT_CHANNEL, 'C0NOTIFY', 'C0APPROVALS', 'C0GENERAL']) slack.seedChannel({ id, name: id.toLowerCase() });
  slack.seedUser({ id: 'U0ALICE', name: 'alice' });
  ({ databaseId, dataSourceId } = notion.seedDatabase({ title: 'Models', properties: { 'Model Name': { title: {} } } }));
  mlflowUrl = mlflowTestUrl();
  model = await seedManagedModel(mlflowUrl, managedTag, 20);
  // Scheduled runs then find nothing to change, so they are short: the case where a late timer could run a tick twice.
  const pages = notionPages(databaseId);
  await new Reconciler({ registry: registry(), pages, managedTag, clock: systemClock, logger: silentLogger }).reconcile();
});
afterAll(async () => {
  for (const o of opened) await o.close();
  await Promise.all([redis?.stop(), slack?.stop(), notion?.stop()]);
});

function registry(): MlflowRegistry {
  return new MlflowRegistry({ trackingUri: mlflowUrl, retries: 1, retryBaseDelayMs: 10 });
}
function notionPages(dbId: string, requestsPerSecond = 1000): NotionPages {
  const pages = new NotionPages({ token: notion.token, databaseId: dbId, baseUrl: notion.url, requestsPerSecond, retryBaseDelayMs: 10 });
  opened.push(pages);
  return pages;
}
function redisStore(): Store {
  const store = createStore({ sqlitePath: '/dev/null', redisUrl: redis.url, clock: systemClock });
  opened.push(store);
  return store;
}
/** One instance's runner over its own Redis connection. */
function runner(
  store: Store,
  dbId: string,
  o: { notifier?: RecordingNotifier; lockTtlMs?: number; tag?: string; requestsPerSecond?: number } = {},
): ReconcileRunner {
  const reg = registry();
  const notifier = o.notifier ?? new RecordingNotifier();
  const lockTtlMs = o.lockTtlMs;
  return new ReconcileRunner({
    sync: new Reconciler({
      registry: reg,
      pages: notionPages(dbId, o.requestsPerSecond),
      managedTag: o.tag ?? managedTag,
      clock: systemClock,
      logger: silentLogger,
    }),
    registry: reg,
    notifier,
    lock: store.lock,
    marks: new NotificationMarks(store.state),
    clock: systemClock,
    logger: silentLogger,
    quiet: false,
    newId: randomUUID,
    lockTtlMs,
  });
}
function lockHolder(): string {
  const r = spawnSync('redis-cli', ['-p', String(redis.port), 'GET', LOCK_KEY], { encoding: 'utf8' });
  return r.stdout.trim();
}
async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

describe('instances sharing one Redis', () => {
  it('a tick already run by one instance is not run again by another whose timer fires after it finished', async () => {
    const [notifierA, notifierB] = [new RecordingNotifier(), new RecordingNotifier()];
    const a = runner(redisStore(), databaseId, { notifier: notifierA });
    const b = runner(redisStore(), databaseId, { notifier: notifierB });
    const tick = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 3_600_000);

    expect((await a.scheduled(tick)).kind).toBe('ran');
    const taken = await b.scheduled(tick);
    expect(taken).toEqual({ kind: 'busy', cause: 'tick_taken' });
    expect(syncMessage(taken).text).toBe(':hourglass: Another instance took this scheduled sync.');
    expect((await b.scheduled(new Date(tick.getTime() + 60_000))).kind).toBe('ran');
    expect([notifierA.reports.length, notifierB.reports.length]).toEqual([1, 1]);
  });

  it('two reconciles asked at the same moment on two instances: one runs, the other says a sync is already running', async () => {
    const a = runner(redisStore(), databaseId);
    const b = runner(redisStore(), databaseId);
    const runs = await Promise.all([a.onDemand({}), b.onDemand({})]);
    expect(runs.map((r) => r.kind).sort()).toEqual(['busy', 'ran']);
    const busy = runs.find((r) => r.kind === 'busy');
    expect(busy).toEqual({ kind: 'busy', cause: 'running' });
    expect(busy && syncMessage(busy).text).toMatch(/already running/);
  });

  it('a run longer than its lock TTL keeps the lock (renewed while it runs): the other instance is told busy throughout', async () => {
    const fresh = notion.seedDatabase({ title: 'Models (long run)', properties: { 'Model Name': { title: {} } } });
    const tag = `${managedTag}.long`;
    const longModel = await seedManagedModel(mlflowUrl, tag, 10);
    const ttlMs = 1_500;
    // 10 creates at 2 requests/s: a run of ~6 s, four TTLs.
    const a = runner(redisStore(), fresh.databaseId, { tag, lockTtlMs: ttlMs, requestsPerSecond: 2 });
    const b = runner(redisStore(), fresh.databaseId, { tag, lockTtlMs: ttlMs });
    let done = false;
    const long = a.onDemand({}).finally(() => (done = true));
    await until('the long run to hold the lock', () => lockHolder() !== '');
    const answers: string[] = [];
    while (!done) {
      const run = await b.onDemand({});
      if (done) break;
      answers.push(run.kind);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect((await long).kind).toBe('ran');
    expect(answers.length).toBeGreaterThan(4);
    expect(answers.every((k) => k === 'busy')).toBe(true);
    const census = await takeCensus(mlflowUrl, notion, fresh.dataSourceId, [longModel]);
    expect(census).toEqual({ versions: 10, duplicates: 0, missingPages: 0, lostLinks: 0 });
    recordFigure({
      fault: 'Second instance asks for a reconcile throughout a run 4× longer than the lock TTL (1.5 s)',
      injected: answers.length,
      runs: 1,
      errorsCounted: 0,
      duplicates: 0,
      lostLinks: 0,
      missingPages: 0,
      detail: `${answers.length} of ${answers.length} asks answered busy`,
    });
  });

  it('a lock left by a SIGKILLed holder expires after its TTL and the next run proceeds', async () => {
    const fresh = notion.seedDatabase({ title: 'Models (dead holder)', properties: { 'Model Name': { title: {} } } });
    // Its own model and tag, so this run's links do not touch the other tests' database.
    const holderTag = `${managedTag}.holder`;
    const holderModel = await seedManagedModel(mlflowUrl, holderTag, 12);
    const ttlMs = 4_000;
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'support', 'reconcile-holder.child.ts')], {
      cwd: PROJECT_ROOT,
      env: {
        PATH: process.env.PATH,
        HOLDER_MLFLOW_URL: mlflowUrl,
        HOLDER_NOTION_URL: notion.url,
        HOLDER_NOTION_TOKEN: notion.token,
        HOLDER_NOTION_DB: fresh.databaseId,
        HOLDER_REDIS_URL: redis.url,
        HOLDER_MANAGED_TAG: holderTag,
        HOLDER_LOCK_TTL_MS: String(ttlMs),
      },
      stdio: 'ignore',
    });
    const exited = new Promise((r) => child.once('exit', r));
    await until('the child to take the reconcile lock', () => lockHolder() !== '');
    // Let it write a few pages, then kill it in the middle of the run.
    await until('the child to create pages', () => (notion.counters.snapshot().byRoute?.['POST /v1/pages'] ?? 0) >= 2, 60_000);
    child.kill('SIGKILL');
    await exited;
    const killedAt = Date.now();

    const next = runner(redisStore(), fresh.databaseId, { tag: holderTag });
    const busy = await next.onDemand({});
    expect(busy).toEqual({ kind: 'busy', cause: 'running' });
    expect(syncMessage(busy).text).toMatch(/already running/);
    let waitedMs = 0;
    let ran = false;
    let busyAnswers = 1;
    while (!ran) {
      const askedAt = Date.now();
      const run = await next.onDemand({});
      ran = run.kind === 'ran';
      // When the lock was granted, not when the run ended.
      waitedMs = askedAt - killedAt;
      expect(waitedMs).toBeLessThan(ttlMs + 1_000);
      if (!ran) {
        busyAnswers += 1;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const census = await takeCensus(mlflowUrl, notion, fresh.dataSourceId, [holderModel]);
    expect(census).toEqual({ versions: 12, duplicates: 0, missingPages: 0, lostLinks: 0 });
    recordFigure({
      fault: 'Reconcile lock holder SIGKILLed mid-run (lock TTL 4 s)',
      injected: 1,
      runs: busyAnswers + 1,
      errorsCounted: 0,
      duplicates: census.duplicates,
      lostLinks: 0,
      missingPages: census.missingPages,
      detail: `next run proceeded ${waitedMs} ms after the kill (${busyAnswers} "already running" answers before)`,
    });
  });
});

describe('two app processes on one Redis', () => {
  let apps: AppProcess[] = [];
  let storeDir: string;
  beforeAll(async () => {
    storeDir = mkdtempSync(path.join(os.tmpdir(), 'modelsync-instances-'));
    const env = (i: number): Record<string, string> => ({
      MLFLOW_TRACKING_URI: mlflowUrl,
      NOTION_API_TOKEN: notion.token,
      NOTION_DATABASE_ID: databaseId,
      NOTION_API_URL: notion.url,
      NOTION_REQUESTS_PER_SECOND: '100',
      MANAGED_TAG: managedTag,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      SLACK_REPORT_CHANNEL: REPORT_CHANNEL,
      SLACK_NOTIFY_CHANNEL: 'C0NOTIFY',
      SLACK_APPROVALS_CHANNEL: 'C0APPROVALS',
      APPROVERS: 'U0BOB',
      REDIS_URL: redis.url,
      SYNC_CRON: `*/${TICK_SECONDS} * * * * *`,
      // Every tick's report is posted, "nothing to repair" included (quiet is the default since issue 15).
      SYNC_REPORT_QUIET: 'false',
      STORE_PATH: path.join(storeDir, `instance-${i}.sqlite`),
      LOG_LEVEL: 'info',
    });
    apps = await Promise.all([startAppProcess(env(1)), startAppProcess(env(2))]);
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    if (storeDir) rmSync(storeDir, { recursive: true, force: true });
  });

  it(`with SYNC_CRON every ${TICK_SECONDS} s, each tick's report is posted exactly once`, async () => {
    const reports = () => slack.messages(REPORT_CHANNEL).filter((m) => m.source === 'chat.postMessage');
    const tickOf = (ts: string) => Math.floor(Number(ts) / TICK_SECONDS);
    // Count whole ticks only: from the next tick boundary after both instances are up.
    const firstTick = Math.floor(Date.now() / 1000 / TICK_SECONDS) + 1;
    const ticks = 5;
    await until('five ticks', () => Date.now() / 1000 >= (firstTick + ticks) * TICK_SECONDS + 2, 60_000, 200);
    const perTick = new Map<number, number>();
    for (let t = firstTick; t < firstTick + ticks; t += 1) perTick.set(t, 0);
    for (const m of reports()) {
      const t = tickOf(m.ts);
      if (perTick.has(t)) perTick.set(t, (perTick.get(t) ?? 0) + 1);
    }
    const ran = apps.map((a) => a.logs().filter((l) => l.msg === 'reconcile finished').length);
    const skipped = apps.map((a) => a.logs().filter((l) => l.msg === 'scheduled sync skipped').length);
    recordFigure({
      fault: `Two app processes, one Redis, SYNC_CRON every ${TICK_SECONDS} s`,
      injected: ticks,
      runs: ran[0]! + ran[1]!,
      errorsCounted: 0,
      duplicates: [...perTick.values()].filter((n) => n > 1).length,
      lostLinks: 0,
      detail: `reports per tick ${JSON.stringify([...perTick.values()])}; runs per instance ${JSON.stringify(ran)}; skips per instance ${JSON.stringify(skipped)}`,
    });
    expect([...perTick.values()]).toEqual(Array.from({ length: ticks }, () => 1));
    expect(skipped[0]! + skipped[1]!).toBeGreaterThanOrEqual(ticks);
  });

  it('/model sync sent to either instance during a scheduled run answers that a sync is already running', async () => {
    // Notion at 1 request/s makes the next scheduled run last several seconds.
    notion.setRateLimit({ requestsPerSecond: 1, burst: 1 });
    try {
      await until('a scheduled run to hold the lock', () => lockHolder() !== '', 30_000);
      const answers = await Promise.all(
        apps.map(async (app) => {
          const harness = new SlackRequestHarness({ appUrl: app.url, signingSecret: SIGNING_SECRET, emulator: slack });
          const sent = await harness.command('/model', 'sync', { userId: 'U0ALICE', channelId: 'C0GENERAL' });
          expect(sent.status).toBe(200);
          return sent.responseUrl;
        }),
      );
      await until('both replies', () => slack.messages('C0GENERAL').filter((m) => m.source === 'response_url').length >= 2, 30_000, 100);
      const replies = slack.messages('C0GENERAL').filter((m) => m.source === 'response_url');
      expect(answers).toHaveLength(2);
      expect(replies.map((m) => m.text)).toEqual([expect.stringMatching(/A sync is already running/), expect.stringMatching(/A sync is already running/)]);
      expect(replies.every((m) => m.visibleTo === 'U0ALICE')).toBe(true);
      recordFigure({
        fault: '/model sync on both instances during a scheduled run',
        injected: 2,
        runs: 1,
        errorsCounted: 0,
        duplicates: 0,
        lostLinks: 0,
        detail: 'both answered "A sync is already running"',
      });
    } finally {
      notion.setRateLimit(null);
    }
    await until('the lock to be free', () => lockHolder() === '', 60_000, 100);
    const census = await takeCensus(mlflowUrl, notion, dataSourceId, [model]);
    expect(census).toEqual({ versions: 20, duplicates: 0, missingPages: 0, lostLinks: 0 });
  });
});
