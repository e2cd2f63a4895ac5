import type { LockPort } from '../ports/lock.port';

/**
 * Per-model exclusion between the reconcile and single-version syncs (sync-on-write, webhooks), through the
 * shared LockPort so it holds across instances. Without it, a registration racing a reconcile could create a
 * second page: both read "no page" before either wrote one.
 */
export const MODEL_LOCK_PREFIX = 'lock:sync-model:';
/** Marks "a single-version sync of this model was left to the holder"; the reconcile looks for it when done. */
export const MODEL_PENDING_PREFIX = 'pending:sync-model:';
/** A crashed holder frees the model after this long; a live one renews every third of it. */
export const MODEL_LOCK_TTL_MS = 60_000;
/**
 * How long a single-version sync waits for the model: long enough for another single-version sync to finish,
 * short enough that a Slack command answers promptly. Past it the version is left to the running sync.
 */
export const SYNC_ON_WRITE_LOCK_WAIT_MS = 3_000;
/** How long a reconcile waits for a model a single-version sync holds (those take seconds). */
export const RECONCILE_MODEL_LOCK_WAIT_MS = 30_000;
/** A pending mark nobody took expires: by then any later reconcile has read MLflow afresh anyway. */
export const MODEL_PENDING_TTL_MS = 60 * 60_000;
/** Poll interval while waiting for a model lock. */
const POLL_MS = 50;
/**
 * The fixed owner of pending marks. With it, any holder can test for a mark with `extend` (true only when the mark
 * exists) and clear it with `release`, using nothing but the LockPort.
 */
const PENDING_OWNER = 'modelsync:pending-sync';

/** A model lock this process holds; renewed in the background until released. */
export interface HeldModelLock {
  release(): Promise<void>;
}

export interface ModelLocksOptions {
  readonly ttlMs?: number;
  readonly pollMs?: number;
}

/** Acquires, renews and releases per-model sync locks, and passes pending single-version syncs to the holder. */
export class ModelLocks {
  private readonly ttlMs: number;
  private readonly pollMs: number;

  /** Without a LockPort (tests, one-off tools that run alone) every acquire succeeds and nothing is pending. */
  constructor(
    private readonly lock: LockPort | undefined,
    private readonly newOwner: () => string,
    options: ModelLocksOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? MODEL_LOCK_TTL_MS;
    this.pollMs = options.pollMs ?? POLL_MS;
  }

  /** The model's lock, waiting up to `waitMs`; undefined when someone else still holds it. Store errors propagate. */
  async acquire(model: string, waitMs: number): Promise<HeldModelLock | undefined> {
    const { lock } = this;
    if (!lock) return { release: async () => {} };
    const key = MODEL_LOCK_PREFIX + model;
    const owner = this.newOwner();
    const deadline = Date.now() + waitMs;
    while (!(await lock.acquire(key, owner, this.ttlMs))) {
      if (Date.now() + this.pollMs > deadline) return undefined;
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
    const heartbeat = setInterval(() => void lock.extend(key, owner, this.ttlMs).catch(() => undefined), Math.max(1, Math.floor(this.ttlMs / 3)));
    heartbeat.unref();
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        clearInterval(heartbeat);
        await lock.release(key, owner);
      },
    };
  }

  /** Leaves a mark for the holder of the model: "a version of it changed while you held it". */
  async markPending(model: string): Promise<void> {
    await this.lock?.acquire(MODEL_PENDING_PREFIX + model, PENDING_OWNER, MODEL_PENDING_TTL_MS);
  }

  /** True (and the mark cleared) when some single-version sync of the model was left pending. */
  async takePending(model: string): Promise<boolean> {
    if (!this.lock) return false;
    const key = MODEL_PENDING_PREFIX + model;
    // extend succeeds only for an existing mark; a 1 ms expiry consumes it even if the release below fails.
    if (!(await this.lock.extend(key, PENDING_OWNER, 1))) return false;
    await this.lock.release(key, PENDING_OWNER);
    return true;
  }
}
