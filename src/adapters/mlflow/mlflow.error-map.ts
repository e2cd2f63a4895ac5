/** What MLflow's error answers mean, as the MLflow adapter's typed errors with user-safe messages. */
import { AdapterError } from '../http/adapter-error';
import { oneLine, restErrorFamily, type CallContext, type ErrorAnswer } from '../http/rest-errors';
import type { MlflowError, MlflowErrorCode } from './mlflow.errors';

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

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** MLflow's errors, as the REST client makes them. */
export const mlflowErrors = restErrorFamily('mlflow', fromAnswer, 'nothing was changed, try again in a minute');

function fromAnswer({ status, body: raw, cause }: ErrorAnswer, ctx: CallContext): MlflowError {
  const body = readMlflowBody(raw);
  const code = (body.errorCode && CODE_BY_MLFLOW_CODE[body.errorCode]) || codeByStatus(status);
  const details = { status, remoteCode: body.errorCode, cause };
  const serverSays = body.message ? `: ${oneLine(body.message, MAX_SERVER_MESSAGE_CHARS)}` : '';
  return new AdapterError(code, answerMessage(code, status, serverSays, Boolean(body.errorCode), ctx), details);
}

/** The sentence for an error answer: what failed, and what to check where the user can act. */
function answerMessage(code: AnswerCode, status: number, serverSays: string, mlflowBody: boolean, ctx: CallContext): string {
  switch (code) {
    case 'mlflow_not_found':
      return mlflowBody ? `MLflow has no ${ctx.subject}.` : `MLflow at ${ctx.origin} has no API at ${ctx.path} (HTTP ${status}); check the tracking URI.`;
    case 'mlflow_already_exists':
      return `${capitalise(ctx.subject)} already exists in MLflow.`;
    case 'mlflow_invalid_parameter':
      return `MLflow rejected the request for ${ctx.subject}${serverSays || ` (HTTP ${status})`}.`;
    case 'mlflow_unauthorized':
      return `MLflow at ${ctx.origin} rejected the credentials (HTTP ${status}); check the MLflow token or username and password.`;
    case 'mlflow_permission_denied':
      return `The MLflow credentials are not allowed to access ${ctx.subject} (HTTP ${status}).`;
    case 'mlflow_unavailable':
      return `MLflow at ${ctx.origin} kept failing (HTTP ${status}) for ${ctx.subject}; try again later.`;
    case 'mlflow_unexpected_response':
      return `MLflow at ${ctx.origin} gave an unexpected answer (HTTP ${status}) for ${ctx.subject}.`;
  }
}
