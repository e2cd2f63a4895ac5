/**
 * The one place that sends HTTP to MLflow: admission (bounded in flight and queued, by priority), single flight and
 * the short read cache, auth headers, timeouts, the retry policy, zod validation of answers and translation of
 * failures into typed errors.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import axiosRetry, { exponentialDelay } from 'axios-retry';
import type { z } from 'zod';
import { AdmissionGate, AdmissionRefused, type AdmissionSettings, type CallPriority } from '../http/admission-gate';
import type { ReadCoalescer } from '../http/read-coalescer';
import { describeZodIssues, isConnectionRefused, isIdempotentRetryable } from '../http/rest-policy';
import { toMlflowError, type CallContext } from './mlflow.error-map';
import { MlflowBusyError, MlflowUnexpectedResponseError } from './mlflow.errors';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_RETRIES = 3;
export const DEFAULT_RETRY_BASE_DELAY_MS = 300;
export const MAX_RETRY_DELAY_MS = 30_000;
/**
 * Idle keep-alive sockets are closed by us before the server closes them (uvicorn: 5 s, gunicorn: 2 s); otherwise
 * a request can go out on a socket the server is closing and die with ECONNRESET, which a create may not retry.
 */
export const IDLE_SOCKET_TIMEOUT_MS = 1_500;

/**
 * Admission sized for ONE MLflow worker: on loopback (mlflow 3.17.2, uvicorn, SQLite) one worker serves about
 * 150 reads/s with 2–4 in flight, and more in flight only lengthens every answer. A read waits at most 2 s for a
 * slot, which is also how long after its ack a read-only command may wait for MLflow at all
 * (src/slack/listeners/after-ack-work.ts), so its "busy" answer comes within Slack users' 3 s; approvals,
 * promotions and the sync outrank reads and may wait 15 s (half the request timeout).
 */
export const DEFAULT_ADMISSION: AdmissionSettings = { maxInFlight: 4, maxQueued: 100, readMaxWaitMs: 2_000, priorityMaxWaitMs: 15_000 };
/** How long a status or list answer may be reused; short enough that nobody notices, long enough to absorb a burst. */
export const DEFAULT_READ_CACHE_MS = 5_000;

