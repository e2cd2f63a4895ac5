/**
 * One Notion budget for every process on the same Redis: Bottleneck's clustering (`datastore: 'ioredis'`) keeps the
 * limiter's state (next allowed request time, requests running) in Redis, updated by Lua scripts, so two app
 * instances and a CLI run together stay at the integration's ~3 requests/s instead of 3/s each.
 *
 * Fails safe: Redis must never stall a Notion call. A call goes to this process's own limiter (the pace it had before
 * clustering) while Redis is not connected, while the clustered limiter is not ready yet, and for 2 s after any Redis
 * error; and a call already waiting in the clustered limiter moves to it as soon as Redis fails (Bottleneck itself
 * would keep such a call queued until Redis answers again). A paused Redis is caught by the 1 s command timeout.
 */
import { createHash } from 'node:crypto';
import Bottleneck from 'bottleneck';
import Redis from 'ioredis';
import type { Logger } from '../../core/ports/logger.port';
import { REDIS_COMMAND_DEADLINE_MS, REDIS_CONNECT_TIMEOUT_MS, reconnectDelayMs } from '../store/redis-connection';
import { paceSettings, processNotionPace, type NotionPace } from './notion.pace';

/** After a Redis error, new calls use the process pace this long before the shared one is tried again. */
export const SHARED_PACE_COOLDOWN_MS = 2_000;
/** Redis forgets an idle budget after this long (Bottleneck's `timeout`), so abandoned keys do not pile up. */
const IDLE_KEY_TTL_MS = 10 * 60_000;

export interface SharedPaceOptions {
  readonly redisUrl: string;
  /** Who shares the budget: the integration (its token) at one Notion address. Only a hash of it reaches Redis. */
  readonly integration: { readonly token: string; readonly baseUrl?: string };
  readonly requestsPerSecond?: number;
  readonly logger: Logger;
}

/**
 * The Bottleneck id of an integration's budget: a hash of the Notion address and token, so every process using
 * the same integration lands on the same keys, and no token is written to Redis.
 */
export function sharedBudgetId(integration: SharedPaceOptions['integration']): string {
  const digest = createHash('sha256')
    .update(`${integration.baseUrl ?? 'https://api.notion.com'}\n${integration.token}`)
    .digest('hex');
  return `modelsync-notion-${digest.slice(0, 24)}`;
}

/** The part of Bottleneck's Redis datastore used to restore a budget Redis lost (see restoreState). */
interface BottleneckRedisStore {
  runScript(name: string, args: unknown[]): Promise<unknown>;
  prepareInitSettings(clear: boolean): unknown[];
}

/** The replies of Bottleneck's scripts when Redis no longer holds the budget or this client. */
function lostState(err: unknown): boolean {
  return /\b(SETTINGS_KEY_NOT_FOUND|UNKNOWN_CLIENT)\b/.test(String((err as Error | undefined)?.message));
}

/** Which limiter a call ended up with. */
type Owner = 'none' | 'shared' | 'process';

export function sharedNotionPace(options: SharedPaceOptions): NotionPace {
  const settings = paceSettings(options.requestsPerSecond ?? 3);
  const fallback = processNotionPace(options.requestsPerSecond);
  const client = new Redis(options.redisUrl, {
    // Fail at once while disconnected (the default queues commands until Redis is back: a hang).
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    commandTimeout: REDIS_COMMAND_DEADLINE_MS,
    retryStrategy: (times) => reconnectDelayMs(times),
  });
  const connection = new Bottleneck.IORedisConnection({ client });
  const limiter = new Bottleneck({
    ...settings,
    id: sharedBudgetId(options.integration),
    datastore: 'ioredis',
    connection,
    // Never wipe the budget: other processes are using it.
    clearDatastore: false,
    timeout: IDLE_KEY_TTL_MS,
  });

  let ready = false;
  let stopped = false;
  let troubleAt = 0;
  let degraded = false;
  let restoring: Promise<void> | undefined;
  const onTrouble = new Set<() => void>();
  const trouble = (err: unknown): void => {
    if (stopped) return;
    troubleAt = Date.now();
    if (lostState(err)) restoreState();
    else if (!degraded) {
      degraded = true;
      options.logger.warn({ err }, 'Redis unavailable for the shared Notion budget: this process paces its Notion calls alone until it is back');
    }
    for (const reroute of [...onTrouble]) reroute();
  };
  // Redis restarted without its data: Bottleneck would re-create the budget's keys, but it recognises the scripts'
  // SETTINGS_KEY_NOT_FOUND / UNKNOWN_CLIENT replies only without the "ERR " prefix Redis 7 adds. Do what it would do.
  const restoreState = (): void => {
    restoring ??= (async () => {
      options.logger.info({}, 'Redis lost the shared Notion budget (restarted empty?): creating it again');
      const store = (limiter as unknown as { _store: BottleneckRedisStore })._store;
      await store.runScript('init', store.prepareInitSettings(false));
      await store.runScript('register_client', [limiter.queued()]);
    })()
      .catch((err: unknown) => options.logger.warn({ err }, 'the shared Notion budget could not be created again; retrying on the next Redis error'))
      .finally(() => (restoring = undefined));
  };
  limiter.on('error', trouble);
  // Bottleneck already listens to both clients' errors and re-emits them as limiter errors; a closed socket is
  // reported here too, since ioredis may close without an error (e.g. Redis shut down cleanly).
  void limiter.ready().then(
    ({ client: main, subscriber }: { client: Redis; subscriber: Redis }) => {
      ready = true;
      for (const c of [main, subscriber]) c.on('close', () => trouble(new Error('Redis connection closed')));
    },
    (err: unknown) => trouble(err),
  );
  const usable = (): boolean => {
    const up = ready && client.status === 'ready' && Date.now() - troubleAt > SHARED_PACE_COOLDOWN_MS;
    if (up && degraded) {
      degraded = false;
      options.logger.info({}, 'Redis is back: Notion calls share the budget of every process again');
    }
    return up;
  };

  const schedule = <T>(call: () => Promise<T>): Promise<T> => {
    if (!usable()) return fallback.schedule(call);
    return new Promise<T>((resolve, reject) => {
      let owner: Owner = 'none';
      const toProcessPace = (): void => {
        if (owner !== 'none') return;
        owner = 'process';
        onTrouble.delete(toProcessPace);
        fallback.schedule(call).then(resolve, reject);
      };
      onTrouble.add(toProcessPace);
      limiter
        .schedule(async () => {
          // Already handed to the process pace: the slot passes without a request.
          if (owner !== 'none') return undefined as T;
          owner = 'shared';
          onTrouble.delete(toProcessPace);
          return call();
        })
        .then(
          (value) => {
            if (owner === 'shared') resolve(value);
          },
          (err: unknown) => {
            if (owner === 'shared') return reject(err);
            // Refused before it ran (Redis failed at submit, or lost the budget): nothing was sent.
            if (lostState(err)) trouble(err);
            toProcessPace();
          },
        );
    });
  };

  return {
    scope: 'shared',
    current: () => (usable() ? 'shared' : 'process'),
    schedule,
    queued: () => limiter.queued() + fallback.queued(),
    async stop() {
      stopped = true;
      onTrouble.clear();
      await Promise.all([limiter.stop({ dropWaitingJobs: true }).catch(() => undefined), fallback.stop()]);
      // The connection, not limiter.disconnect() (which only unsubscribes a shared connection's limiter); no QUIT
      // round trip: with Redis gone there would be no answer to wait for.
      await connection.disconnect(false);
    },
  };
}
