/** What ZenML's error answers mean, as the ZenML adapter's typed errors with user-safe messages. */
import { AdapterError } from '../http/adapter-error';
import { oneLine, restErrorFamily, type CallContext, type ErrorAnswer } from '../http/rest-errors';
import type { ZenmlError } from './zenml.errors';

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
    return { type: detail[0], message: message ? oneLine(message, MAX_SERVER_MESSAGE_CHARS) : undefined };
  }
  if (Array.isArray(detail) && typeof detail[0] === 'object' && detail[0] !== null) {
    const first = detail[0] as Record<string, unknown>;
    const loc = Array.isArray(first.loc) ? first.loc.join('.') : '';
    const msg = typeof first.msg === 'string' ? first.msg : '';
    return { type: 'RequestValidationError', message: oneLine(`${loc}: ${msg}`, MAX_SERVER_MESSAGE_CHARS) };
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

/** ZenML's errors, as the REST client makes them. */
export const zenmlErrors = restErrorFamily('zenml', fromAnswer, 'nothing was sent, the next sync will catch up');

/** Maps any thrown value of a ZenML call to a typed ZenmlError (already-typed errors pass through). */
export function toZenmlError(e: unknown, ctx: CallContext): ZenmlError {
  return zenmlErrors.toError(e, ctx);
}

function fromAnswer({ status, body: raw, cause }: ErrorAnswer, ctx: CallContext): ZenmlError {
  const body = readZenmlBody(raw);
  const details = { status, remoteCode: body.type, cause };
  const serverSays = body.message ? `: ${body.message.replace(/[.\s]+$/, '')}` : ` (HTTP ${status})`;
  if (status === 401) {
    return new AdapterError(
      'zenml_unauthorized',
      `ZenML at ${ctx.origin} rejected the credentials (HTTP 401); check ZENML_API_KEY or ZENML_USERNAME/ZENML_PASSWORD.`,
      details,
    );
  }
  if (status === 403) {
    return new AdapterError('zenml_permission_denied', `The ZenML account is not allowed to access ${ctx.subject} (HTTP 403).`, details);
  }
  if (status === 404) {
    return body.type
      ? new AdapterError('zenml_not_found', `ZenML has no ${ctx.subject}.`, details)
      : new AdapterError('zenml_not_found', `ZenML at ${ctx.origin} has no API for ${ctx.subject} (HTTP 404); check ZENML_SERVER_URL.`, details);
  }
  if (status === 408 || status === 429 || status >= 500) {
    return new AdapterError('zenml_unavailable', `ZenML at ${ctx.origin} kept failing (HTTP ${status}) for ${ctx.subject}; try again later.`, details);
  }
  if (status >= 400) {
    return new AdapterError('zenml_invalid_request', `ZenML rejected the request for ${ctx.subject}${serverSays}.`, details);
  }
  return new AdapterError('zenml_unexpected_response', `ZenML at ${ctx.origin} gave an unexpected answer (HTTP ${status}) for ${ctx.subject}.`, details);
}
