import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Keyv from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import KeyvRedis from '@keyv/redis';
import type { Clock } from '../../core/ports/clock.port';
import type { LockPort } from '../../core/ports/lock.port';
import { silentLogger, type Logger } from '../../core/ports/logger.port';
import type { StatePort } from '../../core/ports/store.port';
import { KeyvStateStore } from './keyv-state.store';
import { MemoryLock } from './memory.lock';
import { connectRedis, REDIS_COMMAND_DEADLINE_MS, type RedisStartState } from './redis-connection';
import { RedisLock, type RedisLockClient } from './redis.lock';
import { purgeExpiredRows, type SqliteQuery } from './sqlite-expiry';
import { storeCall } from './store-call';
import { tuneSqliteForSmallWrites } from './sqlite-tuning';

/** Namespace of every key the app stores. */
export const STORE_NAMESPACE = 'modelsync';
/** How long SQLite waits for a lock held by another connection. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

export interface StoreOptions {
  /** SQLite file used when no Redis URL is given. */
  readonly sqlitePath: string;
  readonly redisUrl?: string;
  readonly clock: Clock;
  /** Where Redis connection losses and recoveries are reported. */
  readonly logger?: Logger;
}

/** The app's state and locks, plus housekeeping and a way to close the connection. */
export interface Store {
  readonly state: StatePort;
  readonly lock: LockPort;
  readonly kind: 'sqlite' | 'redis';
  /** Deletes expired entries and returns how many (SQLite; Redis expires keys itself and answers 0). */
  purgeExpired(): Promise<number>;
  /** Waits up to `timeoutMs` for the store to be usable (Redis: the first connection; SQLite: always ready). */
  waitUntilReady(timeoutMs: number): Promise<RedisStartState>;
  close(): Promise<void>;
}

/** SQLite file by default (one process), Redis when REDIS_URL is set (several instances share state and locks). */
export function createStore(options: StoreOptions): Store {
  return options.redisUrl ? redisStore(options.redisUrl, options.logger ?? silentLogger) : sqliteStore(options);
}

function redisStore(url: string, logger: Logger): Store {
  const connection = connectRedis(url, logger);
  // throwOnErrors: keyv and the adapter otherwise swallow a refused write (OOM) and report success.
  const adapter = new KeyvRedis(connection.client, { throwOnErrors: true, throwOnConnectError: true });
  const keyv = new Keyv({ store: adapter, namespace: STORE_NAMESPACE, throwOnErrors: true });
  // keyv re-emits adapter errors; the connection already logs them once per outage.
  keyv.on('error', () => {});
  const client = async () => {
    await connection.firstConnection();
    return connection.client as unknown as RedisLockClient;
  };
  return {
    state: new KeyvStateStore(keyv, REDIS_COMMAND_DEADLINE_MS, () => connection.firstConnection()),
    lock: new RedisLock(client, `${STORE_NAMESPACE}:`, REDIS_COMMAND_DEADLINE_MS),
    kind: 'redis',
    purgeExpired: async () => 0,
    waitUntilReady: (timeoutMs) => connection.waitUntilReady(timeoutMs),
    close: () => connection.close(),
  };
}

function sqliteStore(options: StoreOptions): Store {
  mkdirSync(path.dirname(path.resolve(options.sqlitePath)), { recursive: true });
  // busyTimeout: wait for another connection's write instead of failing at once with SQLITE_BUSY.
  const adapter = new KeyvSqlite({ uri: `sqlite://${path.resolve(options.sqlitePath)}`, busyTimeout: SQLITE_BUSY_TIMEOUT_MS });
  void tuneSqliteForSmallWrites(adapter.query as SqliteQuery, (err) => adapter.emit('error', err));
  const keyv = new Keyv({ store: adapter, namespace: STORE_NAMESPACE, throwOnErrors: true });
  keyv.on('error', () => {});
  const query = adapter.query as SqliteQuery;
  // keyv compares `expires` with Date.now(), not with an injected clock: the purge must judge expiry the same way.
  const purge = () => purgeExpiredRows(query, adapter.opts.table ?? 'keyv', STORE_NAMESPACE, Date.now());
  return {
    state: new KeyvStateStore(keyv),
    lock: new MemoryLock(options.clock),
    kind: 'sqlite',
    purgeExpired: () => storeCall('purge expired entries', purge),
    waitUntilReady: async () => ({ ready: true }),
    close: () => keyv.disconnect(),
  };
}
