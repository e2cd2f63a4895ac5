import { ModelsyncError } from '../errors';
import type { LockPort } from '../ports/lock.port';
import type { StatePort } from '../ports/store.port';

/** A read-modify-write never takes this long; a crashed writer frees the list after it. */
export const LIST_LOCK_TTL_MS = 10_000;
/** How many times a writer retries a busy list before giving up (about 3 s of waiting in all). */
export const LIST_LOCK_ATTEMPTS = 200;
const RETRY_DELAY_MIN_MS = 5;
const RETRY_DELAY_SPREAD_MS = 20;

/** A shared list stayed claimed by another writer (another instance, or a stuck one) for too long. */
export class StateBusyError extends ModelsyncError {
  readonly code = 'store_busy' as const;
  readonly system = 'store' as const;
}

let ownerSeq = 0;
function ownerToken(): string {
  ownerSeq += 1;
  return `${Math.random().toString(36).slice(2)}.${ownerSeq}`;
}

/**
 * Read-modify-write of one stored value under the lock port, so writers on several instances (Redis) cannot lose
 * each other's change: each waits its turn (jittered retries, no clock involved so fake clocks cannot stall it),
 * reads the current value, applies `change`, writes the result. `change` returning undefined deletes the value.
 */
export async function updateUnderLock<T>(
  state: StatePort,
  lock: LockPort,
  key: string,
  change: (current: T | undefined) => T | undefined,
  ttlMs?: number,
): Promise<void> {
  const claim = `list-lock:${key}`;
  const owner = ownerToken();
  let attempts = 0;
  while (!(await lock.acquire(claim, owner, LIST_LOCK_TTL_MS))) {
    attempts += 1;
    if (attempts >= LIST_LOCK_ATTEMPTS) {
      throw new StateBusyError(`The stored list ${key} stayed busy; try again in a moment.`);
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MIN_MS + Math.random() * RETRY_DELAY_SPREAD_MS));
  }
  try {
    const next = change(await state.get<T>(key));
    if (next === undefined) await state.delete(key);
    else await state.set(key, next, ttlMs);
  } finally {
    await lock.release(claim, owner);
  }
}
