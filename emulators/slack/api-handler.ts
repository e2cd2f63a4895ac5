import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody, SlackApiError } from './api-error';
import { decodeForRecord } from './args';
import { parseArgs, readBody, sendJson } from './http-io';
import { METHODS } from './methods';
import type { MethodRateLimiter } from './rate-limiter';
import type { Workspace } from './workspace';

/** Path prefix of the Web API, as in https://slack.com/api/<method>. */
export const API_PREFIX = '/api/';

/** What the API handler needs from the running emulator. */
export interface ApiContext {
  readonly ws: Workspace;
  readonly botToken: string;
  limiter: MethodRateLimiter | null;
}

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
    const handler = METHODS[method];
    if (!handler) return answer(200, { ok: false, error: 'unknown_method', req_method: method });
    const token = bearer(req) ?? parsed.bodyToken;
    if (token === undefined) return answer(200, { ok: false, error: 'not_authed' });
    if (token !== ctx.botToken) return answer(200, { ok: false, error: 'invalid_auth' });
    const retryAfter = ctx.limiter?.take(method) ?? 0;
    if (retryAfter > 0) return answer(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
    return answer(200, { ok: true, ...handler(ctx.ws, args) });
  } catch (e) {
    if (e instanceof SlackApiError) return answer(200, errorBody(e));
    return answer(200, { ok: false, error: 'internal_error' });
  }
}
