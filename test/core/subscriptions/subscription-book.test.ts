import { MemoryLock } from '../../../src/adapters/store/memory.lock';
import { SubscriptionBook } from '../../../src/core/subscriptions/subscription-book';
import { matchesModel, MAX_SUBSCRIPTIONS_PER_CHANNEL, NOTICE_KINDS } from '../../../src/core/subscriptions/subscription';
import { InMemoryState } from '../../support/fakes/in-memory-state';

function books() {
  const clock = { t: 1_750_000_000_000, now: () => clock.t };
  const state = new InMemoryState(clock);
  // Two books over one store and one lock, as two instances over one Redis.
  const lock = new MemoryLock(clock);
  return { state, clock, book: new SubscriptionBook(state, lock, clock), other: new SubscriptionBook(state, lock, clock) };
}

describe('model patterns', () => {
  it.each([
    ['churn', 'churn', true],
    ['churn', 'churn-v2', false],
    ['churn*', 'churn-v2', true],
    ['churn*', 'churn', true],
    ['*-prod', 'fraud-prod', true],
    ['*-prod', 'fraud-prod-old', false],
    ['fr?ud', 'fraud', true],
    ['fr?ud', 'frud', false],
    ['*', 'anything at all', true],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'aXXbYY', false],
    ['Churn*', 'churn', false],
    ['fraud v2', 'fraud v2', true],
    ['[abc]', 'a', false],
  ])('%s matches %s: %s', (pattern, model, expected) => {
    expect(matchesModel(pattern, model)).toBe(expected);
  });

  it('matches a long name against many stars without backtracking blow-up', () => {
    const started = Date.now();
    expect(matchesModel('*a*a*a*a*a*a*a*a*b', 'a'.repeat(256))).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('SubscriptionBook', () => {
  it('serves matching channels by kind, in subscription order, and a star subscription also for notices naming no model', async () => {
    const { book } = books();
    await book.subscribe('C1', 'churn*', ['stages'], 'U1');
    await book.subscribe('C2', '*', ['reports', 'stages'], 'U2');
    await book.subscribe('C3', 'fraud', NOTICE_KINDS, 'U3');
    expect(await book.channelsFor('stages', ['churn-eu'])).toEqual(['C1', 'C2']);
    expect(await book.channelsFor('aliases', ['churn-eu'])).toEqual([]);
    expect(await book.channelsFor('versions', ['fraud'])).toEqual(['C3']);
    expect(await book.channelsFor('reports', [])).toEqual(['C2']);
    expect(await book.channelsFor('reports', ['fraud', 'churn'])).toEqual(['C2', 'C3']);
  });

  it('widens an existing pattern instead of adding a second one, and says when nothing changed', async () => {
    const { book, other } = books();
    expect(await book.subscribe('C1', 'churn', ['stages'], 'U1')).toMatchObject({ kind: 'added' });
    expect(await other.subscribe('C1', 'churn', ['aliases', 'stages'], 'U2')).toMatchObject({ kind: 'widened', added: ['aliases'] });
    expect(await book.subscribe('C1', 'churn', ['aliases'], 'U1')).toMatchObject({ kind: 'unchanged' });
    expect((await book.of('C1')).subscriptions).toEqual([expect.objectContaining({ pattern: 'churn', kinds: ['stages', 'aliases'], by: 'U2' })]);
  });

  it('refuses past the per-channel cap and keeps the list as it was', async () => {
    const { book } = books();
    for (let i = 0; i < MAX_SUBSCRIPTIONS_PER_CHANNEL; i += 1) await book.subscribe('C1', `m${i}`, ['stages'], 'U1');
    expect(await book.subscribe('C1', 'one-more', ['stages'], 'U1')).toEqual({ kind: 'channel_full', limit: MAX_SUBSCRIPTIONS_PER_CHANNEL });
    expect((await book.of('C1')).subscriptions).toHaveLength(MAX_SUBSCRIPTIONS_PER_CHANNEL);
    expect(await book.channelsFor('stages', ['one-more'])).toEqual([]);
  });

  it('narrows, removes, and forgets a channel whose last subscription is removed', async () => {
    const { book, state } = books();
    await book.subscribe('C1', 'churn', NOTICE_KINDS, 'U1');
    expect(await book.unsubscribe('C1', 'churn', ['reports'], 'U1')).toMatchObject({ kind: 'narrowed', removed: ['reports'] });
    expect(await book.unsubscribe('C1', 'fraud', NOTICE_KINDS, 'U1')).toMatchObject({ kind: 'not_subscribed', patterns: ['churn'] });
    expect(await book.unsubscribe('C1', 'churn', NOTICE_KINDS, 'U1')).toEqual({ kind: 'removed', pattern: 'churn' });
    expect(await state.get('subscriptions:channel:C1')).toBeUndefined();
    expect(await state.get('subscriptions:channels')).toEqual([]);
  });

  it('keeps a suspended channel out of every notice until someone subscribes there again', async () => {
    const { book } = books();
    await book.subscribe('C1', '*', NOTICE_KINDS, 'U1');
    expect(await book.suspend('C1', 'not_in_channel')).toBe(true);
    expect(await book.suspend('C1', 'not_in_channel')).toBe(false);
    expect(await book.channelsFor('stages', ['churn'])).toEqual([]);
    expect((await book.of('C1')).suspended).toMatchObject({ reason: 'not_in_channel' });
    expect(await book.subscribe('C1', '*', ['stages'], 'U2')).toMatchObject({ kind: 'unchanged', resumed: true });
    expect(await book.channelsFor('stages', ['churn'])).toEqual(['C1']);
  });

  it('loses no subscription when many are added at once (read-modify-write under the lock)', async () => {
    const { book, other } = books();
    await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? book : other).subscribe(`C${i}`, 'churn', ['stages'], 'U1')));
    await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? other : book).subscribe('C0', `p${i}`, ['stages'], 'U1')));
    expect((await book.channelsFor('stages', ['churn'])).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `C${i}`).sort());
    expect((await book.of('C0')).subscriptions).toHaveLength(13);
  });
});
