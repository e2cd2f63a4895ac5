import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Keyv from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import KeyvRedis from '@keyv/redis';
import type { Clock } from '../../core/ports/clock.port';
import type { LockPort } from '../../core/ports/lock.port';
import type { StatePort } from '../../core/ports/store.port';
import { KeyvStateStore } from './keyv-state.store';
import { MemoryLock } from './memory.lock';
import { RedisLock, type RedisLockClient } from './redis.lock';
import { tuneSqliteForSmallWrites, type SqliteQuery } from './sqlite-tuning';

/** Namespace of every key the app stores. */
export const STORE_NAMESPACE = 'modelsync';
/** How long SQLite waits for a lock held by another connection. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

export interface StoreOptions {
  /** SQLite file used when no Redis URL is given. */
  readonly sqlitePath: string;
  readonly redisUrl?: string;
  readonly clock: Clock;
}

/** The app's state and locks, plus a way to close the connection. */
export interface Store {
  readonly state: StatePort;
  readonly lock: LockPort;
  readonly kind: 'sqlite' | 'redis';
  close(): Promise<void>;
}

/** SQLite file by default (one process), Redis when REDIS_URL is set (several instances share state and locks). */
export function createStore(options: StoreOptions): Store {
  if (options.redisUrl) {
    const adapter = new KeyvRedis(options.redisUrl);
    const keyv = new Keyv({ store: adapter, namespace: STORE_NAMESPACE });
    const client = async () => (await adapter.getClient()) as unknown as RedisLockClient;
    return {
      state: new KeyvStateStore(keyv),
      lock: new RedisLock(client, `${STORE_NAMESPACE}:`),
      kind: 'redis',
      close: () => keyv.disconnect(),
    };
  }
  mkdirSync(path.dirname(path.resolve(options.sqlitePath)), { recursive: true });
  // busyTimeout: wait for another connection's write instead of failing at once with SQLITE_BUSY.
  const adapter = new KeyvSqlite({ uri: `sqlite://${path.resolve(options.sqlitePath)}`, busyTimeout: SQLITE_BUSY_TIMEOUT_MS });
  void tuneSqliteForSmallWrites(adapter.query as SqliteQuery, (err) => adapter.emit('error', err));
  const keyv = new Keyv({ store: adapter, namespace: STORE_NAMESPACE });
  return {
    state: new KeyvStateStore(keyv),
    lock: new MemoryLock(options.clock),
    kind: 'sqlite',
    close: () => keyv.disconnect(),
  };
}
