/**
 * The Redis store against a real Debian redis-server that the test stops, pauses and fills to maxmemory: every
 * failure comes out as a typed StoreUnavailableError, fast (no command waits in an offline queue), and the store
 * works again by itself once Redis is back.
 */
import { createStore, type Store } from '../../../src/adapters/store/create-store';
import { REDIS_COMMAND_DEADLINE_MS } from '../../../src/adapters/store/redis-connection';
import { StoreUnavailableError } from '../../../src/adapters/store/store.errors';
import { systemClock } from '../../../src/core/ports/clock.port';
import { fillToMaxmemory, liftMaxmemory, startRedisServer, type RedisServer } from '../../reliability/support/redis-server';

jest.setTimeout(60_000);

let redis: RedisServer;
let store: Store;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => redis?.stop());
beforeEach(async () => {
  store = createStore({ sqlitePath: '/nonexistent/unused.sqlite', redisUrl: redis.url, clock: systemClock });
  expect(await store.waitUntilReady(5_000)).toEqual({ ready: true });
});
afterEach(async () => store.close());

/** The error an operation failed with, and how long it took. */
async function failure(op: () => Promise<unknown>): Promise<{ error: StoreUnavailableError; ms: number }> {
  const start = performance.now();
  try {
    await op();
  } catch (e) {
    expect(e).toBeInstanceOf(StoreUnavailableError);
    return { error: e as StoreUnavailableError, ms: performance.now() - start };
  }
  throw new Error('the operation succeeded');
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await check()) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const works = async (): Promise<boolean> => {
  try {
    await store.state.set('probe', 1, 10_000);
    return (await store.state.get('probe')) === 1;
  } catch {
    return false;
  }
};

describe('Redis store faults', () => {
  it('refuses writes with a typed "full" error when Redis is at maxmemory with noeviction, and still reads', async () => {
    await store.state.set('kept', 'v');
    await fillToMaxmemory(redis.url);
    try {
      const write = await failure(() => store.state.set('approval:x', { id: 'x' }));
      expect(write.error.failure).toBe('full');
      expect(write.error.message).toBe('The state store is unavailable (could not write: it refuses writes (out of memory or disk full)).');
      expect((await failure(() => store.lock.acquire('claim', 'me', 1_000))).error.failure).toBe('full');
      expect(await store.state.get('kept')).toBe('v');
      expect(await store.state.get('approval:x')).toBeUndefined();
    } finally {
      await liftMaxmemory(redis.url);
    }
    await store.state.set('approval:x', { id: 'x' });
    expect(await store.state.get('approval:x')).toEqual({ id: 'x' });
  });

  it('fails every operation at once while Redis is stopped, and works again by itself after it restarts', async () => {
    await redis.stop();
    try {
      for (const op of [() => store.state.get('a'), () => store.state.set('a', 1), () => store.state.delete('a'), () => store.lock.acquire('k', 'me', 1_000)]) {
        const { error, ms } = await failure(op);
        expect(error.failure).toBe('unreachable');
        expect(ms).toBeLessThan(200);
      }
    } finally {
      await redis.restart();
    }
    // Reconnect attempts back off to at most 2 s apart.
    const recoveredMs = await until(works, 10_000);
    expect(recoveredMs).toBeLessThan(5_000);
  });

  it('gives up on a paused Redis (connection open, no answer) after the command deadline', async () => {
    redis.pause();
    try {
      const read = await failure(() => store.state.get('a'));
      expect(read.error.failure).toBe('timeout');
      expect(read.ms).toBeGreaterThanOrEqual(REDIS_COMMAND_DEADLINE_MS - 50);
      expect(read.ms).toBeLessThan(REDIS_COMMAND_DEADLINE_MS + 1_000);
      expect((await failure(() => store.lock.acquire('k', 'me', 1_000))).error.failure).toBe('timeout');
    } finally {
      redis.resume();
    }
    await until(works, 10_000);
  });

  it('reports a Redis that is not there at start as not ready within the wait, without hanging', async () => {
    const nowhere = createStore({ sqlitePath: '/nonexistent/unused.sqlite', redisUrl: 'redis://127.0.0.1:1', clock: systemClock });
    try {
      const start = Date.now();
      expect(await nowhere.waitUntilReady(500)).toEqual({ ready: false, credentialsRefused: false });
      expect(Date.now() - start).toBeLessThan(1_500);
      expect((await failure(() => nowhere.state.get('a'))).error.failure).toBe('unreachable');
    } finally {
      await nowhere.close();
    }
  });
});
