/**
 * Single flight plus a short cache for reads that may be a few seconds old (status, list, App Home, unfurls):
 * concurrent identical reads share one request, and its answer serves the same read for `ttlMs` after it arrives.
 * A write drops the entries of the model it touched (and every entry spanning several models), including a read
 * still in flight, so nothing read before the write is served after it.
 *
 * Hand-written rather than lru-cache's `fetch`: deleting a key there either rejects the callers already waiting
 * (AbortError) or, with `ignoreFetchAbort`, still caches the pre-write answer; here waiting callers get their answer
 * and it is not cached.
 */

/** What a read concerns: one model's name, or `undefined` for reads spanning models (searches by tag). */
export type ReadScope = string | undefined;

interface Entry {
  readonly scope: ReadScope;
  readonly value: Promise<unknown>;
  /** Set once the answer arrived; until then the read is in flight and callers join it. */
  expiresAt?: number;
}

export interface ReadCoalescerOptions {
  /** How long an answer serves identical reads after it arrived; 0 keeps only the single flight. */
  readonly ttlMs: number;
  /** Entries kept at most (oldest dropped first). */
  readonly maxEntries: number;
  readonly now?: () => number;
}

/** Counters since start. */
export interface CoalescerCounts {
  /** Reads that joined an identical read in flight. */
  readonly coalesced: number;
  /** Reads answered from the cache. */
  readonly cacheHits: number;
}

/** Shares identical reads; answers are shared objects, so callers must not mutate them. */
export class ReadCoalescer {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private coalesced = 0;
  private cacheHits = 0;

  constructor(private readonly options: ReadCoalescerOptions) {
    this.now = options.now ?? Date.now;
  }

  counts(): CoalescerCounts {
    return { coalesced: this.coalesced, cacheHits: this.cacheHits };
  }

  /** The answer for `key`: from the cache, from the identical read in flight, or from `load` (once). */
  read<T>(key: string, scope: ReadScope, load: () => Promise<T>): Promise<T> {
    const known = this.entries.get(key);
    if (known) {
      if (known.expiresAt === undefined) {
        this.coalesced += 1;
        return known.value as Promise<T>;
      }
      if (known.expiresAt > this.now()) {
        this.cacheHits += 1;
        return known.value as Promise<T>;
      }
      this.entries.delete(key);
    }
    const value = load();
    const entry: Entry = { scope, value };
    this.add(key, entry);
    value.then(
      () => {
        // Dropped by a write (or evicted) while in flight: answer the callers, keep nothing.
        if (this.entries.get(key) !== entry) return;
        if (this.options.ttlMs > 0) entry.expiresAt = this.now() + this.options.ttlMs;
        else this.entries.delete(key);
      },
      () => {
        // Failures are not cached: the next read tries again.
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return value;
  }

  /**
   * Drops what a write to `model` may have changed: its own entries and every entry spanning models; everything
   * when the write names no model.
   */
  invalidate(model: ReadScope): void {
    for (const [key, entry] of this.entries) {
      if (model === undefined || entry.scope === undefined || entry.scope === model) this.entries.delete(key);
    }
  }

  private add(key: string, entry: Entry): void {
    if (this.entries.size >= this.options.maxEntries) {
      const now = this.now();
      for (const [k, e] of this.entries) if (e.expiresAt !== undefined && e.expiresAt <= now) this.entries.delete(k);
      const oldest = this.entries.keys().next();
      if (this.entries.size >= this.options.maxEntries && !oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, entry);
  }
}
