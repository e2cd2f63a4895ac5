/**
 * The retry and error-hygiene policy shared by the REST adapters (MLflow, ZenML): one place decides which
 * failures are worth another try and what of an axios error may be kept (never its headers or body).
 */
import axios, { type AxiosError } from 'axios';
import type { z } from 'zod';

/** Connection refused proves the request never reached the server: safe to repeat even a create. */
export function isConnectionRefused(error: AxiosError): boolean {
  return error.code === 'ECONNREFUSED';
}

/** Network failures (incl. timeouts), 429 and 5xx: the answers worth another try for an idempotent call. */
export function isIdempotentRetryable(error: AxiosError): boolean {
  if (axios.isCancel(error)) return false;
  const status = error.response?.status;
  if (status === undefined) return true;
  return status === 429 || status >= 500;
}

/** "did not answer within 30000 ms" / "could not be reached (ECONNREFUSED)", for an unavailable server. */
export function networkFailureReason(e: AxiosError, timeoutMs: number): string {
  const timedOut = e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT';
  return timedOut ? `did not answer within ${timeoutMs} ms` : `could not be reached (${e.code ?? 'network error'})`;
}

/**
 * An AxiosError carries the request config and socket, whose headers hold the Authorization secret and whose
 * body may hold a password or API key; a logger serialising `cause` would print them. Keep only the facts
 * worth logging.
 */
export function sanitizedCause(e: AxiosError): Error {
  const cause = new Error(e.message);
  cause.name = 'AxiosError';
  Object.assign(cause, { code: e.code, status: e.response?.status, method: e.config?.method?.toUpperCase(), path: e.config?.url });
  return cause;
}

/** The first few zod issues as "path: code", for a message that says where an answer was unreadable. */
export function describeZodIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`)
    .join('; ');
}
