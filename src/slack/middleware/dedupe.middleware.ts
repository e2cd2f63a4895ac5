import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { isModelsyncError } from '../../core/errors';
import type { LockPort } from '../../core/ports/lock.port';
import type { Logger } from '../../core/ports/logger.port';
import type { StatePort } from '../../core/ports/store.port';
import { RequestDedup } from './request-dedup';
import { requestKey } from './request-key';
import { answerStoreUnavailable, firstInputBlockId } from './store-unavailable.reply';

/** What the middleware needs: the app's state store and lock (the same ones the approvals use). */
export interface DedupeMiddlewareDeps {
  readonly state: StatePort;
  readonly lock: LockPort;
  readonly logger: Logger;
}

/** What the store said about a request before any listener runs. */
type Gate = 'first' | 'duplicate' | 'unkeyed';

/**
 * Global Bolt middleware, before every listener:
 * - a slash command or button click whose key was seen before (Slack's retry with X-Slack-Retry-Num, a replayed
 *   body, a duplicate delivery) is acknowledged and goes no further, so its effect happens once;
 * - a modal submission with an input first proves the store takes writes;
 * - if the store fails here (Redis down, full or hung; each call fails within its deadline), the request is
 *   acknowledged and answered "the state store is unavailable; nothing was changed", and no listener runs. This is
 *   the honest answer: every state change (approvals, audit, dedupe) needs the store, and nothing has happened yet.
 */
export function dedupeMiddleware(deps: DedupeMiddlewareDeps): Middleware<AnyMiddlewareArgs> {
  const dedup = new RequestDedup(deps.state, deps.lock, `slack-${randomUUID()}`);
  return async (args: AnyMiddlewareArgs & AllMiddlewareArgs) => {
    const key = requestKey(args.body);
    let gate: Gate = 'unkeyed';
    try {
      if (key) gate = (await dedup.firstTime(key.key)) ? 'first' : 'duplicate';
      else if ((args.body as { type?: unknown }).type === 'view_submission' && firstInputBlockId(args.body) !== undefined) await dedup.assertWritable();
    } catch (err) {
      // Store failures are typed by the store adapter (system "store"); anything else is a bug for app.error.
      if (!isModelsyncError(err) || err.system !== 'store') throw err;
      deps.logger.warn({ err, kind: key?.kind ?? 'view_submission' }, 'state store unavailable: Slack request answered, nothing run');
      await answerStoreUnavailable(args);
      return;
    }
    if (gate !== 'duplicate') return args.next();
    deps.logger.info(
      { kind: key?.kind, retryNum: args.context.retryNum, retryReason: args.context.retryReason },
      'duplicate Slack request acknowledged and ignored',
    );
    const ack = (args as { ack?: () => Promise<void> }).ack;
    if (ack) await ack();
  };
}
