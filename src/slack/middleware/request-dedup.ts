import type { LockPort } from '../../core/ports/lock.port';
import type { StatePort } from '../../core/ports/store.port';
import { OnceOnly } from '../../core/once-only';

/**
 * How long a request key is remembered. Bolt refuses bodies signed more than 5 minutes ago, so twice that covers
 * every retry or replay that can still pass the signature check.
 */
export const REQUEST_MEMORY_MS = 10 * 60_000;
/** Key written to prove the store takes writes (one key, overwritten, short-lived). */
const WRITE_PROBE_KEY = 'slack-request:write-probe';
const WRITE_PROBE_TTL_MS = 60_000;

/**
 * Remembers Slack request keys so each effect runs once (see OnceOnly): a retry that arrives while the first
 * delivery is still working is answered ack-only, and a crash mid-effect is not replayed (the user can simply ask
 * again). Store failures propagate, so the middleware fails closed.
 */
export class RequestDedup extends OnceOnly {
  constructor(
    private readonly store: StatePort,
    lock: LockPort,
    /** Identifies this process as the claim's owner. */
    owner: string,
  ) {
    super(store, lock, { scope: 'slack-request', memoryMs: REQUEST_MEMORY_MS, owner });
  }

  /** Throws StoreUnavailableError unless the store takes a write now (a full Redis still answers reads). */
  async assertWritable(): Promise<void> {
    await this.store.set(WRITE_PROBE_KEY, Date.now(), WRITE_PROBE_TTL_MS);
  }
}
