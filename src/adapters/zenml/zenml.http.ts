/**
 * The one place that sends HTTP to ZenML: admission (bounded in flight and queued), login and token cache, re-login
 * on 401, timeouts, the retry policy, zod validation of answers and translation of failures into typed errors.
 */
import axios, { isAxiosError, type AxiosInstance } from 'axios';
import axiosRetry, { exponentialDelay } from 'axios-retry';
import type { z } from 'zod';
import { AdmissionGate, AdmissionRefused, type AdmissionSettings } from '../http/admission-gate';
import { outboundLoadSource, type OutboundLoadSource } from '../http/outbound-load';
import { describeZodIssues, isConnectionRefused, isIdempotentRetryable } from '../http/rest-policy';
import { toZenmlError, type CallContext } from './zenml.error-map';
import { ZenmlBusyError, ZenmlMisconfiguredError, ZenmlUnexpectedResponseError } from './zenml.errors';
import { TokenResponseSchema } from './zenml.schemas';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_RETRY_BASE_DELAY_MS = 300;
export const MAX_RETRY_DELAY_MS = 30_000;
const API_PREFIX = '/api/v1';
/** OAuthGrantTypes.ZENML_API_KEY: a service-account key is exchanged for a JWT at /login. */
const GRANT_API_KEY = 'zenml-api-key';
const GRANT_PASSWORD = 'password';
/**
 * Only the sync talks to ZenML (a few calls per changed version, the reconcile pool runs 4 at once): 4 in flight
 * matches it, and its calls may wait as long as the sync's MLflow calls. `readMaxWaitMs` is unused (no read-only
 * command reads ZenML) but kept equal for when one does.
 */
export const DEFAULT_ADMISSION: AdmissionSettings = { maxInFlight: 4, maxQueued: 100, readMaxWaitMs: 15_000, priorityMaxWaitMs: 15_000 };

/** How to reach and log in to a ZenML server. */
export interface ZenmlHttpOptions {
  /** Root URL of the server (`/api/v1/...` is appended). */
  readonly serverUrl: string;
  /** Service-account API key (wins over username/password). */
  readonly apiKey?: string;
  readonly username?: string;
  /** May be empty: a local server's default user has no password. */
  readonly password?: string;
  readonly timeoutMs?: number;
  /** Retries after the first attempt; 0 disables retrying. */
  readonly maxRetries?: number;
  /** First backoff delay; doubles per retry (plus jitter). */
  readonly retryBaseDelayMs?: number;
  /** Calls in flight and waiting, and wait budgets (default DEFAULT_ADMISSION). */
  readonly admission?: Partial<AdmissionSettings>;
}

/** One REST call: its path under `/api/v1`, the answer's schema and whether repeating it is harmless. */
export interface ZenmlCall<S extends z.ZodType> {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  readonly schema: S;
  /** Noun phrase for messages: "model version 'abc'". */
  readonly subject: string;
  /** Reads and PUTs may be repeated after a 5xx or timeout; others only after connection refused. */
  readonly idempotent: boolean;
}

/** Sends ZenML REST calls with a cached bearer token, re-login on 401, timeout and retries. */
export class ZenmlHttp {
  readonly origin: string;
  private readonly http: AxiosInstance;
  private readonly timeoutMs: number;
  private readonly form: Readonly<Record<string, string>>;
  private token: Promise<string> | undefined;
  private tokenValue: string | undefined;
  private loginCount = 0;
  private loginPending = false;
  /** Calls that waited for a login already in flight instead of logging in themselves. */
  private loginsShared = 0;
  private readonly admission: AdmissionGate;
  /** In flight, waiting, shed and shared calls to this ZenML server. */
  readonly load: OutboundLoadSource;

  constructor(options: ZenmlHttpOptions) {
    let url: URL;
    try {
      url = new URL(options.serverUrl);
    } catch (e) {
      throw new ZenmlMisconfiguredError('The ZenML server URL is not a valid URL; set ZENML_SERVER_URL like http://127.0.0.1:8237.', { cause: e });
    }
    if (options.apiKey) {
      this.form = { grant_type: GRANT_API_KEY, password: options.apiKey };
    } else if (options.username) {
      this.form = { grant_type: GRANT_PASSWORD, username: options.username, password: options.password ?? '' };
    } else {
      throw new ZenmlMisconfiguredError('ZenML needs credentials: set ZENML_API_KEY, or ZENML_USERNAME (and ZENML_PASSWORD).');
    }
    this.origin = url.origin;
    this.admission = new AdmissionGate({ ...DEFAULT_ADMISSION, ...options.admission });
    this.load = outboundLoadSource('zenml', this.admission, undefined, () => ({ coalesced: this.loginsShared }));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.http = axios.create({
      baseURL: `${url.href.replace(/\/+$/, '')}${API_PREFIX}`,
      timeout: this.timeoutMs,
      headers: { Accept: 'application/json' },
      // No redirects: a login page behind a proxy should fail loudly, not be parsed as an answer.
      maxRedirects: 0,
    });
    const baseDelay = options.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS;
    axiosRetry(this.http, {
      retries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
      shouldResetTimeout: true,
      retryDelay: (n, error) => Math.min(exponentialDelay(n - 1, error, baseDelay), MAX_RETRY_DELAY_MS),
      retryCondition: isConnectionRefused,
    });
  }

