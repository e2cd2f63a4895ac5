import type { LockPort } from './ports/lock.port';
import type { StatePort } from './ports/store.port';

/** The claim only bridges "not seen yet" and "remembered"; the mark in the store does the rest. */
export const ONCE_ONLY_CLAIM_TTL_MS = 30_000;

/** Where a guard keeps its marks and for how long. */
export interface OnceOnlyOptions {
  /** Prefix of the guard's keys in the store (`slack-request`, `webhook-delivery`): one namespace per kind of id. */
  readonly scope: string;
  /** How long an id is remembered: longer than any retry or replay of it can still arrive. */
  readonly memoryMs: number;
  /** Identifies this process as the owner of its claims. */
  readonly owner: string;
  /** What the mark records (when the id was first seen); Date.now by default. */
  readonly now?: () => number;
}

/**
 * Lets each id through once (a Slack request, a webhook delivery), so its effect happens once: across restarts (the
 * mark lives in the state store, SQLite or Redis, with a TTL) and across instances (the claim is `SET NX` on Redis,
 * so two instances reading "unseen" at once cannot both go on). The mark is written BEFORE the effect runs: a retry
 * that arrives while the first delivery is still working is refused, and a crash mid-effect is not replayed (at most
 * once). Store failures are not caught: the caller decides how to fail (closed, for Slack requests).
 */
export class OnceOnly {
  private readonly now: () => number;

  constructor(
    private readonly state: StatePort,
    private readonly lock: LockPort,
    private readonly options: OnceOnlyOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** True exactly once per id within `memoryMs`; false for a retry, replay or duplicate. */
  async firstTime(id: string): Promise<boolean> {
    const key = `${this.options.scope}:${id}`;
    if (!(await this.lock.acquire(key, this.options.owner, ONCE_ONLY_CLAIM_TTL_MS))) return false;
    try {
      if ((await this.state.get<number>(key)) !== undefined) return false;
      await this.state.set(key, this.now(), this.options.memoryMs);
      return true;
    } finally {
      await this.lock.release(key, this.options.owner);
    }
  }
}
