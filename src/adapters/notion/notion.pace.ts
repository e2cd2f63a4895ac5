/**
 * How fast this app sends Notion requests. Notion's limit (about 3 requests/s) is per integration, not per process:
 * two app instances and a CLI run sharing one integration token share one budget. With Redis configured the pace is
 * kept there (`sharedNotionPace`, notion.shared-pace.ts); otherwise in this process (`processNotionPace`).
 */
import Bottleneck from 'bottleneck';

/** Notion's documented average rate per integration. */
export const DEFAULT_REQUESTS_PER_SECOND = 3;
/** Requests in flight at once; the rate is set by minTime, this only bounds bursts after a pause. */
export const MAX_CONCURRENT = 3;

/** Where requests wait for their turn. */
export interface NotionPace {
  /** `process`: this process alone; `shared`: every process on the same Redis and integration. */
  readonly scope: 'process' | 'shared';
  /** The limiter new calls use now: a shared pace falls back to `process` while Redis is unavailable. */
  current(): 'process' | 'shared';
  /** Runs `call` when the budget allows. */
  schedule<T>(call: () => Promise<T>): Promise<T>;
  /** Calls of this process waiting for their turn now (the limiter queue length in /metrics). */
  queued(): number;
  /** Drops waiting calls and releases connections. */
  stop(): Promise<void>;
}

/** Bottleneck settings for `requestsPerSecond`: one request every 1000/rps ms (rounded up), MAX_CONCURRENT at once. */
export function paceSettings(requestsPerSecond: number): { minTime: number; maxConcurrent: number } {
  return { minTime: Math.ceil(1000 / requestsPerSecond), maxConcurrent: MAX_CONCURRENT };
}

/** The pace of this process alone (one process on SQLite, or the fallback of the shared pace while Redis is down). */
export function processNotionPace(requestsPerSecond = DEFAULT_REQUESTS_PER_SECOND): NotionPace {
  const limiter = new Bottleneck(paceSettings(requestsPerSecond));
  return {
    scope: 'process',
    current: () => 'process',
    schedule: (call) => limiter.schedule(call),
    queued: () => limiter.queued(),
    stop: () => limiter.stop({ dropWaitingJobs: true }),
  };
}
