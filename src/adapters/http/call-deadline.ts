/**
 * A deadline that travels with one piece of work through every await (AsyncLocalStorage), so a read-only command
 * shares one time budget across its queued steps: the wait for a listener slot and each wait for an MLflow slot.
 * Without it each step had its own budget and a command of two MLflow calls could be told "busy" only after
 * twice the budget. Set by the Slack layer around a command's work, read by the admission gates; nothing else
 * depends on it (the fresh-or-cached choice is explicit at the call site, not carried here).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const deadlines = new AsyncLocalStorage<number>();

/** Runs `work` with a deadline (epoch ms) that every admission wait inside it respects. */
export function withDeadline<T>(deadlineMs: number, work: () => Promise<T>): Promise<T> {
  return deadlines.run(deadlineMs, work);
}

/** The deadline of the work this code runs for, if it has one. */
export function currentDeadline(): number | undefined {
  return deadlines.getStore();
}
