import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStore } from '../../../src/adapters/store/create-store';
import { MemoryLock } from '../../../src/adapters/store/memory.lock';

const clockAt = (start: number) => {
  const c = { t: start, now: () => c.t };
  return c;
};

describe('SQLite store', () => {
  it('keeps values across a close and reopen of the same file (a restart)', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'store-')), 'nested', 'state.sqlite');
    const first = createStore({ sqlitePath: file, clock: clockAt(0) });
    await first.state.set('approval:1', { id: '1', status: 'pending', metrics: { f1: 0.5 } });
    await first.close();

    const second = createStore({ sqlitePath: file, clock: clockAt(0) });
    expect(await second.state.get('approval:1')).toEqual({ id: '1', status: 'pending', metrics: { f1: 0.5 } });
    await second.state.delete('approval:1');
    expect(await second.state.get('approval:1')).toBeUndefined();
    await second.close();
  });

  it('forgets a value once its ttl has passed', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'store-')), 'state.sqlite');
    const store = createStore({ sqlitePath: file, clock: clockAt(0) });
    await store.state.set('short', 'x', 60_000);
    expect(await store.state.get('short')).toBe('x');
    // keyv compares expiry with Date.now(): move that clock instead of sleeping.
    const later = Date.now() + 60_001;
    const spy = jest.spyOn(Date, 'now').mockReturnValue(later);
    try {
      expect(await store.state.get('short')).toBeUndefined();
    } finally {
      spy.mockRestore();
    }
    await store.close();
  });
});

describe('MemoryLock', () => {
  it('gives a claim to exactly one of many concurrent callers', async () => {
    const lock = new MemoryLock(clockAt(1000));
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => lock.acquire('k', `owner-${i}`, 5000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('lets only the owner release, and frees an expired claim for the next caller', async () => {
    const clock = clockAt(1000);
    const lock = new MemoryLock(clock);
    expect(await lock.acquire('k', 'a', 100)).toBe(true);
    await lock.release('k', 'b');
    expect(await lock.acquire('k', 'b', 100)).toBe(false);
    clock.t += 101;
    expect(await lock.acquire('k', 'b', 100)).toBe(true);
    await lock.release('k', 'b');
    expect(await lock.acquire('k', 'c', 100)).toBe(true);
  });
});
