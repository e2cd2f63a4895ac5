/**
 * The one place that sends HTTP to MLflow: auth headers, timeouts, the retry policy, zod validation of answers
 * and translation of failures into typed errors.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import axiosRetry, { exponentialDelay } from 'axios-retry';
import type { z } from 'zod';
import { describeZodIssues, isConnectionRefused, isIdempotentRetryable } from '../http/rest-policy';
import { toMlflowError, type CallContext } from './mlflow.error-map';
import { MlflowUnexpectedResponseError } from './mlflow.errors';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_RETRIES = 3;
export const DEFAULT_RETRY_BASE_DELAY_MS = 300;
export const MAX_RETRY_DELAY_MS = 30_000;
/**
 * Idle keep-alive sockets are closed by us before the server closes them (uvicorn: 5 s, gunicorn: 2 s); otherwise
 * a request can go out on a socket the server is closing and die with ECONNRESET, which a create may not retry.
 */
export const IDLE_SOCKET_TIMEOUT_MS = 1_500;

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
}

/** One REST call: its path under `/api/2.0/mlflow`, the answer's schema and how it may be retried. */
export interface MlflowCall<S extends z.ZodType> {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
  readonly schema: S;
  /** Noun phrase for messages: "registered model named 'x'". */
  readonly subject: string;
  /**
   * True when repeating the call cannot do harm (reads, set-tag, PATCH, DELETE). Creates and stage transitions are
   * false: a 5xx or timeout may hide a success, so they are retried only on connection refused (nothing was sent).
   */
  readonly idempotent: boolean;
}

const API_PREFIX = '/api/2.0/mlflow';

/** Sends MLflow REST calls with auth, timeout and retries, returning zod-validated answers. */
export class MlflowHttp {
  private readonly http: AxiosInstance;
  private readonly origin: string;
  private readonly timeoutMs: number;

  constructor(options: MlflowHttpOptions) {
    const url = new URL(options.baseUrl);
    // Userinfo in the URL would end up in error messages and logs: move it into the Basic auth header instead.
    const username = options.username ?? (url.username ? decodeURIComponent(url.username) : undefined);
    const password = options.password ?? (url.password ? decodeURIComponent(url.password) : undefined);
    url.username = '';
    url.password = '';
    this.origin = url.origin;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (username && password) {
      headers.Authorization = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
    } else if (options.token) {
      headers.Authorization = `Bearer ${options.token}`;
    }
    this.http = axios.create({
      baseURL: `${url.href.replace(/\/+$/, '')}${API_PREFIX}`,
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

  /** Sends the call and returns the validated answer; throws a typed MlflowError otherwise. */
  async call<S extends z.ZodType>(spec: MlflowCall<S>): Promise<z.output<S>> {
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
