/** Turns a failed axios call into the ZenML adapter's typed errors, with user-safe messages. */
import { isAxiosError, type AxiosError } from 'axios';
import { networkFailureReason, sanitizedCause } from '../http/rest-policy';
import {
  ZenmlError,
  ZenmlInvalidRequestError,
  ZenmlNotFoundError,
  ZenmlPermissionDeniedError,
  ZenmlUnauthorizedError,
  ZenmlUnavailableError,
  ZenmlUnexpectedResponseError,
} from './zenml.errors';

/** What the failed call was about, phrased for a sentence ("model version 'abc'"). */
export interface CallContext {
  readonly subject: string;
  /** Scheme, host and port of the server, never credentials. */
  readonly origin: string;
  readonly timeoutMs: number;
}

const MAX_SERVER_MESSAGE_CHARS = 200;

/**
 * ZenML's error body is `{"detail": ["<ExceptionClass>", "<message>"]}`; FastAPI's own validation errors give
 * `{"detail": [{loc, msg, type}]}`. Only the first line of ZenML's message is kept: debug servers append tracebacks.
 */
function readZenmlBody(data: unknown): { type?: string; message?: string } {
  if (typeof data !== 'object' || data === null) return {};
  const detail = (data as Record<string, unknown>).detail;
  if (Array.isArray(detail) && typeof detail[0] === 'string') {
    const message = typeof detail[1] === 'string' ? firstUsefulLine(detail[1]) : undefined;
    return { type: detail[0], message: message ? tidy(message) : undefined };
  }
  if (Array.isArray(detail) && typeof detail[0] === 'object' && detail[0] !== null) {
    const first = detail[0] as Record<string, unknown>;
    const loc = Array.isArray(first.loc) ? first.loc.join('.') : '';
    const msg = typeof first.msg === 'string' ? first.msg : '';
    return { type: 'RequestValidationError', message: tidy(`${loc}: ${msg}`) };
  }
  return {};
}

/** Pydantic errors start "1 validation error:" and name the problem in a later `'msg': '…'`. */
function firstUsefulLine(message: string): string | undefined {
  const first = message.split('\n')[0]?.trim();
  if (first && /^\d+ validation errors?/.test(first)) {
    const msg = /'msg': '([^'\n]*)'/.exec(message)?.[1];
    return msg ?? first;
  }
  return first || undefined;
}

function tidy(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > MAX_SERVER_MESSAGE_CHARS ? `${line.slice(0, MAX_SERVER_MESSAGE_CHARS)}…` : line;
}

/** Maps any thrown value of a ZenML call to a typed ZenmlError (already-typed errors pass through). */
export function toZenmlError(e: unknown, ctx: CallContext): ZenmlError {
  if (e instanceof ZenmlError) return e;
  if (!isAxiosError(e)) {
    return new ZenmlUnexpectedResponseError(`ZenML call for ${ctx.subject} failed unexpectedly.`, { cause: e });
  }
  if (!e.response) return networkError(e, ctx);
  const status = e.response.status;
  const body = readZenmlBody(e.response.data);
  const details = { status, zenmlType: body.type, cause: sanitizedCause(e) };
  const serverSays = body.message ? `: ${body.message.replace(/[.\s]+$/, '')}` : ` (HTTP ${status})`;
  if (status === 401) {
    return new ZenmlUnauthorizedError(
      `ZenML at ${ctx.origin} rejected the credentials (HTTP 401); check ZENML_API_KEY or ZENML_USERNAME/ZENML_PASSWORD.`,
      details,
    );
  }
  if (status === 403) {
    return new ZenmlPermissionDeniedError(`The ZenML account is not allowed to access ${ctx.subject} (HTTP 403).`, details);
  }
  if (status === 404) {
    return body.type
      ? new ZenmlNotFoundError(`ZenML has no ${ctx.subject}.`, details)
      : new ZenmlNotFoundError(`ZenML at ${ctx.origin} has no API for ${ctx.subject} (HTTP 404); check ZENML_SERVER_URL.`, details);
  }
  if (status === 408 || status === 429 || status >= 500) {
    return new ZenmlUnavailableError(`ZenML at ${ctx.origin} kept failing (HTTP ${status}) for ${ctx.subject}; try again later.`, details);
  }
  if (status >= 400) {
    return new ZenmlInvalidRequestError(`ZenML rejected the request for ${ctx.subject}${serverSays}.`, details);
  }
  return new ZenmlUnexpectedResponseError(`ZenML at ${ctx.origin} gave an unexpected answer (HTTP ${status}) for ${ctx.subject}.`, details);
}

function networkError(e: AxiosError, ctx: CallContext): ZenmlError {
  return new ZenmlUnavailableError(`ZenML at ${ctx.origin} ${networkFailureReason(e, ctx.timeoutMs)} for ${ctx.subject}.`, { cause: sanitizedCause(e) });
}
