import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody, SlackApiError } from './api-error';
import { decodeForRecord } from './args';
import { parseArgs, readBody, sendJson } from './http-io';
import { METHODS } from './methods';
import type { MethodRateLimiter } from './rate-limiter';
import type { SocketModeHub } from './socket-mode';
import type { Workspace } from './workspace';

/** Path prefix of the Web API, as in https://slack.com/api/<method>. */
export const API_PREFIX = '/api/';

/** What the API handler needs from the running emulator. */
export interface ApiContext {
  readonly ws: Workspace;
  readonly botToken: string;
  /** App-level token (xapp-…): the only token apps.connections.open accepts, and only in the Authorization header. */
  readonly appToken: string;
  readonly socketMode: SocketModeHub;
  limiter: MethodRateLimiter | null;
  /** Set: the bot token is still recognised but dead, and every method answers this error (see BotTokenState). */
  botTokenError: BotTokenError | null;
}

/**
 * How Slack answers a bot token that was valid once: token_revoked after the app is uninstalled or the token revoked
 * (auth.revoke), account_inactive when the bot user or workspace is deactivated. A token never issued is invalid_auth.
 */
export type BotTokenError = 'token_revoked' | 'account_inactive' | 'invalid_auth';

function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(\S+)$/i.exec(h.trim()) : null;
  return m?.[1];
}

/** Handles POST/GET /api/<method>: Slack answers HTTP 200 for everything but rate limiting (429 + Retry-After). */
export async function handleApiRequest(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = decodeURIComponent(url.pathname.slice(API_PREFIX.length));
  let args: Record<string, unknown> = {};
  const answer = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void => {
    const ok = body.ok === true;
    ctx.ws.record({ method, args: decodeForRecord(args), status, ok, ...(ok ? {} : { error: String(body.error) }) });
    sendJson(res, status, body, headers);
  };
  try {
    const body = await readBody(req);
    const parsed = parseArgs(req.headers['content-type'], body, url.searchParams);
    args = parsed.args;
    if (method === 'apps.connections.open') return answer(200, connectionsOpen(ctx, bearer(req), parsed.bodyToken));
    const handler = METHODS[method];
    if (!handler) return answer(200, { ok: false, error: 'unknown_method', req_method: method });
    const token = bearer(req) ?? parsed.bodyToken;
    if (token === undefined) return answer(200, { ok: false, error: 'not_authed' });
    // An app-level token authenticates, but only for the apps.* methods it is made for.
    if (token === ctx.appToken) return answer(200, { ok: false, error: 'not_allowed_token_type' });
    if (token !== ctx.botToken) return answer(200, { ok: false, error: 'invalid_auth' });
    if (ctx.botTokenError) return answer(200, { ok: false, error: ctx.botTokenError });
    const retryAfter = ctx.limiter?.take(method) ?? 0;
    if (retryAfter > 0) return answer(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
    return answer(200, { ok: true, ...handler(ctx.ws, args) });
  } catch (e) {
    if (e instanceof SlackApiError) return answer(200, errorBody(e));
    return answer(200, { ok: false, error: 'internal_error' });
  }
}

/**
 * apps.connections.open: the app-level token in the Authorization header (Slack answers invalid_auth to one sent as
 * a POST parameter, and not_allowed_token_type to a bot token); the answer's `url` is a fresh WebSocket link.
 */
function connectionsOpen(ctx: ApiContext, headerToken: string | undefined, bodyToken: string | undefined): Record<string, unknown> {
  if (headerToken === undefined) return { ok: false, error: bodyToken === undefined ? 'not_authed' : 'invalid_auth' };
  if (headerToken === ctx.botToken) return { ok: false, error: 'not_allowed_token_type' };
  if (headerToken !== ctx.appToken) return { ok: false, error: 'invalid_auth' };
  return { ok: true, url: ctx.socketMode.open() };
}
