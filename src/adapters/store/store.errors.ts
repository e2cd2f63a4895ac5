import { AdapterError } from '../http/adapter-error';

/** Why the state store could not be used. */
export type StoreFailure =
  /** Not connected: Redis stopped, unreachable or reconnecting; the SQLite file cannot be opened. */
  | 'unreachable'
  /** Connected, but no answer within the store's deadline (a hung or overloaded Redis). */
  | 'timeout'
  /** Writes refused: Redis at `maxmemory` with the `noeviction` policy (OOM) or a read-only replica; SQLite's disk full. */
  | 'full'
  /** Any other refusal (disk full, SQLITE_BUSY past its timeout, a Redis error reply). */
  | 'refused';

const REASONS: Readonly<Record<StoreFailure, string>> = {
  unreachable: 'it cannot be reached',
  timeout: 'it did not answer in time',
  full: 'it refuses writes (out of memory or disk full)',
  refused: 'it refused the operation',
};

/**
 * The state store (SQLite file or Redis) could not be used. The message says what did not happen and why, in
 * words safe for Slack (no host, no key, no stack); the original error is kept as `cause` for the log.
 */
export class StoreUnavailableError extends AdapterError<'store'> {
  constructor(
    readonly failure: StoreFailure,
    /** What was being done, e.g. "write", "take a lock". */
    readonly operation: string,
    options?: { cause?: unknown },
  ) {
    super('store_unavailable', `The state store is unavailable (could not ${operation}: ${REASONS[failure]}).`, { cause: options?.cause });
  }
}

/** True for errors of the state store adapter. */
export function isStoreError(e: unknown): e is StoreUnavailableError {
  return e instanceof StoreUnavailableError;
}
