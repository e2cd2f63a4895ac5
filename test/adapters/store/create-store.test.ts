import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { createStore } from '../../../src/adapters/store/create-store';
import { MemoryLock } from '../../../src/adapters/store/memory.lock';
import { purgeExpiredRows } from '../../../src/adapters/store/sqlite-expiry';

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

/** Rows in the keyv table of a SQLite file, counted by a separate connection (what is really on disk). */
async function rowCount(file: string): Promise<number> {
  const rows = await sql(file, 'SELECT COUNT(*) AS n FROM keyv');
  return (rows[0] as { n: number }).n;
}

/** Runs one statement on its own connection to the file. */
async function sql(file: string, text: string, ...params: unknown[]): Promise<unknown[]> {
  const db = new sqlite3.Database(file);
  try {
    return await new Promise<unknown[]>((resolve, reject) => db.all(text, params, (err: Error | null, rows: unknown[]) => (err ? reject(err) : resolve(rows))));
  } finally {
    await new Promise((r) => db.close(r));
  }
}

describe('SQLite store housekeeping', () => {
  it('purges expired entries that are never read again (dedupe marks) and keeps live and ttl-less ones', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'store-')), 'state.sqlite');
    const store = createStore({ sqlitePath: file, clock: clockAt(0) });
    const expiring = 40;
    await Promise.all(Array.from({ length: expiring }, (_, i) => store.state.set(`slack-request:cmd:${i}`, i, 60_000)));
    await store.state.set('approval:live', { id: 'live' }, 3_600_000);
    await store.state.set('alias-holder:churn:champion', '3');
    expect(await rowCount(file)).toBe(expiring + 2);
    expect(await store.purgeExpired()).toBe(0);

    const spy = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 60_001);
    try {
      expect(await store.purgeExpired()).toBe(expiring);
    } finally {
      spy.mockRestore();
    }
    expect(await rowCount(file)).toBe(2);
    expect(await store.state.get('approval:live')).toEqual({ id: 'live' });
    expect(await store.state.get('alias-holder:churn:champion')).toBe('3');
    await store.close();
  });

  it('purges in batches until nothing expired is left, and skips rows of other namespaces and non-keyv values', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'store-')), 'state.sqlite');
    const store = createStore({ sqlitePath: file, clock: clockAt(0) });
    await Promise.all(Array.from({ length: 23 }, (_, i) => store.state.set(`webhook-delivery:${i}`, 1, 1)));
    await store.close();
    await sql(file, 'INSERT INTO keyv (key, value) VALUES (?, ?), (?, ?)', 'other:x', JSON.stringify({ value: 1, expires: 1 }), 'modelsync:raw', 'not json');
    const query = (text: string, ...params: unknown[]) => sql(file, text, ...params);
    expect(await purgeExpiredRows(query, 'keyv', 'modelsync', Date.now() + 1_000, 7)).toBe(23);
    expect(((await sql(file, 'SELECT key FROM keyv ORDER BY key')) as { key: string }[]).map((r) => r.key)).toEqual(['modelsync:raw', 'other:x']);
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
