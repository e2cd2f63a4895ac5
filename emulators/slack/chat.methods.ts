import { randomBytes } from 'node:crypto';
import { missingArgument, SlackApiError } from './api-error';
import { bool, str, structured, type Args } from './args';
import { problemMessages, validateMessageBlocks } from './block-kit.validation';
import type { StoredMessage, Workspace } from './workspace';

/** Slack truncates or refuses message text beyond 40,000 characters (msg_too_long). */
export const MAX_MESSAGE_TEXT_CHARS = 40_000;

/** The content of a message as a method receives it: validated text and blocks. */
export interface MessageContent {
  readonly text: string;
  readonly blocks?: unknown[];
}

/** Validates text/blocks the way chat.* methods and response URLs do: no_text, msg_too_long, invalid_blocks. */
export function messageContent(args: Args): MessageContent {
  const text = str(args, 'text');
  const blocks = structured(args, 'blocks', 'invalid_blocks_format');
  const attachments = structured(args, 'attachments', 'invalid_attachments');
  if (blocks !== undefined && !Array.isArray(blocks)) {
    throw new SlackApiError('invalid_blocks_format', ['[ERROR] must be an array [json-pointer:/blocks]']);
  }
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  if (text === undefined && !hasBlocks && attachments === undefined) throw new SlackApiError('no_text');
  if (text !== undefined && text.length > MAX_MESSAGE_TEXT_CHARS) throw new SlackApiError('msg_too_long');
  if (blocks !== undefined) {
    const problems = validateMessageBlocks(blocks);
    if (problems.length > 0) throw new SlackApiError('invalid_blocks', problemMessages(problems));
  }
  return { text: text ?? '', blocks: hasBlocks ? withIds(blocks as unknown[]) : undefined };
}

/** Slack fills in a block_id on every block and an action_id on every interactive element that lacks one. */
function withIds(blocks: unknown[]): unknown[] {
  return blocks.map((b) => {
    if (typeof b !== 'object' || b === null) return b;
    const block = { ...(b as Record<string, unknown>) };
    block.block_id ??= shortId();
    if (Array.isArray(block.elements) && block.type === 'actions') {
      block.elements = block.elements.map((e: unknown) =>
        typeof e === 'object' && e !== null ? { ...(e as object), action_id: (e as Record<string, unknown>).action_id ?? shortId() } : e,
      );
    }
    return block;
  });
}

function shortId(): string {
  return randomBytes(3).toString('base64url');
}

/** The message object Slack returns for a bot post. */
export function renderMessage(ws: Workspace, m: StoredMessage): Record<string, unknown> {
  const id = ws.identity;
  return {
    type: 'message',
    user: m.user,
    bot_id: id.botId,
    app_id: id.appId,
    team: id.teamId,
    text: m.text,
    ts: m.ts,
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...threadFields(ws, m),
    ...(m.editedTs ? { edited: { user: m.user, ts: m.editedTs } } : {}),
    bot_profile: { id: id.botId, app_id: id.appId, name: id.botName, team_id: id.teamId, deleted: false },
  };
}

/**
 * Thread fields as Slack returns them: a reply carries `thread_ts` (its parent's ts) and `parent_user_id`, a
 * broadcast reply also `subtype: thread_broadcast`; a parent with replies carries `thread_ts` (its own ts),
 * `reply_count`, `reply_users_count`, `latest_reply` and `reply_users`.
 */
function threadFields(ws: Workspace, m: StoredMessage): Record<string, unknown> {
  if (m.threadTs !== undefined) {
    const parent = ws.findMessage(m.channel, m.threadTs);
    return {
      thread_ts: m.threadTs,
      ...(parent ? { parent_user_id: parent.user } : {}),
      ...(m.broadcast ? { subtype: 'thread_broadcast' } : {}),
    };
  }
  const replies = ws.thread(m.channel, m.ts).filter((r) => r.ts !== m.ts);
  if (replies.length === 0) return {};
  const users = [...new Set(replies.map((r) => r.user))];
  return {
    thread_ts: m.ts,
    reply_count: replies.length,
    reply_users_count: users.length,
    latest_reply: replies[replies.length - 1]?.ts,
    reply_users: users,
  };
}

function channelArg(ws: Workspace, args: Args): string {
  const raw = str(args, 'channel');
  if (raw === undefined) throw new SlackApiError('channel_not_found');
  const channel = ws.resolveChannel(raw);
  if (channel === undefined) throw new SlackApiError('channel_not_found');
  return channel;
}

/**
 * Whether the bot may post to the channel, as Slack decides it for an app with chat:write.public: an archived channel
 * answers is_archived; a private channel the bot is not in is invisible to it (channel_not_found); a public channel
 * takes the post without membership (chat:write.public).
 */
function checkPostable(ws: Workspace, channel: string): void {
  const seed = ws.channels.get(channel);
  if (seed?.isArchived) throw new SlackApiError('is_archived');
  if (seed?.botIsMember === false && seed.isPrivate) throw new SlackApiError('channel_not_found');
}

/**
 * chat.postMessage: posts to a channel, a DM (a user ID as `channel` reaches the bot's DM with that person) or a
 * thread (`thread_ts`, and `reply_broadcast` to show the reply in the channel too); answers `{channel, ts, message}`.
 */
export function postMessage(ws: Workspace, args: Args): Record<string, unknown> {
  const channel = channelArg(ws, args);
  checkPostable(ws, channel);
  const content = messageContent(args);
  const threadTs = str(args, 'thread_ts');
  // reply_broadcast only means something for a reply.
  const broadcast = threadTs !== undefined && bool(args, 'reply_broadcast');
  const m = ws.addMessage({
    channel,
    ts: ws.nextTs(),
    text: content.text,
    blocks: content.blocks,
    user: ws.identity.botUserId,
    threadTs,
    broadcast: broadcast || undefined,
    source: 'chat.postMessage',
  });
  return { channel, ts: m.ts, message: renderMessage(ws, m) };
}

/** chat.update: replaces text/blocks of a bot message found by channel + ts; message_not_found otherwise. */
export function update(ws: Workspace, args: Args): Record<string, unknown> {
  const channel = channelArg(ws, args);
  const ts = str(args, 'ts');
  if (ts === undefined) throw missingArgument('ts');
  const existing = ws.findMessage(channel, ts);
  if (!existing || existing.visibleTo !== undefined) throw new SlackApiError('message_not_found');
  if (existing.user !== ws.identity.botUserId) throw new SlackApiError('cant_update_message');
  const content = messageContent(args);
  existing.text = content.text;
  existing.blocks = content.blocks;
  existing.editedTs = ws.nextTs();
  return { channel, ts, text: existing.text, message: renderMessage(ws, existing) };
}

/** chat.postEphemeral: a message only `user` sees; answers `{message_ts}`. */
export function postEphemeral(ws: Workspace, args: Args): Record<string, unknown> {
  const channel = channelArg(ws, args);
  const user = str(args, 'user');
  if (user === undefined) throw missingArgument('user');
  // Channel membership is not modelled: any user id counts as a member; anything else is not in the channel.
  if (!/^[UW][A-Z0-9]{2,}$/.test(user)) throw new SlackApiError('user_not_in_channel');
  const content = messageContent(args);
  const m = ws.addMessage({
    channel,
    ts: ws.nextTs(),
    text: content.text,
    blocks: content.blocks,
    user: ws.identity.botUserId,
    visibleTo: user,
    threadTs: str(args, 'thread_ts'),
    source: 'chat.postEphemeral',
  });
  return { message_ts: m.ts };
}
