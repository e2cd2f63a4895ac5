/**
 * ZenML's REST API on the adapters' REST client (src/adapters/http/rest-client.ts: admission, timeouts, the retry
 * policy, zod validation, typed errors): what is ZenML's own is here, the login, its token cache and the re-login
 * on 401.
 */
import type { RequestObserver } from '../http/request-route';
import type { z } from 'zod';
import { AdmissionGate, type AdmissionSettings } from '../http/admission-gate';
import { outboundLoadSource, type OutboundLoadSource } from '../http/outbound-load';
import { RestClient, type RestCall } from '../http/rest-client';
import { zenmlErrors } from './zenml.error-map';
import { AdapterError, hasErrorCode } from '../http/adapter-error';
import { TokenResponseSchema } from './zenml.schemas';

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
  /** Told about every request sent, with its status (the app's /metrics). */
  readonly onResponse?: RequestObserver;
  /** Calls in flight and waiting, and wait budgets (default DEFAULT_ADMISSION). */
  readonly admission?: Partial<AdmissionSettings>;
}

/** One REST call: its path under `/api/v1`, the answer's schema and whether repeating it is harmless. */
export interface ZenmlCall<S extends z.ZodType> extends Omit<RestCall<S>, 'method' | 'headers'> {
  readonly method: 'GET' | 'POST' | 'PUT';
}

/** Sends ZenML REST calls with a cached bearer token, re-login on 401, timeout and retries. */
export class ZenmlHttp {
  readonly origin: string;
  private readonly rest: RestClient<'zenml'>;
  private readonly form: Readonly<Record<string, string>>;
  private token: Promise<string> | undefined;
  private tokenValue: string | undefined;
  private loginCount = 0;
  private loginPending = false;
  /** Calls that waited for a login already in flight instead of logging in themselves. */
  private loginsShared = 0;
  /** In flight, waiting, shed and shared calls to this ZenML server. */
  readonly load: OutboundLoadSource;

  constructor(options: ZenmlHttpOptions) {
    let url: URL;
    try {
      url = new URL(options.serverUrl);
    } catch (e) {
      throw new AdapterError('zenml_misconfigured', 'The ZenML server URL is not a valid URL; set ZENML_SERVER_URL like http://127.0.0.1:8237.', { cause: e });
    }
    if (options.apiKey) {
      this.form = { grant_type: GRANT_API_KEY, password: options.apiKey };
    } else if (options.username) {
      this.form = { grant_type: GRANT_PASSWORD, username: options.username, password: options.password ?? '' };
    } else {
      throw new AdapterError('zenml_misconfigured', 'ZenML needs credentials: set ZENML_API_KEY, or ZENML_USERNAME (and ZENML_PASSWORD).');
    }
    this.origin = url.origin;
    const admission = new AdmissionGate({ ...DEFAULT_ADMISSION, ...options.admission });
    this.load = outboundLoadSource('zenml', admission, undefined, () => ({ coalesced: this.loginsShared }));
    this.rest = new RestClient({
      baseUrl: `${url.href.replace(/\/+$/, '')}${API_PREFIX}`,
      origin: url.origin,
      apiPrefix: API_PREFIX,
      timeoutMs: options.timeoutMs,
      retries: options.maxRetries,
      retryBaseDelayMs: options.retryBaseDelayMs,
      admission,
      errors: zenmlErrors,
      onResponse: options.onResponse,
    });
  }

  /** How many logins this client has made (each one costs a rate-limited /login on the server). */
  get logins(): number {
    return this.loginCount;
  }

  /** Sends the call with a bearer token; on 401 logs in again once and resends. */
  async call<S extends z.ZodType>(spec: ZenmlCall<S>): Promise<z.output<S>> {
    const token = await this.currentToken();
    try {
      return await this.send(spec, token);
    } catch (e) {
      // Tokens die on server restarts with a new key, password changes, key rotation or expiry.
      if (!(hasErrorCode(e, 'zenml_unauthorized') && e.status === 401)) throw e;
      this.forget(token);
      return this.send(spec, await this.currentToken());
    }
  }

  /** GET without a token, for public endpoints such as `/info`. */
  getPublic<S extends z.ZodType>(path: string, schema: S, subject: string): Promise<z.output<S>> {
    return this.rest.call({ method: 'GET', path, schema, subject, idempotent: true }, 'background');
  }

  /** Every request to ZenML (logins included) goes through the admission gate; refused ones become `zenml_busy` errors. */
  private send<S extends z.ZodType>(spec: ZenmlCall<S>, token: string): Promise<z.output<S>> {
    // The sync is ZenML's only client: its calls are background work, ahead of nothing and behind nothing.
    return this.rest.call({ ...spec, headers: { Authorization: `Bearer ${token}` } }, 'background');
  }

  /** One login shared by concurrent callers; a failed login is not cached. */
  private currentToken(): Promise<string> {
    if (!this.token) {
      this.loginPending = true;
      const pending = this.login();
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
    const answer = await this.rest.call(
      {
        method: 'POST',
        path: '/login',
        // Login is form-encoded (OAuth2 password flow).
        body: new URLSearchParams(this.form),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        schema: TokenResponseSchema,
        subject: 'the login',
        // A POST that only issues a token is safe to repeat.
        idempotent: true,
      },
      'background',
    );
    this.tokenValue = answer.access_token;
    return answer.access_token;
  }
}
