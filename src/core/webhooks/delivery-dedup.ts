import type { LockPort } from '../ports/lock.port';
import type { StatePort } from '../ports/store.port';

/**
 * How long a delivery id is remembered. Deliveries older than the 5-minute timestamp tolerance are refused
 * anyway, so twice that covers every replay that could still pass the timestamp check.
 */
export const DELIVERY_MEMORY_MS = 10 * 60_000;
/** A claim only bridges the moment between "not seen yet" and "remembered". */
const CLAIM_TTL_MS = 30_000;

/**
 * Remembers webhook delivery ids so each delivery is processed once: across restarts (the state store is
 * SQLite or Redis) and across instances (the claim is atomic on Redis, `SET NX`).
 */
export class DeliveryDedup {
  constructor(
    private readonly state: StatePort,
    private readonly lock: LockPort,
    /** Identifies this process as the claim's owner. */
    private readonly owner: string,
  ) {}

  /** True exactly once per delivery id (within DELIVERY_MEMORY_MS); false for a duplicate. */
  async firstTime(deliveryId: string): Promise<boolean> {
    const key = `webhook-delivery:${deliveryId}`;
    // Two instances may read "unseen" at once; only the claim holder goes on.
    if (!(await this.lock.acquire(key, this.owner, CLAIM_TTL_MS))) return false;
    try {
      if ((await this.state.get<number>(key)) !== undefined) return false;
      await this.state.set(key, 1, DELIVERY_MEMORY_MS);
      return true;
    } finally {
      await this.lock.release(key, this.owner);
    }
  }
}
