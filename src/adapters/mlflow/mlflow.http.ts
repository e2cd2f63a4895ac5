/**
 * MLflow's REST API on the adapters' REST client (src/adapters/http/rest-client.ts: admission, timeouts, the retry
 * policy, zod validation, typed errors): what is MLflow's own is here, auth headers from MLFLOW_TRACKING_* settings,
 * the call modes (who waits, fresh or cached reads) and the single flight and short read cache.
 */
import type { RequestObserver } from '../http/request-route';
import type { z } from 'zod';
import { AdmissionGate, type AdmissionSettings, type CallPriority } from '../http/admission-gate';
import type { ReadCoalescer } from '../http/read-coalescer';
import { RestClient, type RestCall } from '../http/rest-client';
import { mlflowErrors } from './mlflow.error-map';

/** Idle keep-alive sockets are closed by us before MLflow's server does (see RestClientOptions.idleSocketTimeoutMs). */
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

/** Credentials, timeout and retries, mirroring what MLflow's own clients read from MLFLOW_TRACKING_* variables. */
export interface MlflowClientSettings {
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
  /** Told about every request sent, with its status (the app's /metrics). */
  readonly onResponse?: RequestObserver;
}

/** Connection settings of one MLflow server. */
export interface MlflowHttpOptions extends MlflowClientSettings {
  /** Base URL of the server whose `/api/2.0/mlflow/...` REST API is called. */
  readonly baseUrl: string;
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
export interface MlflowCall<S extends z.ZodType> extends Omit<RestCall<S>, 'method' | 'headers'> {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The one registered model this call reads or writes; undefined when it spans models (searches by tag). */
  readonly model?: string;
}

const API_PREFIX = '/api/2.0/mlflow';

/** What the registry and search helpers call: one MlflowHttp bound to one mode. */
export interface MlflowCaller {
  call<S extends z.ZodType>(spec: MlflowCall<S>): Promise<z.output<S>>;
}

/** Sends MLflow REST calls with admission, auth, timeout and retries, returning zod-validated answers. */
export class MlflowHttp {
  private readonly rest: RestClient<'mlflow'>;
  private readonly coalescer: ReadCoalescer | undefined;

  constructor(options: MlflowHttpOptions) {
    const url = new URL(options.baseUrl);
    // Userinfo in the URL would end up in error messages and logs: move it into the Basic auth header instead.
    const username = options.username ?? (url.username ? decodeURIComponent(url.username) : undefined);
    const password = options.password ?? (url.password ? decodeURIComponent(url.password) : undefined);
    url.username = '';
    url.password = '';
    const headers: Record<string, string> = {};
    if (username && password) {
      headers.Authorization = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
    } else if (options.token) {
      headers.Authorization = `Bearer ${options.token}`;
    }
    this.coalescer = options.coalescer;
    this.rest = new RestClient({
      baseUrl: `${url.href.replace(/\/+$/, '')}${API_PREFIX}`,
      origin: url.origin,
      apiPrefix: API_PREFIX,
      headers,
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      retryBaseDelayMs: options.retryBaseDelayMs,
      idleSocketTimeoutMs: IDLE_SOCKET_TIMEOUT_MS,
      admission: options.admission ?? new AdmissionGate(DEFAULT_ADMISSION),
      errors: mlflowErrors,
      onResponse: options.onResponse,
    });
  }

  /** This client with every call in `mode`. */
  as(mode: MlflowCallMode): MlflowCaller {
    return { call: (spec) => this.call(spec, mode) };
  }

  /**
   * Sends the call and returns the validated answer; throws a typed MlflowError otherwise (`mlflow_busy` when the
   * admission queue refused it: then nothing was sent). A write drops the cached reads of the model it touches.
   */
  async call<S extends z.ZodType>(spec: MlflowCall<S>, mode: MlflowCallMode = MLFLOW_MODES.interactive): Promise<z.output<S>> {
    // MLflow reads non-GET parameters (DELETE included) from a JSON body, never from the query string.
    const call: RestCall<S> = { ...spec, body: spec.method === 'GET' ? undefined : (spec.body ?? {}) };
    if (spec.method === 'GET' && mode.reads === 'cached' && this.coalescer) {
      return this.coalescer.read(this.readKey(spec), spec.model, () => this.rest.call(call, mode.priority));
    }
    if (spec.method === 'GET') return this.rest.call(call, mode.priority);
    try {
      return await this.rest.call(call, mode.priority);
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
    return `${this.rest.baseUrl}${spec.path}?${JSON.stringify(query)}`;
  }
}
