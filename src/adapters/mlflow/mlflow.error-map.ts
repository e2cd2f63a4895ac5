/** Turns a failed axios call into the MLflow adapter's typed errors, with user-safe messages. */
import { isAxiosError, type AxiosError } from 'axios';
import { networkFailureReason, sanitizedCause } from '../http/rest-policy';
import {
  MlflowAlreadyExistsError,
  MlflowInvalidParameterError,
  MlflowNotFoundError,
  MlflowPermissionDeniedError,
  MlflowUnauthorizedError,
  MlflowUnavailableError,
  MlflowUnexpectedResponseError,
  isMlflowError,
  type MlflowError,
  type MlflowErrorCode,
} from './mlflow.errors';

/** What the failed call was about, phrased for a sentence ("registered model named 'x'"). */
export interface CallContext {
  readonly subject: string;
  /** Scheme, host and port of the server, never credentials. */
  readonly origin: string;
  readonly path: string;
  readonly timeoutMs: number;
}

const MAX_SERVER_MESSAGE_CHARS = 300;

/** Codes an answer (or its absence) can map to; `mlflow_busy` is decided before any request is sent. */
type AnswerCode = Exclude<MlflowErrorCode, 'mlflow_busy'>;

/** MLflow `error_code` → our code (source: mlflow/exceptions.py ERROR_CODE_TO_HTTP_STATUS). */
const CODE_BY_MLFLOW_CODE: Readonly<Record<string, AnswerCode>> = {
  RESOURCE_DOES_NOT_EXIST: 'mlflow_not_found',
  NOT_FOUND: 'mlflow_not_found',
  RESOURCE_ALREADY_EXISTS: 'mlflow_already_exists',
  ALREADY_EXISTS: 'mlflow_already_exists',
  INVALID_PARAMETER_VALUE: 'mlflow_invalid_parameter',
  BAD_REQUEST: 'mlflow_invalid_parameter',
  MALFORMED_REQUEST: 'mlflow_invalid_parameter',
  INVALID_STATE: 'mlflow_invalid_parameter',
  UNAUTHENTICATED: 'mlflow_unauthorized',
  CUSTOMER_UNAUTHORIZED: 'mlflow_unauthorized',
  PERMISSION_DENIED: 'mlflow_permission_denied',
  INTERNAL_ERROR: 'mlflow_unavailable',
  TEMPORARILY_UNAVAILABLE: 'mlflow_unavailable',
  REQUEST_LIMIT_EXCEEDED: 'mlflow_unavailable',
  RESOURCE_EXHAUSTED: 'mlflow_unavailable',
  DEADLINE_EXCEEDED: 'mlflow_unavailable',
  ABORTED: 'mlflow_unavailable',
  RESOURCE_CONFLICT: 'mlflow_unavailable',
};

/** When the body is not MLflow's JSON (a proxy, an auth gateway), decide by HTTP status alone. */
function codeByStatus(status: number): AnswerCode {
  if (status === 401) return 'mlflow_unauthorized';
  if (status === 403) return 'mlflow_permission_denied';
  if (status === 404) return 'mlflow_not_found';
  if (status === 409) return 'mlflow_already_exists';
  if (status === 408 || status === 429 || status >= 500) return 'mlflow_unavailable';
  if (status >= 400) return 'mlflow_invalid_parameter';
  return 'mlflow_unexpected_response';
}

function readMlflowBody(data: unknown): { errorCode?: string; message?: string } {
  if (typeof data !== 'object' || data === null) return {};
  const record = data as Record<string, unknown>;
  return {
    errorCode: typeof record.error_code === 'string' ? record.error_code : undefined,
    message: typeof record.message === 'string' ? record.message : undefined,
  };
}

/** MLflow's own messages name the bad value and what is allowed; keep them short and on one line. */
function tidy(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > MAX_SERVER_MESSAGE_CHARS ? `${line.slice(0, MAX_SERVER_MESSAGE_CHARS)}…` : line;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Maps any thrown value of an MLflow call to a typed MlflowError (already-typed errors pass through). */
export function toMlflowError(e: unknown, ctx: CallContext): MlflowError {
  if (isMlflowError(e)) return e;
  if (!isAxiosError(e)) {
    return new MlflowUnexpectedResponseError(`MLflow call for ${ctx.subject} failed unexpectedly.`, { cause: e });
  }
  if (!e.response) return networkError(e, ctx);
  const status = e.response.status;
  const body = readMlflowBody(e.response.data);
  const code = (body.errorCode && CODE_BY_MLFLOW_CODE[body.errorCode]) || codeByStatus(status);
  const details = { status, mlflowCode: body.errorCode, cause: sanitizedCause(e) };
  const serverSays = body.message ? `: ${tidy(body.message)}` : '';
  switch (code) {
    case 'mlflow_not_found':
      return body.errorCode
        ? new MlflowNotFoundError(`MLflow has no ${ctx.subject}.`, details)
        : new MlflowNotFoundError(`MLflow at ${ctx.origin} has no API at ${ctx.path} (HTTP ${status}); check the tracking URI.`, details);
    case 'mlflow_already_exists':
      return new MlflowAlreadyExistsError(`${capitalise(ctx.subject)} already exists in MLflow.`, details);
    case 'mlflow_invalid_parameter':
      return new MlflowInvalidParameterError(`MLflow rejected the request for ${ctx.subject}${serverSays || ` (HTTP ${status})`}.`, details);
    case 'mlflow_unauthorized':
      return new MlflowUnauthorizedError(
        `MLflow at ${ctx.origin} rejected the credentials (HTTP ${status}); check the MLflow token or username and password.`,
        details,
      );
    case 'mlflow_permission_denied':
      return new MlflowPermissionDeniedError(`The MLflow credentials are not allowed to access ${ctx.subject} (HTTP ${status}).`, details);
    case 'mlflow_unavailable':
      return new MlflowUnavailableError(`MLflow at ${ctx.origin} kept failing (HTTP ${status}) for ${ctx.subject}; try again later.`, details);
    case 'mlflow_unexpected_response':
      return new MlflowUnexpectedResponseError(`MLflow at ${ctx.origin} gave an unexpected answer (HTTP ${status}) for ${ctx.subject}.`, details);
  }
}

function networkError(e: AxiosError, ctx: CallContext): MlflowError {
  return new MlflowUnavailableError(`MLflow at ${ctx.origin} ${networkFailureReason(e, ctx.timeoutMs)} for ${ctx.subject}.`, { cause: sanitizedCause(e) });
}
