import { ReadCoalescer } from '../../../src/adapters/http/read-coalescer';

/** A load the test resolves by hand, counting how often it ran. */
function loads() {
  const pending: Array<(v: string) => void> = [];
  let calls = 0;
  return {
    load: (value: string) => () => {
      calls += 1;
      return new Promise<string>((resolve) => pending.push(() => resolve(value)));
    },
    resolveAll: () => pending.splice(0).forEach((resolve) => resolve('')),
    get calls() {
      return calls;
    },
  };
}

describe('ReadCoalescer', () => {
  let now = 1_000_000;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('lets concurrent identical reads share one request, and counts the ones that joined', async () => {
    const c = new ReadCoalescer({ ttlMs: 0, maxEntries: 100, now: clock });
    let calls = 0;
    let release: (v: string) => void = () => undefined;
    const load = () => {
      calls += 1;
      return new Promise<string>((r) => (release = r));
    };
    const reads = Array.from({ length: 50 }, () => c.read('GET /registered-models/get?churn', 'churn', load));
    release('churn v5');
    await expect(Promise.all(reads)).resolves.toEqual(Array(50).fill('churn v5'));
    expect(calls).toBe(1);
    expect(c.counts()).toEqual({ coalesced: 49, cacheHits: 0 });
  });

  it('serves the same read from the cache for ttlMs after the answer arrived, then asks again', async () => {
    const c = new ReadCoalescer({ ttlMs: 5_000, maxEntries: 100, now: clock });
    let calls = 0;
    const load = async () => `answer ${(calls += 1)}`;
    expect(await c.read('k', 'churn', load)).toBe('answer 1');
    now += 4_999;
    expect(await c.read('k', 'churn', load)).toBe('answer 1');
    now += 1;
    expect(await c.read('k', 'churn', load)).toBe('answer 2');
    expect(c.counts()).toEqual({ coalesced: 0, cacheHits: 1 });
  });

  it('keeps nothing with ttlMs 0: only reads in flight are shared', async () => {
    const c = new ReadCoalescer({ ttlMs: 0, maxEntries: 100, now: clock });
    let calls = 0;
    const load = async () => `answer ${(calls += 1)}`;
    await c.read('k', 'churn', load);
    await c.read('k', 'churn', load);
    expect(calls).toBe(2);
  });

  it("drops a written model's reads and every read spanning models, and keeps other models' reads", async () => {
    const c = new ReadCoalescer({ ttlMs: 5_000, maxEntries: 100, now: clock });
    let calls = 0;
    const load = async () => (calls += 1);
    await c.read('churn', 'churn', load);
    await c.read('fraud', 'fraud', load);
    await c.read('tagged models', undefined, load);
    c.invalidate('churn');
    await c.read('churn', 'churn', load);
    await c.read('fraud', 'fraud', load);
    await c.read('tagged models', undefined, load);
    expect(calls).toBe(5);
    c.invalidate(undefined);
    await c.read('fraud', 'fraud', load);
    expect(calls).toBe(6);
  });

  it('answers the reads already waiting when a write drops their entry, but keeps nothing read before the write', async () => {
    const c = new ReadCoalescer({ ttlMs: 5_000, maxEntries: 100, now: clock });
    const l = loads();
    const before = [c.read('k', 'churn', l.load('before the write')), c.read('k', 'churn', l.load('unused'))];
    c.invalidate('churn');
    const after = c.read('k', 'churn', l.load('after the write'));
    expect(l.calls).toBe(2);
    l.resolveAll();
    await expect(Promise.all(before)).resolves.toEqual(['before the write', 'before the write']);
    await expect(after).resolves.toBe('after the write');
    // The entry written last (after the write) is the one kept.
    let calls = 0;
    await c.read('k', 'churn', async () => String((calls += 1)));
    expect(calls).toBe(0);
  });

  it('does not cache failures: the next read asks again', async () => {
    const c = new ReadCoalescer({ ttlMs: 5_000, maxEntries: 100, now: clock });
    await expect(c.read('k', 'churn', () => Promise.reject(new Error('busy')))).rejects.toThrow('busy');
    await expect(c.read('k', 'churn', async () => 'fine')).resolves.toBe('fine');
  });

  it('keeps at most maxEntries, dropping the oldest first', async () => {
    const c = new ReadCoalescer({ ttlMs: 60_000, maxEntries: 2, now: clock });
    let calls = 0;
    const load = async () => (calls += 1);
    await c.read('a', 'a', load);
    await c.read('b', 'b', load);
    await c.read('c', 'c', load);
    await c.read('b', 'b', load);
    await c.read('a', 'a', load);
    expect(calls).toBe(4);
  });
});
