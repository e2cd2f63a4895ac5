import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

/** How long stop() waits for listeners still working (an approval's MLflow move, sync-on-write, notices). */
export const LISTENER_DRAIN_TIMEOUT_MS = 15_000;

/** Counts Slack requests whose listeners are still running, so a shutdown can let them finish. */
export interface InFlightListeners {
  /** Global middleware to register before any other of ours. */
  readonly middleware: Middleware<AnyMiddlewareArgs>;
  /** Resolves once none is running, or after `timeoutMs`; true when drained. */
  drain(timeoutMs?: number): Promise<boolean>;
}

/**
 * Bolt acknowledges a request and goes on running its listener; stopping the receiver does not wait for that work.
 * Closing the state store under a running approval would fail its last writes (the request stays pending while
 * MLflow has moved), so the app's stop drains these first.
 */
export function trackInFlightListeners(): InFlightListeners {
  const running = new Set<Promise<void>>();
  return {
    middleware: async ({ next }) => {
      const work = next();
      running.add(work);
      try {
        await work;
      } finally {
        running.delete(work);
      }
    },
    async drain(timeoutMs = LISTENER_DRAIN_TIMEOUT_MS) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      try {
        while (running.size > 0) {
          const settled = await Promise.race([Promise.allSettled([...running]).then(() => true), timedOut]);
          if (!settled) return false;
        }
        return true;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
