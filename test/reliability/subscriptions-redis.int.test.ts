/**
 * Subscriptions shared by two app instances over one real Redis (Debian redis-server, started and stopped here):
 * both instances subscribe channels at once and neither loses the other's change; what one instance stores, the
 * other's notifier serves at once (no per-instance copy); a suspension made by one is seen by both.
 */
import { createStore, type Store } from '../../src/adapters/store/create-store';
import { SubscriptionBook } from '../../src/core/subscriptions/subscription-book';
import { startRedisServer, type RedisServer } from './support/redis-server';

jest.setTimeout(60_000);

let redis: RedisServer;
const stores: Store[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await redis?.stop();
});

/** One instance's subscription book over its own Redis connection. */
function instance(): SubscriptionBook {
  const clock = { now: () => Date.now() };
  const store = createStore({ sqlitePath: '/nonexistent/unused.sqlite', redisUrl: redis.url, clock });
  stores.push(store);
  return new SubscriptionBook(store.state, store.lock, clock);
}

describe('subscriptions on one Redis, two instances', () => {
  it('keeps every subscription when both instances write at once, and each serves what the other stored', async () => {
    const [a, b] = [instance(), instance()];
    const model = `churn-${Date.now()}`;
    const channels = Array.from({ length: 16 }, (_, i) => `C0REDIS${i}`);
    // Every channel subscribed by alternate instances; one channel gets many patterns from both at once.
    await Promise.all([
      ...channels.map((c, i) => (i % 2 ? a : b).subscribe(c, `${model.slice(0, 6)}*`, ['stages'], 'U1')),
      ...Array.from({ length: 10 }, (_, i) => (i % 2 ? b : a).subscribe('C0SHARED', `${model}-${i}`, ['versions'], 'U2')),
    ]);
    expect((await a.channelsFor('stages', [model])).sort()).toEqual([...channels].sort());
    expect((await b.channelsFor('stages', [model])).sort()).toEqual([...channels].sort());
    expect((await b.of('C0SHARED')).subscriptions).toHaveLength(10);
    expect(await a.channelsFor('versions', [`${model}-7`])).toEqual(['C0SHARED']);

    expect(await a.suspend('C0REDIS3', 'channel_not_found')).toBe(true);
    expect(await b.channelsFor('stages', [model])).not.toContain('C0REDIS3');
    expect(await b.unsubscribe('C0REDIS4', `${model.slice(0, 6)}*`, ['stages'], 'U1')).toMatchObject({ kind: 'removed' });
    expect(await a.channelsFor('stages', [model])).toHaveLength(channels.length - 2);
  });
});
