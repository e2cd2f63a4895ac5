import { isModelsyncError } from '../core/errors';
import type { Logger } from '../core/ports/logger.port';
import { unexpectedErrorText } from './blocks/answer.blocks';

/** The part of Bolt's extended error handler arguments this handler reads. */
export interface ErrorHandlerArgs {
  readonly error: Error;
  readonly body?: unknown;
}

/** Bolt wraps errors without a `code` in UnknownError and several listener failures in one; find the real ones. */
export function unwrapBoltError(error: unknown): unknown[] {
  if (error && typeof error === 'object') {
    const e = error as { original?: unknown; originals?: unknown[] };
    if (Array.isArray(e.originals)) return e.originals.flatMap(unwrapBoltError);
    if (e.original !== undefined) return unwrapBoltError(e.original);
  }
  return [error];
}

function errorClass(e: unknown): string {
  return e instanceof Error ? e.name : typeof e;
}

/**
 * The app's single error handler: logs each underlying error by class with its code and cause chain, then, when
 * the request carried a response_url, tells the user in one ephemeral sentence. Never rethrows.
 */
export function createAppErrorHandler(logger: Logger, post: typeof fetch = fetch) {
  return async ({ error, body }: ErrorHandlerArgs): Promise<void> => {
    const errors = unwrapBoltError(error);
    for (const e of errors) {
      logger.error(
        { err: e, errorClass: errorClass(e), code: (e as { code?: unknown })?.code, expected: isModelsyncError(e) },
        'unhandled error in a Slack listener',
      );
    }
    const responseUrl = (body as { response_url?: unknown } | undefined)?.response_url;
    if (typeof responseUrl !== 'string') return;
    try {
      await post(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: unexpectedErrorText(errors[0]) }),
      });
    } catch (err) {
      logger.warn({ err }, 'could not tell the user about an error');
    }
  };
}
