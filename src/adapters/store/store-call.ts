import { StoreUnavailableError, isStoreError, type StoreFailure } from './store.errors';

/** Node socket errors meaning the store was not reached. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ETIMEDOUT']);
/** node-redis errors raised while the client is not connected (with the offline queue disabled, at once). */
const UNREACHABLE_ERRORS = new Set([
  'ClientOfflineError',
  'ClientClosedError',
  'SocketClosedUnexpectedlyError',
  'ConnectionTimeoutError',
  'SocketTimeoutError',
]);

/**
 * Reads a store failure: node-redis names its errors by class only (their `name` stays "Error"); Redis error replies
 * start with their code (OOM, READONLY); SQLite errors carry SQLITE_* codes.
 */
export function classifyStoreFailure(e: unknown): StoreFailure {
  const err = e as { code?: unknown; message?: unknown } | undefined;
  const name = e instanceof Error ? e.constructor.name : '';
  const code = typeof err?.code === 'string' ? err.code : '';
  const message = typeof err?.message === 'string' ? err.message : '';
  if (UNREACHABLE_ERRORS.has(name) || UNREACHABLE_CODES.has(code) || code === 'SQLITE_CANTOPEN') return 'unreachable';
  if (/^(OOM|READONLY|NOREPLICAS)\b/.test(message) || code === 'SQLITE_FULL') return 'full';
  return 'refused';
}

/**
 * Runs one store operation: a failure becomes StoreUnavailableError. With `deadlineMs`, an operation that has not
 * settled by then fails as a timeout — node-redis's own command timeout only covers commands not yet written, so a
 * Redis that accepts the connection but never answers (paused, swapping) would otherwise hang the caller for ever.
 * The late answer of a timed-out operation is ignored.
 */
export async function storeCall<R>(operation: string, op: () => Promise<R>, deadlineMs?: number): Promise<R> {
  let timer: NodeJS.Timeout | undefined;
  try {
    if (deadlineMs === undefined) return await op();
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreUnavailableError('timeout', operation)), deadlineMs);
    });
    return await Promise.race([op(), deadline]);
  } catch (e) {
    if (isStoreError(e)) throw e;
    throw new StoreUnavailableError(classifyStoreFailure(e), operation, { cause: e });
  } finally {
    clearTimeout(timer);
  }
}
