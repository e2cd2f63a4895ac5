/**
 * How a failed REST call becomes a system's typed error. What every REST system does alike lives here (its own
 * errors pass through, a thrown non-HTTP error is `…_unexpected_response`, no answer is `…_unavailable` with the
 * reason, an unreadable body names where, a refusal by the admission gate is `…_busy`, an HTTP error keeps only its
 * sanitized facts); each system says only what its error answers mean.
 */
import { isAxiosError } from 'axios';
import type { z } from 'zod';
import { requestsWaiting } from '../../core/errors';
import { AdapterBusyError, AdapterError, isAdapterError, type AdapterErrorCode } from './adapter-error';
import type { AdmissionRefused } from './admission-gate';
import { describeZodIssues, networkFailureReason, sanitizedCause } from './rest-policy';

/** The systems reached through the REST client (their failures include unavailable, unexpected_response, busy). */
export type RestSystem = 'mlflow' | 'zenml';

/** How messages name each REST system. */
const SYSTEM_NAMES: Readonly<Record<RestSystem, string>> = { mlflow: 'MLflow', zenml: 'ZenML' };

/** What the failed call was about, phrased for a sentence ("registered model named 'x'"). */
export interface CallContext {
  readonly subject: string;
  /** Scheme, host and port of the server, never credentials. */
  readonly origin: string;
  /** The call's full path (API prefix included), for messages that say no API answers there. */
  readonly path?: string;
  readonly timeoutMs: number;
}

/** An error answer from the server, with the HTTP error reduced to facts safe to log. */
export interface ErrorAnswer {
  readonly status: number;
  readonly body: unknown;
  /** The HTTP error without headers, body or socket (see sanitizedCause). */
  readonly cause: Error;
}

/** One REST system's errors, as the REST client makes them. */
export interface RestErrorFamily<S extends RestSystem> {
  readonly system: S;
  /** Any value a call threw, as this system's error (its own errors pass through unchanged). */
  toError(e: unknown, ctx: CallContext): AdapterError<S>;
  /** The server answered 2xx with a body that does not fit the call's schema. */
  unreadable(ctx: CallContext, error: z.ZodError): AdapterError<S>;
  /** The app's own admission gate refused the call: nothing was sent. */
  busy(refused: AdmissionRefused): AdapterBusyError<S>;
}

/**
 * The error family of a REST system. `fromAnswer` maps an error answer (status and body) to a code and message;
 * `busyConsequence` ends the busy message with what the refusal means for the user ("nothing was changed, try
 * again in a minute").
 */
export function restErrorFamily<S extends RestSystem>(
  system: S,
  fromAnswer: (answer: ErrorAnswer, ctx: CallContext) => AdapterError<S>,
  busyConsequence: string,
): RestErrorFamily<S> {
  const name = SYSTEM_NAMES[system];
  const code = (failure: 'unavailable' | 'unexpected_response' | 'busy') => `${system}_${failure}` as AdapterErrorCode<S>;
  return {
    system,
    toError(e, ctx) {
      if (isAdapterError(e, system)) return e;
      if (!isAxiosError(e)) return new AdapterError(code('unexpected_response'), `${name} call for ${ctx.subject} failed unexpectedly.`, { cause: e });
      if (!e.response) {
        const reason = networkFailureReason(e, ctx.timeoutMs);
        return new AdapterError(code('unavailable'), `${name} at ${ctx.origin} ${reason} for ${ctx.subject}.`, { cause: sanitizedCause(e) });
      }
      return fromAnswer({ status: e.response.status, body: e.response.data, cause: sanitizedCause(e) }, ctx);
    },
    unreadable(ctx, error) {
      const where = describeZodIssues(error);
      const message = `${name} at ${ctx.origin} answered the request for ${ctx.subject} with a body this app cannot read (${where}).`;
      return new AdapterError(code('unexpected_response'), message, { cause: error });
    },
    busy(refused) {
      const message = `${name} is busy (${requestsWaiting(refused.waiting)}); ${busyConsequence}.`;
      return new AdapterBusyError(code('busy'), message, refused.waiting, refused.reason);
    },
  };
}

/** A server's own message on one line and at most `maxChars` long (its words name the bad value; keep them short). */
export function oneLine(message: string, maxChars: number): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > maxChars ? `${line.slice(0, maxChars)}…` : line;
}
