/**
 * The one REST client of the adapters (MLflow, ZenML): every call waits for a slot at the system's admission gate
 * (bounded in flight and queued, by priority, within the work's deadline), is sent by axios with a timeout and the
 * retry policy of rest-policy.ts (idempotent calls on network errors, 429 and 5xx; others only on connection
 * refused), and comes back zod-validated or as the system's typed error with a sanitized cause. What differs per
 * system (auth, login, caching, what its error bodies mean) stays in its adapter.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import axios, { type AxiosInstance, type CreateAxiosDefaults } from 'axios';
import axiosRetry, { exponentialDelay } from 'axios-retry';
import type { z } from 'zod';
import { AdmissionRefused, type AdmissionGate, type CallPriority } from './admission-gate';
import { failureStatus, type RequestObserver } from './request-route';
import type { CallContext, RestErrorFamily, RestSystem } from './rest-errors';
import { isConnectionRefused, isIdempotentRetryable } from './rest-policy';

export const DEFAULT_REST_TIMEOUT_MS = 30_000;
/** Retries after the first attempt. */
export const DEFAULT_REST_RETRIES = 3;
/** First backoff delay; doubles per retry (plus jitter, or the server's Retry-After if longer). */
export const DEFAULT_REST_RETRY_BASE_DELAY_MS = 300;
export const MAX_REST_RETRY_DELAY_MS = 30_000;

export type RestMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One REST call: its path under the client's API base, the answer's schema and whether it may be repeated. */
export interface RestCall<S extends z.ZodType> {
  readonly method: RestMethod;
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  /** Added to the client's own headers (e.g. a bearer token that changes). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly schema: S;
  /** Noun phrase for messages: "registered model named 'x'". */
  readonly subject: string;
  /**
   * True when repeating the call cannot do harm (reads, set-tag, PUT, PATCH, DELETE). Creates and stage
   * transitions are false: a 5xx or timeout may hide a success, so they are retried only on connection refused
   * (nothing was sent).
   */
  readonly idempotent: boolean;
}

/** How to reach one server of one system. */
export interface RestClientOptions<S extends RestSystem> {
  /** Every call's path is appended to this (no credentials in it): `http://127.0.0.1:5000/api/2.0/mlflow`. */
  readonly baseUrl: string;
  /** Scheme, host and port, for messages. */
  readonly origin: string;
  /** The part of baseUrl's path that is the API's (`/api/2.0/mlflow`), for messages naming a call's path. */
  readonly apiPrefix: string;
  /** Sent with every call (Accept is always JSON). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  /** Retries after the first attempt; 0 disables retrying. */
  readonly retries?: number;
  readonly retryBaseDelayMs?: number;
  /**
   * Close idle keep-alive sockets after this long, before the server closes them (uvicorn: 5 s, gunicorn: 2 s):
   * otherwise a request can go out on a socket the server is closing and die with ECONNRESET, which a create may
   * not retry. Node's default agents when omitted.
   */
  readonly idleSocketTimeoutMs?: number;
  /** The admission point of every call to this system (shared by all clients of one server). */
  readonly admission: AdmissionGate;
  readonly errors: RestErrorFamily<S>;
  /** Told about every request sent (each retry too) with its status, e.g. for /metrics. */
  readonly onResponse?: RequestObserver;
}

/** Sends one system's REST calls with admission, timeout and retries; answers validated, failures typed. */
export class RestClient<S extends RestSystem> {
  readonly origin: string;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  private readonly http: AxiosInstance;
  private readonly apiPrefix: string;
  private readonly admission: AdmissionGate;
  private readonly errors: RestErrorFamily<S>;
  /**
   * Calls that are not retried on a lost connection (creates, stage transitions) each get a new connection: a reused
   * keep-alive socket can be closed by the server just as the request goes out (ECONNRESET, seen under load when our
   * idle timer fires late), and such a call cannot be sent again safely. Reads and other idempotent calls keep
   * reusing sockets; they are retried.
   */
  private readonly oneShot = { httpAgent: new HttpAgent({ keepAlive: false }), httpsAgent: new HttpsAgent({ keepAlive: false }) };

