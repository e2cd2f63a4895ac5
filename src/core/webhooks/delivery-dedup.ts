import type { LockPort } from '../ports/lock.port';
import type { StatePort } from '../ports/store.port';
import { OnceOnly } from '../once-only';

/**
 * How long a delivery id is remembered. Deliveries older than the 5-minute timestamp tolerance are refused
 * anyway, so twice that covers every replay that could still pass the timestamp check.
 */
export const DELIVERY_MEMORY_MS = 10 * 60_000;

/** Remembers webhook delivery ids so each delivery is processed once (see OnceOnly). */
export class DeliveryDedup extends OnceOnly {
  constructor(state: StatePort, lock: LockPort, owner: string) {
    super(state, lock, { scope: 'webhook-delivery', memoryMs: DELIVERY_MEMORY_MS, owner });
  }
}
