import type { LockPort } from '../../core/ports/lock.port';
import type { StatePort } from '../../core/ports/store.port';

/**
 * How long a request key is remembered. Bolt refuses bodies signed more than 5 minutes ago, so twice that covers
 * every retry or replay that can still pass the signature check.
 */
export const REQUEST_MEMORY_MS = 10 * 60_000;
/** The claim only bridges "not seen yet" and "remembered"; the mark in the store does the rest. */
const CLAIM_TTL_MS = 30_000;
/** Key written to prove the store takes writes (one key, overwritten, short-lived). */
const WRITE_PROBE_KEY = 'slack-request:write-probe';
const WRITE_PROBE_TTL_MS = 60_000;

/**
 * Remembers Slack request keys so each effect runs once: across restarts (the mark is in the state store, SQLite or
 * Redis, with a TTL) and across instances (the claim is `SET NX` on Redis). The mark is written BEFORE the effect
 * runs: a retry that arrives while the first delivery is still working is answered ack-only, and a crash mid-effect
 * is not replayed (at most once; the user can simply ask again).
 */
export class RequestDedup {
  constructor(
    private readonly state: StatePort,
    private readonly lock: LockPort,
    /** Identifies this process as the claim's owner. */
    private readonly owner: string,
  ) {}

  /** True exactly once per key within REQUEST_MEMORY_MS; false for a retry, replay or duplicate. */
  async firstTime(key: string): Promise<boolean> {
    const storeKey = `slack-request:${key}`;
    if (!(await this.lock.acquire(storeKey, this.owner, CLAIM_TTL_MS))) return false;
    try {
      if ((await this.state.get<number>(storeKey)) !== undefined) return false;
      await this.state.set(storeKey, Date.now(), REQUEST_MEMORY_MS);
      return true;
    } finally {
      await this.lock.release(storeKey, this.owner);
    }
  }

  /** Throws StoreUnavailableError unless the store takes a write now (a full Redis still answers reads). */
  async assertWritable(): Promise<void> {
    await this.state.set(WRITE_PROBE_KEY, Date.now(), WRITE_PROBE_TTL_MS);
  }
}
