import { createClient } from '@keyv/redis';
import type { Logger } from '../../core/ports/logger.port';
import { classifyStoreFailure } from './store-call';

/** A TCP connect (and handshake) to Redis longer than this counts as failed; Redis on a LAN connects in milliseconds. */
export const REDIS_CONNECT_TIMEOUT_MS = 2_000;
/**
 * Deadline of one Redis command. Commands take well under 10 ms; a second means Redis is paused, swapping or gone,
 * and the caller (a Slack request that must be acknowledged within 3 s, a webhook MLflow waits 30 s for) must hear it.
 */
export const REDIS_COMMAND_DEADLINE_MS = 1_000;
/**
 * How long after creation commands wait for the first connection (instead of failing as offline at once): a store
 * is used right after it is created, and the connection is a few milliseconds away. Shorter than the command
 * deadline, so a Redis that is not there fails as unreachable, not as a timeout.
 */
export const REDIS_FIRST_CONNECT_GRACE_MS = 500;
/** Longest pause between reconnect attempts: the app finds a restarted Redis within about this long. */
export const REDIS_MAX_RECONNECT_DELAY_MS = 2_000;

/** 100 ms doubling up to REDIS_MAX_RECONNECT_DELAY_MS, with jitter so instances do not reconnect in lockstep; never gives up. */
export function reconnectDelayMs(retries: number): number {
  return Math.min(100 * 2 ** retries, REDIS_MAX_RECONNECT_DELAY_MS) + Math.floor(Math.random() * 100);
}

/**
 * A node-redis client configured to fail fast: `disableOfflineQueue` rejects commands at once while the client is
 * not connected (the default queues them until Redis is back, which hung every Slack request and webhook for as long
 * as Redis was down); the connect timeout bounds each attempt; reconnection goes on for ever so the app recovers.
 */
function failFastClient(url: string) {
  return createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: REDIS_CONNECT_TIMEOUT_MS, reconnectStrategy: reconnectDelayMs },
  });
}

/** The node-redis client as created here. */
export type RedisClient = ReturnType<typeof failFastClient>;

/** What the first connection attempt came to (for the start-up check). */
export type RedisStartState = { readonly ready: true } | { readonly ready: false; readonly credentialsRefused: boolean };

/** A client plus its lifecycle. */
export interface RedisConnection {
  readonly client: RedisClient;
  /** Waits up to `timeoutMs` for the first connection. */
  waitUntilReady(timeoutMs: number): Promise<RedisStartState>;
  /**
   * Resolves when the first connection is made, at most REDIS_FIRST_CONNECT_GRACE_MS after the client was created
   * (at once after that, or once it has been connected). Commands wait for it, so a store used right after creation
   * does not fail because its connection is a few milliseconds old; an outage later fails commands at once.
   */
  firstConnection(): Promise<void>;
  close(): Promise<void>;
}

/** Opens a fail-fast client in the background; the state changes (lost, restored) are logged once each. */
export function connectRedis(url: string, logger: Logger): RedisConnection {
  const client = failFastClient(url);
  let down = false;
  let lastError: unknown;
  client.on('error', (err: unknown) => {
    lastError = err;
    if (down) return;
    down = true;
    logger.error({ err, failure: classifyStoreFailure(err) }, 'Redis connection lost: Slack requests are answered "state store unavailable" until it is back');
  });
  client.on('ready', () => {
    if (down) logger.info({}, 'Redis connection restored');
    down = false;
  });
  let everConnected = false;
  const graceEnds = Date.now() + REDIS_FIRST_CONNECT_GRACE_MS;
  const connected = client.connect().then(
    () => (everConnected = true),
    () => false,
  );
  const waitForConnect = async (timeoutMs: number): Promise<boolean> => {
    if (everConnected) return true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const ready = await Promise.race([connected, timedOut]);
    clearTimeout(timer);
    return ready;
  };
  return {
    client,
    async firstConnection() {
      const left = graceEnds - Date.now();
      if (left > 0) await waitForConnect(left);
    },
    async waitUntilReady(timeoutMs) {
      const ready = await waitForConnect(timeoutMs);
      if (ready && client.isReady) return { ready: true };
      return { ready: false, credentialsRefused: /\b(WRONGPASS|NOAUTH|NOPERM)\b/.test(String((lastError as Error | undefined)?.message)) };
    },
    async close() {
      // close() waits for replies; with Redis gone there are none to wait for.
      if (client.isReady) await client.close();
      else if (client.isOpen) client.destroy();
    },
  };
}
