import type { LockPort } from '../../core/ports/lock.port';
import { storeCall } from './store-call';

/** The part of a node-redis client the lock uses. */
export interface RedisLockClient {
  set(key: string, value: string, options: { condition: 'NX'; expiration: { type: 'PX'; value: number } }): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** Deletes the key only when its value is still our owner token, so a late release never frees another's claim. */
const RELEASE_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** Renews the expiry only while the key still holds our owner token. */
const EXTEND_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

/** Claims shared by every instance: `SET key owner NX PX ttl` (atomic on the Redis server). */
export class RedisLock implements LockPort {
  constructor(
    private readonly client: () => Promise<RedisLockClient>,
    private readonly prefix = 'modelsync:',
    /** Per-command deadline; failures and timeouts become StoreUnavailableError. */
    private readonly deadlineMs?: number,
  ) {}

  async acquire(key: string, owner: string, ttlMs: number): Promise<boolean> {
    const reply = await storeCall(
      'take a lock',
      async () => (await this.client()).set(this.prefix + key, owner, { condition: 'NX', expiration: { type: 'PX', value: positiveMs(ttlMs) } }),
      this.deadlineMs,
    );
    return reply === 'OK';
  }

  async extend(key: string, owner: string, ttlMs: number): Promise<boolean> {
    const reply = await storeCall(
      'renew a lock',
      async () => (await this.client()).eval(EXTEND_SCRIPT, { keys: [this.prefix + key], arguments: [owner, String(positiveMs(ttlMs))] }),
      this.deadlineMs,
    );
    return reply === 1;
  }

  async release(key: string, owner: string): Promise<void> {
    await storeCall(
      'release a lock',
      async () => (await this.client()).eval(RELEASE_SCRIPT, { keys: [this.prefix + key], arguments: [owner] }),
      this.deadlineMs,
    );
  }
}

function positiveMs(ms: number): number {
  return Math.max(1, Math.round(ms));
}
