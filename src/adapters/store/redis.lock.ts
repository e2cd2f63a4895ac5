import type { LockPort } from '../../core/ports/lock.port';
import { StoreUnavailableError } from './store.errors';

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
  ) {}

  async acquire(key: string, owner: string, ttlMs: number): Promise<boolean> {
    try {
      const reply = await (
        await this.client()
      ).set(this.prefix + key, owner, { condition: 'NX', expiration: { type: 'PX', value: Math.max(1, Math.round(ttlMs)) } });
      return reply === 'OK';
    } catch (e) {
      throw new StoreUnavailableError('Redis could not take a lock (check REDIS_URL).', { cause: e });
    }
  }

  async extend(key: string, owner: string, ttlMs: number): Promise<boolean> {
    try {
      const reply = await (await this.client()).eval(EXTEND_SCRIPT, { keys: [this.prefix + key], arguments: [owner, String(Math.max(1, Math.round(ttlMs)))] });
      return reply === 1;
    } catch (e) {
      throw new StoreUnavailableError('Redis could not renew a lock (check REDIS_URL).', { cause: e });
    }
  }

  async release(key: string, owner: string): Promise<void> {
    try {
      await (await this.client()).eval(RELEASE_SCRIPT, { keys: [this.prefix + key], arguments: [owner] });
    } catch (e) {
      throw new StoreUnavailableError('Redis could not release a lock (check REDIS_URL).', { cause: e });
    }
  }
}
