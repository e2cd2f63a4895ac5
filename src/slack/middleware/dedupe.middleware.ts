import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { LockPort } from '../../core/ports/lock.port';
import type { Logger } from '../../core/ports/logger.port';
import type { StatePort } from '../../core/ports/store.port';
import { RequestDedup } from './request-dedup';
import { requestKey } from './request-key';

/** What the middleware needs: the app's state store and lock (the same ones the approvals use). */
export interface DedupeMiddlewareDeps {
  readonly state: StatePort;
  readonly lock: LockPort;
  readonly logger: Logger;
}

/**
 * Global Bolt middleware: a slash command or button click whose key was seen before (Slack's retry with
 * X-Slack-Retry-Num, a replayed body, a duplicate delivery) is acknowledged and goes no further, so its effect
 * happens once. If the store cannot be read, the request goes through: the core's own guards (approval claim,
 * open-request check) still hold, and failing the user's command would be worse.
 */
export function dedupeMiddleware(deps: DedupeMiddlewareDeps): Middleware<AnyMiddlewareArgs> {
  const dedup = new RequestDedup(deps.state, deps.lock, `slack-${randomUUID()}`);
  return async (args: AnyMiddlewareArgs & AllMiddlewareArgs) => {
    const key = requestKey(args.body);
    if (!key) return args.next();
    let first = true;
    try {
      first = await dedup.firstTime(key.key);
    } catch (err) {
      deps.logger.warn({ err, kind: key.kind }, 'request dedupe unavailable; handling the request');
    }
    if (first) return args.next();
    deps.logger.info(
      { kind: key.kind, retryNum: args.context.retryNum, retryReason: args.context.retryReason },
      'duplicate Slack request acknowledged and ignored',
    );
    const ack = (args as { ack?: () => Promise<void> }).ack;
    if (ack) await ack();
  };
}