  /** How many logins this client has made (each one costs a rate-limited /login on the server). */
  get logins(): number {
    return this.loginCount;
  }

  /** Sends the call with a bearer token; on 401 logs in again once and resends. */
  async call<S extends z.ZodType>(spec: ZenmlCall<S>): Promise<z.output<S>> {
    const ctx: CallContext = { subject: spec.subject, origin: this.origin, timeoutMs: this.timeoutMs };
    let data: unknown;
    try {
      const token = await this.currentToken();
      try {
        data = await this.send(spec, token);
      } catch (e) {
        // Tokens die on server restarts with a new key, password changes, key rotation or expiry.
        if (!isAxiosError(e) || e.response?.status !== 401) throw e;
        this.forget(token);
        data = await this.send(spec, await this.currentToken());
      }
    } catch (e) {
      throw toZenmlError(e, ctx);
    }
    const parsed = spec.schema.safeParse(data);
    if (!parsed.success) {
      const where = describeZodIssues(parsed.error);
      throw new ZenmlUnexpectedResponseError(`ZenML at ${this.origin} answered the request for ${spec.subject} with a body this app cannot read (${where}).`, {
        cause: parsed.error,
      });
    }
    return parsed.data;
  }

  /** GET without a token, for public endpoints such as `/info`. */
  async getPublic<S extends z.ZodType>(path: string, schema: S, subject: string): Promise<z.output<S>> {
    const ctx: CallContext = { subject, origin: this.origin, timeoutMs: this.timeoutMs };
    let data: unknown;
    try {
      data = await this.admitted(async () => (await this.http.get(path, { 'axios-retry': { retryCondition: isIdempotentRetryable } })).data);
    } catch (e) {
      throw toZenmlError(e, ctx);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      throw new ZenmlUnexpectedResponseError(
        `ZenML at ${this.origin} answered ${subject} with a body this app cannot read (${describeZodIssues(parsed.error)}).`,
        {
          cause: parsed.error,
        },
      );
    }
    return parsed.data;
  }

  /** Every request to ZenML (logins included) goes through the admission gate; refused ones become ZenmlBusyError. */
  private async admitted<T>(request: () => Promise<T>): Promise<T> {
    try {
      // The sync is ZenML's only client: its calls are background work, ahead of nothing and behind nothing.
      return await this.admission.run('background', request);
    } catch (e) {
      if (e instanceof AdmissionRefused) throw new ZenmlBusyError(e.waiting, e.reason);
      throw e;
    }
  }

  private send(spec: ZenmlCall<z.ZodType>, token: string): Promise<unknown> {
    return this.admitted(() => this.sendNow(spec, token));
  }

  private async sendNow(spec: ZenmlCall<z.ZodType>, token: string): Promise<unknown> {
    const response = await this.http.request({
      method: spec.method,
      url: spec.path,
      params: spec.query,
      data: spec.body,
      headers: { Authorization: `Bearer ${token}` },
      'axios-retry': { retryCondition: spec.idempotent ? isIdempotentRetryable : isConnectionRefused },
    });
    return response.data;
  }

  /** One login shared by concurrent callers; a failed login is not cached. */
  private currentToken(): Promise<string> {
    if (!this.token) {
      this.loginPending = true;
      const pending = this.admitted(() => this.login());
      this.token = pending;
      pending.then(
        () => (this.loginPending = false),
        () => {
          this.loginPending = false;
          if (this.token === pending) this.token = undefined;
        },
      );
    } else if (this.loginPending) {
      this.loginsShared += 1;
    }
    return this.token;
  }

  /** Drops the cached token if it is the one the server refused (a concurrent caller may hold a newer one). */
  private forget(refused: string): void {
    if (this.tokenValue === refused) {
      this.token = undefined;
      this.tokenValue = undefined;
    }
  }

  private async login(): Promise<string> {
    this.loginCount += 1;
    // Login is form-encoded (OAuth2 password flow); a POST that only issues a token is safe to repeat.
    const response = await this.http.post('/login', new URLSearchParams(this.form), {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      'axios-retry': { retryCondition: isIdempotentRetryable },
    });
    const parsed = TokenResponseSchema.safeParse(response.data);
    if (!parsed.success) {
      throw new ZenmlUnexpectedResponseError(`ZenML at ${this.origin} answered the login with a body this app cannot read.`, {
        cause: parsed.error,
      });
    }
    this.tokenValue = parsed.data.access_token;
    return parsed.data.access_token;
  }
}
