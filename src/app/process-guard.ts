import type { AppLogger } from '../adapters/log/logger';
import { EXIT_FAILURE } from './exit-codes';

/** How long the fatal log line may take to reach its destination before the process exits anyway. */
const FLUSH_TIMEOUT_MS = 1_000;

/**
 * The last line of defence: an unhandled promise rejection or uncaught exception anywhere is logged once, as one JSON
 * line through the logger (so secrets are redacted like everywhere else), and the process exits non-zero instead of
 * going on in an unknown state or printing a raw stack. Returns a function that removes the handlers (tests).
 */
export function installProcessGuards(logger: AppLogger, exit: (code: number) => void = (code) => process.exit(code)): () => void {
  let exiting = false;
  const fatal = (kind: 'unhandled promise rejection' | 'uncaught exception', error: unknown): void => {
    if (exiting) return;
    exiting = true;
    const errorClass = error instanceof Error ? error.name : typeof error;
    logger.fatal({ err: error, errorClass }, `${kind}: modelsync stops (exit ${EXIT_FAILURE})`);
    const timer = setTimeout(() => exit(EXIT_FAILURE), FLUSH_TIMEOUT_MS);
    logger.flush(() => {
      clearTimeout(timer);
      exit(EXIT_FAILURE);
    });
  };
  const onRejection = (reason: unknown): void => fatal('unhandled promise rejection', reason);
  const onException = (error: Error): void => fatal('uncaught exception', error);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
