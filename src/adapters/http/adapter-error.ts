/**
 * The one error base of the adapters (MLflow, Notion, ZenML, the state store). Every system has a closed set of
 * failures, listed once in ADAPTER_FAILURES; an error's `code` is `<system>_<failure>` (`mlflow_not_found`,
 * `notion_rate_limited`), so a caller narrows with `hasErrorCode(e, 'mlflow_not_found')` and the compiler rejects a
 * code that does not exist. Like notion-sdk-js's APIResponseError, the failure is data on one class; a subclass
 * exists only where a failure carries more facts (busy: how many waited; a Notion schema conflict; the store's
 * failure). What each failure means is written next to each system's error-map, where its errors are made.
 */
import { ModelsyncError, type BusySignal, type ErrorSystem } from '../../core/errors';

/** The outside systems with an adapter. */
export type AdapterSystem = Extract<ErrorSystem, 'mlflow' | 'notion' | 'zenml' | 'store'>;

/** Each system's closed set of failures (the code is `<system>_<failure>`). */
export const ADAPTER_FAILURES = {
  mlflow: ['not_found', 'already_exists', 'invalid_parameter', 'unauthorized', 'permission_denied', 'unavailable', 'unexpected_response', 'busy'],
  notion: ['not_found', 'unauthorized', 'forbidden', 'rate_limited', 'validation', 'conflict', 'unavailable', 'schema_conflict', 'unexpected_response'],
  zenml: ['misconfigured', 'unauthorized', 'permission_denied', 'not_found', 'invalid_request', 'unavailable', 'unexpected_response', 'busy'],
  store: ['unavailable'],
} as const satisfies Record<AdapterSystem, readonly string[]>;

/** The closed union of one system's error codes (all systems' when `S` is left out). */
export type AdapterErrorCode<S extends AdapterSystem = AdapterSystem> = S extends AdapterSystem ? `${S}_${(typeof ADAPTER_FAILURES)[S][number]}` : never;

/** Which system a code belongs to. */
type SystemOf<C extends AdapterErrorCode> = C extends `${infer S extends AdapterSystem}_${string}` ? S : never;

/** Facts about the failed answer, kept for logs and narrow decisions (never shown raw to users). */
export interface AdapterErrorDetails {
  /** HTTP status, when the system answered. */
  readonly status?: number;
  /**
   * The system's own name for the failure, when it gave one: MLflow's `error_code` (RESOURCE_DOES_NOT_EXIST),
   * Notion's `code` (validation_error) or the SDK's client code, ZenML's exception class (KeyError).
   */
  readonly remoteCode?: string;
  /** What went wrong below (sanitized: an HTTP error keeps no headers or body). */
  readonly cause?: unknown;
}

/** How logs name each system's errors (a subclass keeps its own class name). */
const ERROR_NAMES: Readonly<Record<AdapterSystem, string>> = { mlflow: 'MlflowError', notion: 'NotionError', zenml: 'ZenmlError', store: 'StoreError' };

/** An adapter's error: a message safe to show a user, the code, and the status and system code behind it. */
export class AdapterError<S extends AdapterSystem = AdapterSystem> extends ModelsyncError {
  readonly system: S;
  readonly status: number | undefined;
  readonly remoteCode: string | undefined;

  constructor(
    readonly code: AdapterErrorCode<S>,
    message: string,
    details: AdapterErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.system = code.slice(0, code.indexOf('_')) as S;
    if (new.target === AdapterError) this.name = ERROR_NAMES[this.system];
    this.status = details.status;
    this.remoteCode = details.remoteCode;
  }
}

/**
 * Refused by the app's own admission queue before reaching the system (too many calls waiting, or no slot freed
 * within the call's wait budget): nothing was sent, so nothing happened and asking again later is safe.
 */
export class AdapterBusyError<S extends AdapterSystem = AdapterSystem> extends AdapterError<S> implements BusySignal {
  readonly busy = true as const;

  constructor(
    code: AdapterErrorCode<S>,
    message: string,
    /** Calls waiting for the system when this one was refused (in flight or queued). */
    readonly waiting: number,
    readonly reason: 'queue_full' | 'wait_expired',
  ) {
    super(code, message);
  }
}

/** True for any adapter's error, or only for `system`'s. */
export function isAdapterError<S extends AdapterSystem = AdapterSystem>(e: unknown, system?: S): e is AdapterError<S> {
  return e instanceof AdapterError && (system === undefined || e.system === system);
}

/** True for an adapter error with one of `codes`; narrows `e.code` to them. */
export function hasErrorCode<C extends AdapterErrorCode>(e: unknown, ...codes: readonly C[]): e is AdapterError<SystemOf<C>> & { readonly code: C } {
  return e instanceof AdapterError && (codes as readonly string[]).includes(e.code);
}
