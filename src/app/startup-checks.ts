/**
 * What the app checks before it says "started": the Slack bot token (fatal when refused), the state store (fatal when
 * Redis refuses the credentials, a warning when it is merely unreachable) and the Notion database (a loud warning).
 * Each problem is one line naming the setting to change.
 */
import { describeError, isModelsyncError } from '../core/errors';
import type { Logger } from '../core/ports/logger.port';
import type { PagesPort } from '../core/ports/pages.port';
import type { Store } from '../adapters/store/create-store';
import { checkSlackBotToken, type SlackIdentity } from '../slack/auth-check';
import { EXIT_CONFIG_REFUSED, EXIT_FAILURE } from './exit-codes';

/** A start-up check failed: `message` is the one line to print; `exitCode` says whether a restart can help. */
export class StartupCheckError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'StartupCheckError';
  }
}

/** What to tell the operator for each auth.test refusal (codes from Slack's auth.test reference). */
const SLACK_TOKEN_REFUSALS: Readonly<Record<string, string>> = {
  invalid_auth: 'is not a valid token for any workspace',
  token_revoked: 'has been revoked (the app was uninstalled or the token rotated)',
  account_inactive: 'belongs to a deleted bot user or workspace',
  not_authed: 'was not sent',
  not_allowed_token_type: 'is not a bot token',
  not_a_bot_token: 'is not a bot token',
};

/** auth.test before anything else starts: a refused token ends the process (exit 2), Slack unreachable too (exit 1). */
export async function verifySlackBotToken(token: string, options: { slackApiUrl?: string; logger: Logger }): Promise<SlackIdentity> {
  const check = await checkSlackBotToken(token, options);
  if (check.kind === 'ok') return check.identity;
  if (check.kind === 'refused') {
    const what = SLACK_TOKEN_REFUSALS[check.error] ?? 'was refused';
    throw new StartupCheckError(
      `SLACK_BOT_TOKEN ${what} (Slack auth.test answered ${check.error}): set it to the Bot User OAuth Token (xoxb-…) from the Slack app's "OAuth & Permissions" page, reinstalling the app if needed.`,
      EXIT_CONFIG_REFUSED,
    );
  }
  options.logger.error({ err: check.cause }, 'Slack auth.test failed');
  throw new StartupCheckError(
    `Slack could not be reached to check SLACK_BOT_TOKEN (${describeCause(check.cause)}); modelsync does not start without it. Check the network${options.slackApiUrl ? ' and SLACK_API_URL' : ''}.`,
    EXIT_FAILURE,
  );
}

/** How long start-up waits for the first Redis connection. */
export const STORE_START_WAIT_MS = 3_000;

/** Redis refusing REDIS_URL's credentials is fatal (exit 2); Redis not reachable yet is a warning (readiness says down). */
export async function checkStoreAtStart(store: Store, logger: Logger): Promise<void> {
  const state = await store.waitUntilReady(STORE_START_WAIT_MS);
  if (state.ready) return;
  if (state.credentialsRefused) {
    throw new StartupCheckError('REDIS_URL was refused by Redis (wrong user or password): fix the credentials in REDIS_URL.', EXIT_CONFIG_REFUSED);
  }
  logger.error(
    { store: store.kind },
    'Redis (REDIS_URL) is not reachable at start: modelsync starts anyway, answers Slack requests "the state store is unavailable; nothing was changed" and reports not ready on /readyz until it connects',
  );
}

/** The start does not wait longer for Notion (its requests queue behind the 3 req/s limiter and retry). */
export const NOTION_START_CHECK_TIMEOUT_MS = 10_000;

/** The Notion failures that name a setting, with what to change. */
const NOTION_START_PROBLEMS: Readonly<Record<string, string>> = {
  notion_unauthorized: 'NOTION_API_TOKEN was refused by Notion (401 unauthorized): set it to the internal integration secret from notion.so/my-integrations',
  notion_not_found:
    'NOTION_DATABASE_ID names no database this integration can see (Notion answered 404 object_not_found): check the id, and share the database with the integration (••• → Connections)',
  notion_forbidden:
    "The Notion integration lacks a capability (403 restricted_resource): give it read, insert and update content in the integration's settings",
};

/**
 * Opens the Notion database and ensures its columns. Not fatal: Notion is a mirror, and approvals and promotions in
 * MLflow must keep working while it is misconfigured or down (and sharing can be fixed in Notion without a restart).
 * A setting problem is logged as one error line naming the variable; the readiness answer shows Notion unreachable
 * and every sync report repeats the problem until it is fixed. The start waits at most NOTION_START_CHECK_TIMEOUT_MS.
 */
export async function checkNotionAtStart(pages: PagesPort, logger: Logger): Promise<void> {
  const report = (e: unknown): void => {
    const problem = isModelsyncError(e) ? NOTION_START_PROBLEMS[e.code] : undefined;
    if (problem) logger.error({ err: e }, `${problem}. modelsync starts without the Notion mirror; syncs report this until it is fixed.`);
    else logger.warn({ err: e }, `Notion database not checked at start (${describeError(e)}); the next sync retries`);
  };
  let timer: NodeJS.Timeout | undefined;
  const ensured = pages.ensureSchema().then(
    () => 'done' as const,
    (e: unknown) => {
      report(e);
      return 'failed' as const;
    },
  );
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), NOTION_START_CHECK_TIMEOUT_MS);
  });
  const outcome = await Promise.race([ensured, late]);
  clearTimeout(timer);
  if (outcome === 'late') {
    logger.warn({}, `Notion did not answer within ${NOTION_START_CHECK_TIMEOUT_MS / 1000} s at start; starting without waiting (the check goes on)`);
  }
}

function describeCause(e: unknown): string {
  let cur: unknown = e;
  for (let depth = 0; depth < 4 && cur && typeof cur === 'object'; depth += 1) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    cur = (cur as { original?: unknown; cause?: unknown }).original ?? (cur as { cause?: unknown }).cause;
  }
  return e instanceof Error ? e.name : 'unknown error';
}
