import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from './http-io';
import type { SlackEmulator } from './slack-emulator';

/** Path prefix of the admin API the demo playground and tests use. */
export const ADMIN_PREFIX = '/__emulator/';

type Json = Record<string, unknown>;

async function jsonBody(req: IncomingMessage): Promise<Json> {
  const text = await readBody(req);
  if (text.trim() === '') return {};
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null) throw new Error('expected a JSON object or array');
  return parsed as Json;
}

function list<T>(body: Json | T[]): T[] {
  return Array.isArray(body) ? body : [body as T];
}

/**
 * The admin API:
 *   GET  calls[?method=]            every recorded call, in order
 *   GET  messages[?channel=]        one channel's history (ts order) or all channels' histories
 *   GET  responses[?id=]            posts to response URLs
 *   GET  channels | users | views   workspace contents
 *   POST reset                      back to the seeded defaults
 *   POST users | usergroups | channels   seed one object or an array
 *   POST rate-limit                 {limit, windowMs?, methods?} or {} to switch it off
 *   POST bot-token                  {error: token_revoked|account_inactive|invalid_auth} kills the bot token, {} revives it
 *   POST response-urls              {id?, channel?, user?, messageTs?} → {url}
 *   POST share-link                 {channel, urls, user?, text?, source?} → a person's message and a signed link_shared event
 */
export async function handleAdminRequest(emu: SlackEmulator, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const route = `${req.method ?? 'GET'} ${url.pathname.slice(ADMIN_PREFIX.length).replace(/\/+$/, '')}`;
  const q = url.searchParams;
  try {
    switch (route) {
      case 'GET calls':
        return sendJson(res, 200, { calls: emu.calls(q.get('method') ?? undefined) });
      case 'GET messages': {
        const channel = q.get('channel');
        return sendJson(res, 200, channel ? { channel, messages: emu.messages(channel) } : { channels: emu.allMessages() });
      }
      case 'GET responses':
        return sendJson(res, 200, { responses: emu.responses(q.get('id') ?? undefined) });
      case 'GET channels':
        return sendJson(res, 200, { channels: [...emu.workspace.channels.values()] });
      case 'GET users':
        return sendJson(res, 200, { users: [...emu.workspace.users.values()], usergroups: [...emu.workspace.usergroups.values()] });
      case 'GET views':
        return sendJson(res, 200, { views: [...emu.workspace.views.values()] });
      case 'POST reset':
        emu.reset();
        return sendJson(res, 200, { ok: true });
      case 'POST users':
        for (const u of list(await jsonBody(req))) emu.seedUser(u as never);
        return sendJson(res, 200, { ok: true });
      case 'POST usergroups':
        for (const g of list(await jsonBody(req))) emu.seedUsergroup(g as never);
        return sendJson(res, 200, { ok: true });
      case 'POST channels':
        for (const c of list(await jsonBody(req))) emu.seedChannel(c as never);
        return sendJson(res, 200, { ok: true });
      case 'POST rate-limit': {
        const body = await jsonBody(req);
        emu.setRateLimit(typeof body.limit === 'number' ? (body as never) : null);
        return sendJson(res, 200, { ok: true });
      }
      case 'POST bot-token': {
        const body = await jsonBody(req);
        const error = body.error;
        if (error !== undefined && error !== 'token_revoked' && error !== 'account_inactive' && error !== 'invalid_auth') {
          return sendJson(res, 400, { ok: false, error: 'bad_admin_request', detail: 'error must be token_revoked, account_inactive or invalid_auth' });
        }
        emu.setBotTokenError(error ?? null);
        return sendJson(res, 200, { ok: true });
      }
      case 'POST response-urls': {
        const b = await jsonBody(req);
        const s = (k: string): string | undefined => (typeof b[k] === 'string' ? (b[k] as string) : undefined);
        return sendJson(res, 200, { url: emu.responseUrl(s('id'), { channel: s('channel'), user: s('user'), messageTs: s('messageTs') }) });
      }
      case 'POST share-link': {
        const b = await jsonBody(req);
        const urls = Array.isArray(b.urls) ? b.urls.filter((u): u is string => typeof u === 'string') : [];
        if (typeof b.channel !== 'string' || urls.length === 0) {
          return sendJson(res, 400, { ok: false, error: 'bad_admin_request', detail: 'give channel and urls (a non-empty array of URLs)' });
        }
        const s = (k: string): string | undefined => (typeof b[k] === 'string' ? (b[k] as string) : undefined);
        const source = s('source') === 'composer' ? 'composer' : 'conversations_history';
        return sendJson(res, 200, await emu.events.shareLink({ channel: b.channel, urls, user: s('user'), text: s('text'), source }));
      }
      default:
        return sendJson(res, 404, { ok: false, error: 'unknown_admin_route', route });
    }
  } catch (e) {
    return sendJson(res, 400, { ok: false, error: 'bad_admin_request', detail: e instanceof Error ? e.message : String(e) });
  }
}
