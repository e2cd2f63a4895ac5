import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody, SlackApiError } from './api-error';
import { bool, str, type Args } from './args';
import { messageContent } from './chat.methods';
import { readBody, sendJson } from './http-io';
import type { Workspace } from './workspace';

/** Path prefix of the response URLs the emulator hands out: /__response/<id>. */
export const RESPONSE_PREFIX = '/__response/';

/** Slack lets an app use a response_url up to five times (within 30 minutes). */
export const MAX_RESPONSE_URL_USES = 5;

/** What a post to a response URL asked for, as recorded. */
export interface ResponsePost {
  readonly text?: string;
  readonly blocks?: unknown[];
  readonly response_type?: string;
  readonly replace_original?: boolean;
  readonly delete_original?: boolean;
  readonly thread_ts?: string;
}

function summary(args: Args): ResponsePost {
  return {
    text: str(args, 'text'),
    blocks: Array.isArray(args.blocks) ? args.blocks : undefined,
    response_type: str(args, 'response_type'),
    replace_original: args.replace_original === undefined ? undefined : bool(args, 'replace_original'),
    delete_original: args.delete_original === undefined ? undefined : bool(args, 'delete_original'),
    thread_ts: str(args, 'thread_ts'),
  };
}

/**
 * Applies a response to the channel history when the URL is bound to a channel: delete_original / replace_original
 * act on the message whose button was clicked; otherwise a new in_channel or (default) ephemeral message appears.
 */
function apply(ws: Workspace, responseId: string, args: Args): void {
  const binding = ws.responseBindings.get(responseId);
  const deleting = bool(args, 'delete_original');
  if (deleting) {
    if (binding?.channel && binding.messageTs) ws.removeMessage(binding.channel, binding.messageTs);
    return;
  }
  const content = messageContent(args);
  if (!binding?.channel) return;
  const original = binding.messageTs ? ws.findMessage(binding.channel, binding.messageTs) : undefined;
  if (bool(args, 'replace_original') && original) {
    original.text = content.text;
    original.blocks = content.blocks;
    original.editedTs = ws.nextTs();
    return;
  }
  const inChannel = str(args, 'response_type') === 'in_channel';
  ws.addMessage({
    channel: binding.channel,
    ts: ws.nextTs(),
    text: content.text,
    blocks: content.blocks,
    user: ws.identity.botUserId,
    visibleTo: inChannel ? undefined : binding.user,
    threadTs: str(args, 'thread_ts'),
    source: 'response_url',
  });
}

/** Handles POST /__response/<id> (JSON, as Bolt's respond() sends it) and records it as a `response_url` call. */
export async function handleResponseUrl(ws: Workspace, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const responseId = decodeURIComponent(url.pathname.slice(RESPONSE_PREFIX.length));
  let args: Args = {};
  const answer = (status: number, body: Record<string, unknown>): void => {
    const ok = body.ok === true;
    ws.record({ method: 'response_url', args: { ...summary(args) }, status, ok, responseId, ...(ok ? {} : { error: String(body.error) }) });
    sendJson(res, status, body);
  };
  try {
    if (req.method !== 'POST') return answer(405, { ok: false, error: 'method_not_allowed' });
    const text = await readBody(req);
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      args = parsed as Args;
    } catch {
      return answer(400, { ok: false, error: 'invalid_payload' });
    }
    const uses = (ws.responseUses.get(responseId) ?? 0) + 1;
    ws.responseUses.set(responseId, uses);
    if (uses > MAX_RESPONSE_URL_USES) return answer(404, { ok: false, error: 'used_url' });
    apply(ws, responseId, args);
    return answer(200, { ok: true });
  } catch (e) {
    // Unlike the Web API, a response URL signals a refused payload with a non-2xx status.
    if (e instanceof SlackApiError) return answer(400, errorBody(e));
    return answer(500, { ok: false, error: 'internal_error' });
  }
}
