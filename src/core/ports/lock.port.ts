/**
 * Short-lived exclusive claims, so one decision or one scheduled run happens exactly once.
 * Shaped after Redis `SET key owner NX PX ttl`: a claim has an owner and an expiry, so a crashed holder
 * never blocks forever and only the holder can release it.
 */
export interface LockPort {
  /** True for exactly one caller while the claim lives; false when someone else holds `key`. */
  acquire(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Pushes the expiry of `owner`'s claim on `key` to `ttlMs` from now; false when `owner` no longer holds it. */
  extend(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Frees `key` if `owner` still holds it (a no-op otherwise). */
  release(key: string, owner: string): Promise<void>;
}
