import { ModelsyncError, requestsWaiting, type BusySignal } from '../../core/errors';

/** The closed set of MLflow adapter error codes. */
export type MlflowErrorCode =
  | 'mlflow_not_found'
  | 'mlflow_already_exists'
  | 'mlflow_invalid_parameter'
  | 'mlflow_unauthorized'
  | 'mlflow_permission_denied'
  | 'mlflow_unavailable'
  | 'mlflow_unexpected_response'
  | 'mlflow_busy';

/** Facts about the failed answer, kept for logs and for narrow decisions (never shown raw to users). */
export interface MlflowErrorDetails {
  /** HTTP status, when the server answered. */
  readonly status?: number;
  /** MLflow's `error_code` (e.g. RESOURCE_DOES_NOT_EXIST), when the body was MLflow's JSON error. */
  readonly mlflowCode?: string;
  readonly cause?: unknown;
}

/** Base of the MLflow adapter's errors: a user-safe message plus the HTTP status and MLflow code behind it. */
export abstract class MlflowError extends ModelsyncError {
  abstract override readonly code: MlflowErrorCode;
  readonly system = 'mlflow' as const;
  readonly status: number | undefined;
  readonly mlflowCode: string | undefined;

  constructor(message: string, details: MlflowErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.mlflowCode = details.mlflowCode;
  }
}

/** The model, version, alias or run does not exist (or no MLflow API answers at that path). */
export class MlflowNotFoundError extends MlflowError {
  readonly code = 'mlflow_not_found' as const;
}

/** Creating something that already exists (MLflow answers HTTP 400 RESOURCE_ALREADY_EXISTS). */
export class MlflowAlreadyExistsError extends MlflowError {
  readonly code = 'mlflow_already_exists' as const;
}

/** MLflow refused the request's values (bad stage, bad filter, malformed version …). */
export class MlflowInvalidParameterError extends MlflowError {
  readonly code = 'mlflow_invalid_parameter' as const;
}

/** Missing or wrong credentials (HTTP 401). */
export class MlflowUnauthorizedError extends MlflowError {
  readonly code = 'mlflow_unauthorized' as const;
}

/** Valid credentials without the right to do this (HTTP 403). */
export class MlflowPermissionDeniedError extends MlflowError {
  readonly code = 'mlflow_permission_denied' as const;
}

/** Network failure, timeout, or 5xx/429 after the retries ran out. */
export class MlflowUnavailableError extends MlflowError {
  readonly code = 'mlflow_unavailable' as const;
}

/** The server answered, but not with the shape this adapter expects (schema drift, wrong URL, proxy page). */
export class MlflowUnexpectedResponseError extends MlflowError {
  readonly code = 'mlflow_unexpected_response' as const;
}

/**
 * Refused by the app's own admission queue before reaching MLflow: too many calls waiting, or no slot freed within
 * the call's wait budget. Nothing was sent, so nothing happened; asking again later is safe.
 */
export class MlflowBusyError extends MlflowError implements BusySignal {
  readonly code = 'mlflow_busy' as const;
  readonly busy = true as const;

  constructor(
    /** Calls waiting for MLflow when this one was refused (in flight or queued). */
    readonly waiting: number,
    readonly reason: 'queue_full' | 'wait_expired',
  ) {
    super(`MLflow is busy (${requestsWaiting(waiting)}); nothing was changed, try again in a minute.`);
  }
}

/** True for any error raised by the MLflow adapter. */
export function isMlflowError(e: unknown): e is MlflowError {
  return e instanceof MlflowError;
}

/** True when MLflow said the thing does not exist. */
export function isMlflowNotFound(e: unknown): e is MlflowNotFoundError {
  return e instanceof MlflowNotFoundError;
}

/** True when MLflow said the thing already exists. */
export function isMlflowAlreadyExists(e: unknown): e is MlflowAlreadyExistsError {
  return e instanceof MlflowAlreadyExistsError;
}

/** True when MLflow rejected a parameter value. */
export function isMlflowInvalidParameter(e: unknown): e is MlflowInvalidParameterError {
  return e instanceof MlflowInvalidParameterError;
}

/** True when MLflow rejected the credentials. */
export function isMlflowUnauthorized(e: unknown): e is MlflowUnauthorizedError {
  return e instanceof MlflowUnauthorizedError;
}

/** True when the credentials lack a permission. */
export function isMlflowPermissionDenied(e: unknown): e is MlflowPermissionDeniedError {
  return e instanceof MlflowPermissionDeniedError;
}

/** True when MLflow could not be reached or kept failing. */
export function isMlflowUnavailable(e: unknown): e is MlflowUnavailableError {
  return e instanceof MlflowUnavailableError;
}

/** True when MLflow answered with a body this adapter cannot read. */
export function isMlflowUnexpectedResponse(e: unknown): e is MlflowUnexpectedResponseError {
  return e instanceof MlflowUnexpectedResponseError;
}

/** True when the app's own MLflow queue refused the call (nothing was sent). */
export function isMlflowBusy(e: unknown): e is MlflowBusyError {
  return e instanceof MlflowBusyError;
}
