import { ModelsyncError, requestsWaiting, type BusySignal } from '../../core/errors';

/** The closed set of ZenML adapter error codes. */
export type ZenmlErrorCode =
  | 'zenml_misconfigured'
  | 'zenml_unauthorized'
  | 'zenml_permission_denied'
  | 'zenml_not_found'
  | 'zenml_invalid_request'
  | 'zenml_unavailable'
  | 'zenml_unexpected_response'
  | 'zenml_busy';

/** Facts about the failed answer, kept for logs and narrow decisions (never shown raw to users). */
export interface ZenmlErrorDetails {
  /** HTTP status, when the server answered. */
  readonly status?: number;
  /** ZenML's exception class from `{"detail": [class, message]}` (e.g. `KeyError`, `RuntimeError`). */
  readonly zenmlType?: string;
  readonly cause?: unknown;
}

/** Base of the ZenML adapter's errors: a user-safe message plus the HTTP status and ZenML exception behind it. */
export abstract class ZenmlError extends ModelsyncError {
  abstract override readonly code: ZenmlErrorCode;
  readonly system = 'zenml' as const;
  readonly status: number | undefined;
  readonly zenmlType: string | undefined;

  constructor(message: string, details: ZenmlErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.zenmlType = details.zenmlType;
  }
}

/** The adapter's options cannot work (no server URL, no credentials). */
export class ZenmlMisconfiguredError extends ZenmlError {
  readonly code = 'zenml_misconfigured' as const;
}

/** Login refused, or a fresh token still answered HTTP 401. */
export class ZenmlUnauthorizedError extends ZenmlError {
  readonly code = 'zenml_unauthorized' as const;
}

/** Valid credentials without the right to do this (HTTP 403, e.g. RBAC on ZenML Pro). */
export class ZenmlPermissionDeniedError extends ZenmlError {
  readonly code = 'zenml_permission_denied' as const;
}

/** The model, version or project does not exist (HTTP 404), or no ZenML API answers at that path. */
export class ZenmlNotFoundError extends ZenmlError {
  readonly code = 'zenml_not_found' as const;
}

/** ZenML refused the request's values (HTTP 400/409/422: bad stage, bad metadata type, …). */
export class ZenmlInvalidRequestError extends ZenmlError {
  readonly code = 'zenml_invalid_request' as const;
}

/** Network failure, timeout, or 5xx/429 after the retries ran out. */
export class ZenmlUnavailableError extends ZenmlError {
  readonly code = 'zenml_unavailable' as const;
}

/** The server answered, but not with the shape this adapter expects (schema drift, wrong URL, proxy page). */
export class ZenmlUnexpectedResponseError extends ZenmlError {
  readonly code = 'zenml_unexpected_response' as const;
}

/**
 * Refused by the app's own admission queue before reaching ZenML (too many calls waiting, or none freed a slot in
 * time): nothing was sent; the next sync repairs what this one skipped.
 */
export class ZenmlBusyError extends ZenmlError implements BusySignal {
  readonly code = 'zenml_busy' as const;
  readonly busy = true as const;

  constructor(
    /** Calls waiting for ZenML when this one was refused (in flight or queued). */
    readonly waiting: number,
    readonly reason: 'queue_full' | 'wait_expired',
  ) {
    super(`ZenML is busy (${requestsWaiting(waiting)}); nothing was sent, the next sync will catch up.`);
  }
}

/** True for any error raised by the ZenML adapter. */
export function isZenmlError(e: unknown): e is ZenmlError {
  return e instanceof ZenmlError;
}

/** True when ZenML rejected the credentials. */
export function isZenmlUnauthorized(e: unknown): e is ZenmlUnauthorizedError {
  return e instanceof ZenmlUnauthorizedError;
}

/** True when ZenML said the thing does not exist. */
export function isZenmlNotFound(e: unknown): e is ZenmlNotFoundError {
  return e instanceof ZenmlNotFoundError;
}

/** True when ZenML rejected the request's values. */
export function isZenmlInvalidRequest(e: unknown): e is ZenmlInvalidRequestError {
  return e instanceof ZenmlInvalidRequestError;
}

/** True when ZenML could not be reached or kept failing. */
export function isZenmlUnavailable(e: unknown): e is ZenmlUnavailableError {
  return e instanceof ZenmlUnavailableError;
}

/** True when the app's own ZenML queue refused the call (nothing was sent). */
export function isZenmlBusy(e: unknown): e is ZenmlBusyError {
  return e instanceof ZenmlBusyError;
}
