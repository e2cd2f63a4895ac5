import { APIResponseError, isNotionClientError } from '@notionhq/client';
import type { Logger } from '../../core/ports/logger.port';
import { networkErrorCode, provesNotSent, toNotionError } from './notion.error-map';
import { DEFAULT_REQUESTS_PER_SECOND, processNotionPace, type NotionPace } from './notion.pace';

export { DEFAULT_REQUESTS_PER_SECOND };
/** Retries of a transient failure (5xx, timeout, reset connection) for calls safe to repeat. */
export const DEFAULT_MAX_RETRIES = 3;
/** 429s are Notion asking us to slow down, not a failure: allow more of them before giving up. */
export const DEFAULT_MAX_RATE_LIMIT_RETRIES = 10;
/** First back-off step when Notion gives no Retry-After. */
export const DEFAULT_BASE_DELAY_MS = 500;
/** Upper bound of any single wait, Retry-After included. */
export const MAX_DELAY_MS = 60_000;
/** How long a 429 without Retry-After pauses calls. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 1000;

/** How a call may be repeated. */
export interface CallSpec {
  /** Words for error messages: "reading the Notion database". */
  readonly what: string;
  /**
   * True for GET, the data-source query and page PATCH: repeating them cannot duplicate anything.
   * False for page creation: after a 5xx or a timeout the page may exist, so only answers that prove
   * nothing happened (429, connection refused) are retried; the sync's duplicate handling covers the rest.
   */
  readonly idempotent: boolean;
}

/** Options of the request policy. */
export interface RequestPolicyOptions {
  /** Pace of this process alone at this rate (default 3/s), unless `pace` is given. */
  readonly requestsPerSecond?: number;
  /** Where calls wait for their turn: e.g. the budget shared through Redis by every process (notion.shared-pace.ts). */
  readonly pace?: NotionPace;
  readonly maxRetries?: number;
  readonly maxRateLimitRetries?: number;
  readonly baseDelayMs?: number;
  readonly logger: Logger;
  /** Injectable for unit tests with fake timers. */
  readonly sleep?: (ms: number) => Promise<void>;
}

type Decision = { readonly kind: 'rate_limited'; readonly waitMs: number } | { readonly kind: 'transient' } | { readonly kind: 'fatal' };

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one place that decides how Notion calls are paced and retried: a limiter at ~3 requests/s for every call
 * of an adapter instance (or of every process on one Redis, with the shared pace), a shared pause when Notion answers 429 (so all queued calls wait out
 * Retry-After, not just the one that got it), and retries of transient failures only where they are safe.
 * The SDK's own retry is off because it retries 5xx only for GET/DELETE and never retries timeouts.
 */
export class NotionRequestPolicy {
  private readonly pace: NotionPace;
  private readonly maxRetries: number;
  private readonly maxRateLimitRetries: number;
  private readonly baseDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private pausedUntil = 0;

  constructor(private readonly options: RequestPolicyOptions) {
    this.pace = options.pace ?? processNotionPace(options.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND);
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    this.maxRateLimitRetries = options.maxRateLimitRetries ?? DEFAULT_MAX_RATE_LIMIT_RETRIES;
    this.baseDelayMs = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** Runs one Notion call under the limiter and the retry policy; failures come out as typed NotionErrors. */
  async run<T>(spec: CallSpec, call: () => Promise<T>): Promise<T> {
    let transientRetries = 0;
    let rateLimitRetries = 0;
    for (;;) {
      try {
        return await this.pace.schedule(async () => {
          await this.waitOutPause();
          return call();
        });
      } catch (e) {
        const decision = classify(e, spec);
        if (decision.kind === 'rate_limited' && rateLimitRetries < this.maxRateLimitRetries) {
          rateLimitRetries += 1;
          this.pausedUntil = Math.max(this.pausedUntil, Date.now() + decision.waitMs);
          this.options.logger.warn({ what: spec.what, waitMs: decision.waitMs, attempt: rateLimitRetries }, 'notion rate limited; pausing all calls');
          continue;
        }
        if (decision.kind === 'transient' && transientRetries < this.maxRetries) {
          const delay = Math.min(MAX_DELAY_MS, this.baseDelayMs * 2 ** transientRetries * (0.5 + Math.random() / 2));
          transientRetries += 1;
          this.options.logger.warn(
            { what: spec.what, delayMs: Math.round(delay), attempt: transientRetries, code: errorCode(e) },
            'notion call failed; retrying',
          );
          await this.sleep(delay);
          continue;
        }
        throw toNotionError(e, spec.what);
      }
    }
  }

  /** Calls waiting for their turn in this process now. */
  queued(): number {
    return this.pace.queued();
  }

  /** Stops the limiter (pending calls are dropped). */
  async stop(): Promise<void> {
    await this.pace.stop();
  }

  private async waitOutPause(): Promise<void> {
    for (let wait = this.pausedUntil - Date.now(); wait > 0; wait = this.pausedUntil - Date.now()) await this.sleep(wait);
  }
}

function errorCode(e: unknown): string | undefined {
  return isNotionClientError(e) ? e.code : networkErrorCode(e);
}

/** Retry-After in whole seconds (Notion) or an HTTP date, as milliseconds; undefined when absent. */
function retryAfterMs(e: APIResponseError): number | undefined {
  const headers = e.headers as { get?: (name: string) => string | null } | Record<string, string> | undefined;
  const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after'];
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(MAX_DELAY_MS, seconds * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.min(MAX_DELAY_MS, Math.max(0, at - Date.now()));
}

/** The policy's reading of one failure. */
function classify(e: unknown, spec: CallSpec): Decision {
  if (APIResponseError.isAPIResponseError(e)) {
    // 429 and 529 mean "not processed, come back later": safe to repeat for every method.
    if (e.code === 'rate_limited' || e.code === 'service_overload') return { kind: 'rate_limited', waitMs: retryAfterMs(e) ?? DEFAULT_RATE_LIMIT_WAIT_MS };
    if (e.status >= 500 || e.code === 'conflict_error') return spec.idempotent ? { kind: 'transient' } : { kind: 'fatal' };
    return { kind: 'fatal' };
  }
  if (isNotionClientError(e)) {
    const status = 'status' in e && typeof e.status === 'number' ? e.status : 0;
    const transient = e.code === 'notionhq_client_request_timeout' || status >= 500;
    return transient && spec.idempotent ? { kind: 'transient' } : { kind: 'fatal' };
  }
  if (provesNotSent(e)) return { kind: 'transient' };
  if (networkErrorCode(e) !== undefined) return spec.idempotent ? { kind: 'transient' } : { kind: 'fatal' };
  return { kind: 'fatal' };
}