  constructor(options: RestClientOptions<S>) {
    this.origin = options.origin;
    this.baseUrl = options.baseUrl;
    this.apiPrefix = options.apiPrefix;
    this.admission = options.admission;
    this.errors = options.errors;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_REST_TIMEOUT_MS;
    const defaults: CreateAxiosDefaults = {
      baseURL: options.baseUrl,
      timeout: this.timeoutMs,
      headers: { Accept: 'application/json', ...options.headers },
      // No redirects: a login page behind a proxy should fail loudly, not be parsed as an answer.
      maxRedirects: 0,
    };
    if (options.idleSocketTimeoutMs !== undefined) {
      defaults.httpAgent = new HttpAgent({ keepAlive: true, timeout: options.idleSocketTimeoutMs });
      defaults.httpsAgent = new HttpsAgent({ keepAlive: true, timeout: options.idleSocketTimeoutMs });
    }
    this.http = axios.create(defaults);
    // Before axios-retry's interceptor, so each attempt is seen once with its own status, not the retries' result.
    if (options.onResponse) observeAttempts(this.http, options.onResponse);
    const baseDelay = options.retryBaseDelayMs ?? DEFAULT_REST_RETRY_BASE_DELAY_MS;
    axiosRetry(this.http, {
      retries: options.retries ?? DEFAULT_REST_RETRIES,
      shouldResetTimeout: true,
      retryDelay: (n, error) => Math.min(exponentialDelay(n - 1, error, baseDelay), MAX_REST_RETRY_DELAY_MS),
      // Safe default; each call picks its own condition (see send).
      retryCondition: isConnectionRefused,
    });
  }

  /**
   * Sends the call when the gate admits it and returns the validated answer; throws the system's typed error
   * otherwise (its busy error when the gate refused the call: then nothing was sent).
   */
  async call<T extends z.ZodType>(spec: RestCall<T>, priority: CallPriority): Promise<z.output<T>> {
    let data: unknown;
    try {
      data = await this.admission.run(priority, () => this.send(spec));
    } catch (e) {
      if (e instanceof AdmissionRefused) throw this.errors.busy(e);
      throw this.errors.toError(e, this.context(spec));
    }
    const parsed = spec.schema.safeParse(data);
    if (!parsed.success) throw this.errors.unreadable(this.context(spec), parsed.error);
    return parsed.data as z.output<T>;
  }

  private context(spec: RestCall<z.ZodType>): CallContext {
    return { subject: spec.subject, origin: this.origin, path: `${this.apiPrefix}${spec.path}`, timeoutMs: this.timeoutMs };
  }

  private async send(spec: RestCall<z.ZodType>): Promise<unknown> {
    const response = await this.http.request({
      method: spec.method,
      url: spec.path,
      params: spec.query,
      data: spec.body,
      headers: spec.headers,
      ...(spec.idempotent ? {} : this.oneShot),
      'axios-retry': { retryCondition: spec.idempotent ? isIdempotentRetryable : isConnectionRefused },
    });
    return response.data;
  }
}

/** Reports every answer (and every failure without one) of `http` to `observe`. */
function observeAttempts(http: AxiosInstance, observe: RequestObserver): void {
  http.interceptors.response.use(
    (res) => {
      observe({ method: res.config.method ?? 'get', path: res.config.url ?? '', status: String(res.status) });
      return res;
    },
    (err: unknown) => {
      const e = err as { config?: { method?: string; url?: string }; response?: { status: number }; code?: string };
      if (e.config)
        observe({ method: e.config.method ?? 'get', path: e.config.url ?? '', status: e.response ? String(e.response.status) : failureStatus(e.code) });
      return Promise.reject(err);
    },
  );
}
