import { missingArgument, SlackApiError } from './api-error';
import { str, type Args, bool } from './args';
import { renderMessage } from './chat.methods';
import type { Workspace } from './workspace';

/** conversations.replies: a thread, parent first (`channel`, `ts` of the parent); thread_not_found otherwise. */
export function conversationsReplies(ws: Workspace, args: Args): Record<string, unknown> {
  const channel = str(args, 'channel');
  if (channel === undefined) throw missingArgument('channel');
  if (!ws.channels.has(channel)) throw new SlackApiError('channel_not_found');
  const ts = str(args, 'ts');
  if (ts === undefined) throw missingArgument('ts');
  const thread = ws.thread(channel, ts);
  if (thread.length === 0 || thread[0]?.ts !== ts) throw new SlackApiError('thread_not_found');
  return { messages: thread.map((m) => renderMessage(ws, m)), has_more: false, response_metadata: { next_cursor: '' } };
}

/**
 * conversations.open: the bot's DM with one user (`users=U…`), opened if needed; `already_open` when it existed.
 * `return_im` answers the full IM definition. Several users (a group DM) are not modelled: method_not_supported_for_channel_type.
 */
export function conversationsOpen(ws: Workspace, args: Args): Record<string, unknown> {
  const resume = str(args, 'channel');
  const users = str(args, 'users')
    ?.split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  if (resume !== undefined) {
    const c = ws.channels.get(resume);
    if (!c || c.user === undefined) throw new SlackApiError('channel_not_found');
    return imAnswer(ws, c.id, c.user, true, bool(args, 'return_im'));
  }
  if (users === undefined || users.length === 0) throw new SlackApiError('users_list_not_supplied');
  if (users.length > 1) throw new SlackApiError('method_not_supported_for_channel_type');
  const userId = users[0] as string;
  const user = ws.users.get(userId);
  if (!user) throw new SlackApiError('user_not_found');
  if (user.deleted) throw new SlackApiError('user_disabled');
  const im = ws.openIm(userId);
  return imAnswer(ws, im.id, userId, im.alreadyOpen, bool(args, 'return_im'));
}

function imAnswer(ws: Workspace, id: string, user: string, alreadyOpen: boolean, full: boolean): Record<string, unknown> {
  const channel = full
    ? { id, created: 1_700_000_000, is_im: true, is_org_shared: false, user, is_user_deleted: ws.users.get(user)?.deleted === true }
    : { id };
  return { channel, ...(alreadyOpen ? { no_op: true, already_open: true } : {}) };
}
