/** Which outside system an error came from. */
export type ErrorSystem = 'mlflow' | 'notion' | 'zenml' | 'slack' | 'store' | 'config' | 'core';

/**
 * Base of every error this app throws on purpose. Adapters subclass it with narrow `code` literals
 * (`mlflow_not_found`, `notion_rate_limited`, …). `message` is a sentence safe to show a user:
 * no stack, no raw response body, no secret.
 */
export abstract class ModelsyncError extends Error {
  abstract readonly code: string;
  abstract readonly system: ErrorSystem;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** True for any error raised on purpose by this app. */
export function isModelsyncError(e: unknown): e is ModelsyncError {
  return e instanceof ModelsyncError;
}

/**
 * Implemented by the adapters' "busy" errors (`mlflow_busy`, `zenml_busy`): the app's own admission queue refused
 * the call before it reached the system, so nothing happened and asking again later is safe.
 */
export interface BusySignal {
  readonly busy: true;
  /** Calls in flight or waiting for that system when this one was refused. */
  readonly waiting: number;
}

/** "1 request waiting", "12 requests waiting": how busy errors and answers say it. */
export function requestsWaiting(waiting: number): string {
  const n = Math.max(0, Math.round(waiting));
  return `${n} ${n === 1 ? 'request' : 'requests'} waiting`;
}

/** True for an adapter's "busy" error: shed by the app under overload, not a failure of the outside system. */
export function isBusy(e: unknown): e is ModelsyncError & BusySignal {
  return isModelsyncError(e) && (e as Partial<BusySignal>).busy === true && typeof (e as Partial<BusySignal>).waiting === 'number';
}

/** A user-safe one-line reason for any thrown value. */
export function describeError(e: unknown): string {
  if (isModelsyncError(e)) return e.message;
  if (e instanceof Error) return `unexpected error (${e.name})`;
  return 'unexpected error';
}

/** For exhaustive switches: the compiler proves this is unreachable. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
