import { WebAPIPlatformError, WebClient } from '@slack/web-api';
import { boltLogger } from '../adapters/log/bolt-logger';
import type { Logger } from '../core/ports/logger.port';

/** auth.test's answer for a working bot token: what Bolt needs to know about itself. */
export interface SlackIdentity {
  readonly botId: string;
  readonly botUserId: string;
  readonly teamId: string;
}

/** The outcome of the start-up token check. */
export type SlackAuthCheck =
  | { readonly kind: 'ok'; readonly identity: SlackIdentity }
  /** Slack answered and refused the token: `error` is Slack's code (invalid_auth, token_revoked, account_inactive, …). */
  | { readonly kind: 'refused'; readonly error: string }
  /** Slack could not be asked (network, 5xx after retries). */
  | { readonly kind: 'unreachable'; readonly cause: unknown };

/** A start-up check should not hang: a few quick retries, then an answer. */
const AUTH_CHECK_TIMEOUT_MS = 5_000;
const AUTH_CHECK_RETRIES = 2;

/**
 * Calls auth.test with the bot token before the app starts (Slack answers HTTP 200 with ok:false and an error code
 * for a bad token). A bot token's answer carries bot_id; without one the token is not a bot token.
 */
export async function checkSlackBotToken(token: string, options: { slackApiUrl?: string; logger: Logger }): Promise<SlackAuthCheck> {
  const client = new WebClient(token, {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    logger: boltLogger(options.logger, 'slack-auth-check'),
    timeout: AUTH_CHECK_TIMEOUT_MS,
    retryConfig: { retries: AUTH_CHECK_RETRIES, factor: 2, minTimeout: 500, maxTimeout: 2_000 },
  });
  try {
    const res = await client.auth.test();
    if (typeof res.bot_id !== 'string' || typeof res.user_id !== 'string') return { kind: 'refused', error: 'not_a_bot_token' };
    return { kind: 'ok', identity: { botId: res.bot_id, botUserId: res.user_id, teamId: String(res.team_id ?? '') } };
  } catch (e) {
    if (e instanceof WebAPIPlatformError) return { kind: 'refused', error: e.data.error };
    return { kind: 'unreachable', cause: e };
  }
}
