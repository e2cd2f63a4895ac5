import { ModelsyncError } from '../../core/errors';

/** The state store (SQLite file or Redis) could not be used. */
export class StoreUnavailableError extends ModelsyncError {
  readonly code = 'store_unavailable' as const;
  readonly system = 'store' as const;
}

/** True for errors of the state store adapter. */
export function isStoreError(e: unknown): e is StoreUnavailableError {
  return e instanceof StoreUnavailableError;
}