/** Connection settings, mirroring what MLflow's own clients read from MLFLOW_TRACKING_* variables. */
export interface MlflowHttpOptions {
  /** Base URL of the server whose `/api/2.0/mlflow/...` REST API is called. */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer …` (MLFLOW_TRACKING_TOKEN). */
  readonly token?: string;
  /** With `password`, sent as HTTP Basic (MLFLOW_TRACKING_USERNAME/PASSWORD); wins over `token`, as in MLflow. */
  readonly username?: string;
  readonly password?: string;
  readonly timeoutMs?: number;
  /** Retries after the first attempt; 0 disables retrying. */
  readonly retries?: number;
  /** First backoff delay; doubles per retry (plus jitter, or the server's Retry-After if longer). */
  readonly retryBaseDelayMs?: number;
  /** The admission point of every call to this MLflow (shared by all clients of one server); a default one when omitted. */
  readonly admission?: AdmissionGate;
  /** Where `cached` reads are shared; without one, every read goes to MLflow. */
  readonly coalescer?: ReadCoalescer;
}

/** How a caller's calls are handled: who waits for them, and whether an answer a few seconds old will do. */
export interface MlflowCallMode {
  readonly priority: CallPriority;
  /**
   * `cached`: identical reads share one request and a few-seconds cache (read-only commands); `fresh`: every read
   * asks MLflow (approvals, gates, the guard, the sync). Writes are never cached and always drop what they touch.
   */
  readonly reads: 'fresh' | 'cached';
}

/** The modes the app uses, named by who is waiting. */
export const MLFLOW_MODES = {
  /** Approvals, promotions, registrations, gates, the guard, health: fresh answers, first in line. */
  interactive: { priority: 'interactive', reads: 'fresh' },
  /** The scheduled and on-demand sync, webhook deliveries: fresh answers, ahead of read-only commands. */
  background: { priority: 'background', reads: 'fresh' },
  /** Read-only commands (status, list; App Home, unfurls): shared and cached answers, shed first. */
  cachedReads: { priority: 'read', reads: 'cached' },
} as const satisfies Record<string, MlflowCallMode>;

/** One REST call: its path under `/api/2.0/mlflow`, the answer's schema and how it may be retried. */
export interface MlflowCall<S extends z.ZodType> {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
  readonly schema: S;
  /** Noun phrase for messages: "registered model named 'x'". */
  readonly subject: string;
  /** The one registered model this call reads or writes; undefined when it spans models (searches by tag). */
  readonly model?: string;
  /**
   * True when repeating the call cannot do harm (reads, set-tag, PATCH, DELETE). Creates and stage transitions are
   * false: a 5xx or timeout may hide a success, so they are retried only on connection refused (nothing was sent).
   */
  readonly idempotent: boolean;
}

const API_PREFIX = '/api/2.0/mlflow';

/** What the registry and search helpers call: one MlflowHttp bound to one mode. */
export interface MlflowCaller {
  call<S extends z.ZodType>(spec: MlflowCall<S>): Promise<z.output<S>>;
}

/** Sends MLflow REST calls with admission, auth, timeout and retries, returning zod-validated answers. */
export class MlflowHttp {
  private readonly http: AxiosInstance;
  private readonly origin: string;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly admission: AdmissionGate;
  private readonly coalescer: ReadCoalescer | undefined;

  constructor(options: MlflowHttpOptions) {
    const url = new URL(options.baseUrl);
    // Userinfo in the URL would end up in error messages and logs: move it into the Basic auth header instead.
    const username = options.username ?? (url.username ? decodeURIComponent(url.username) : undefined);
    const password = options.password ?? (url.password ? decodeURIComponent(url.password) : undefined);
    url.username = '';
    url.password = '';
    this.origin = url.origin;
    this.admission = options.admission ?? new AdmissionGate(DEFAULT_ADMISSION);
    this.coalescer = options.coalescer;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (username && password) {
      headers.Authorization = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
    } else if (options.token) {
      headers.Authorization = `Bearer ${options.token}`;
    }
    this.baseUrl = `${url.href.replace(/\/+$/, '')}${API_PREFIX}`;
    this.http = axios.create({
      baseURL: this.baseUrl,
      timeout: this.timeoutMs,
      headers,
      httpAgent: new HttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_TIMEOUT_MS }),
      httpsAgent: new HttpsAgent({ keepAlive: true, timeout: IDLE_SOCKET_TIMEOUT_MS }),
      // No redirects: a login page behind a proxy should fail loudly, not be parsed as an answer.
      maxRedirects: 0,
    });
    const baseDelay = options.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS;
    axiosRetry(this.http, {
      retries: options.retries ?? DEFAULT_RETRIES,
      shouldResetTimeout: true,
      retryDelay: (n, error) => Math.min(exponentialDelay(n - 1, error, baseDelay), MAX_RETRY_DELAY_MS),
      // Safe default; each call picks its own condition below.
      retryCondition: isConnectionRefused,
    });
  }

  /** This client with every call in `mode`. */
  as(mode: MlflowCallMode): MlflowCaller {
    return { call: (spec) => this.call(spec, mode) };
  }

  /**
   * Sends the call and returns the validated answer; throws a typed MlflowError otherwise (MlflowBusyError when the
   * admission queue refused it: then nothing was sent). A write drops the cached reads of the model it touches.
   */
  async call<S extends z.ZodType>(spec: MlflowCall<S>, mode: MlflowCallMode = MLFLOW_MODES.interactive): Promise<z.output<S>> {
    if (spec.method === 'GET' && mode.reads === 'cached' && this.coalescer) {
      return this.coalescer.read(this.readKey(spec), spec.model, () => this.admitted(spec, mode.priority));
    }
    if (spec.method === 'GET') return this.admitted(spec, mode.priority);
    try {
      return await this.admitted(spec, mode.priority);
    } finally {
      // Also after a failure: a timeout may hide a write MLflow did make.
      this.coalescer?.invalidate(spec.model);
    }
  }

  /** Same server, path and query: the same read. */
  private readKey(spec: MlflowCall<z.ZodType>): string {
    const query = Object.entries(spec.query ?? {})
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `${this.baseUrl}${spec.path}?${JSON.stringify(query)}`;
  }

  private async admitted<S extends z.ZodType>(spec: MlflowCall<S>, priority: CallPriority): Promise<z.output<S>> {
    try {
      return await this.admission.run(priority, () => this.send(spec));
    } catch (e) {
      if (e instanceof AdmissionRefused) throw new MlflowBusyError(e.waiting, e.reason);
      throw e;
    }
  }

  private async send<S extends z.ZodType>(spec: MlflowCall<S>): Promise<z.output<S>> {
    const ctx: CallContext = { subject: spec.subject, origin: this.origin, path: `${API_PREFIX}${spec.path}`, timeoutMs: this.timeoutMs };
    let data: unknown;
    try {
      const response = await this.http.request({
        method: spec.method,
        url: spec.path,
        params: spec.query,
        // MLflow reads non-GET parameters (DELETE included) from a JSON body, never from the query string.
        data: spec.method === 'GET' ? undefined : (spec.body ?? {}),
        'axios-retry': { retryCondition: spec.idempotent ? isIdempotentRetryable : isConnectionRefused },
      });
      data = response.data;
    } catch (e) {
      throw toMlflowError(e, ctx);
    }
    const parsed = spec.schema.safeParse(data);
    if (!parsed.success) {
      const where = describeZodIssues(parsed.error);
      throw new MlflowUnexpectedResponseError(
        `MLflow at ${this.origin} answered the request for ${spec.subject} with a body this app cannot read (${where}).`,
        { cause: parsed.error },
      );
    }
    return parsed.data;
  }
}
