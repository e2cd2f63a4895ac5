/**
 * What the page shows of conversations, read from the Slack emulator as a Slack client reads them: the channel
 * (top-level messages and replies also sent to the channel), each thread's replies under its parent, the bot's
 * direct messages with the person acting, and the previews the app attached to shared links (chat.unfurl). Also
 * a person's plain message: posted to the channel and, when it holds links on the app's unfurl domains, announced
 * to the app as Slack does (a signed `link_shared` event).
 */
import type { IncomingMessage } from 'node:http';
import type { SlackEmulator, StoredMessage } from '../slack';
import type { PlaygroundActor } from './playground.requests';

/** A message as the page draws it. */
export interface PageMessage {
  readonly ts: string;
  readonly text: string;
  readonly blocks: unknown[] | null;
  readonly user: string;
  readonly ephemeral: boolean;
  readonly edited: boolean;
  readonly kind: string;
  /** A reply's parent. */
  readonly threadTs?: string;
  /** A reply also sent to the channel. */
  readonly broadcast?: boolean;
  /** A parent's number of replies. */
  readonly replyCount?: number;
  /** What the app attached to the message's links (chat.unfurl), in the order of the links. */
  readonly unfurls?: { readonly url: string; readonly blocks: unknown[] }[];
}

/** The channel as the page shows it, and each thread's replies by parent ts. */
export interface ChannelView {
  readonly messages: PageMessage[];
  readonly threads: Record<string, PageMessage[]>;
}

/** Slack's longest message (characters); the page refuses longer ones as Slack's composer does. */
const MAX_MESSAGE_CHARS = 40_000;
const URL_PATTERN = /https?:\/\/[^\s<>]+/g;

function unfurlsOf(m: StoredMessage): PageMessage['unfurls'] {
  const list = Object.entries(m.unfurls ?? {}).flatMap(([url, u]) => {
    const blocks = (u as { blocks?: unknown }).blocks;
    return Array.isArray(blocks) ? [{ url, blocks }] : [];
  });
  return list.length > 0 ? list : undefined;
}

/** One stored message as the page draws it. */
export function pageMessage(m: StoredMessage, replyCount = 0): PageMessage {
  const unfurls = unfurlsOf(m);
  return {
    ts: m.ts,
    text: m.text,
    blocks: m.blocks ?? null,
    user: m.user,
    ephemeral: m.visibleTo !== undefined,
    edited: m.editedTs !== undefined,
    kind: m.source === 'user' ? 'user' : 'slack',
    ...(m.threadTs !== undefined ? { threadTs: m.threadTs, broadcast: m.broadcast === true } : {}),
    ...(replyCount > 0 ? { replyCount } : {}),
    ...(unfurls ? { unfurls } : {}),
  };
}

/**
 * The channel for one person: what they may see (everyone's messages and their own ephemeral ones), replies only
 * in their thread unless also sent to the channel, as in Slack.
 */
export function channelView(slack: SlackEmulator, channel: string, userId: string): ChannelView {
  const seen = slack.messages(channel).filter((m) => m.visibleTo === undefined || m.visibleTo === userId);
  const replies = new Map<string, StoredMessage[]>();
  for (const m of seen) {
    if (m.threadTs === undefined || m.visibleTo !== undefined || m.threadTs === m.ts) continue;
    replies.set(m.threadTs, [...(replies.get(m.threadTs) ?? []), m]);
  }
  const inChannel = seen.filter((m) => m.threadTs === undefined || m.threadTs === m.ts || m.broadcast === true || m.visibleTo !== undefined);
  const threads: Record<string, PageMessage[]> = {};
  for (const [parent, list] of replies) threads[parent] = list.map((m) => pageMessage(m));
  return { messages: inChannel.map((m) => pageMessage(m, replies.get(m.ts)?.length ?? 0)), threads };
}

/** The bot's direct messages with one person (its App Home Messages tab; chat.postMessage to the user ID lands there). */
export function directMessages(slack: SlackEmulator, userId: string): PageMessage[] {
  return slack.messages(`D${userId.slice(1)}`).map((m) => pageMessage(m));
}

/** True when the URL's host is one of the domains or below one (Slack's app_unfurl_domains match subdomains too). */
export function onUnfurlDomain(url: string, domains: readonly string[]): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return domains.some((d) => host === d.toLowerCase() || host.endsWith(`.${d.toLowerCase()}`));
}

/** Typed text as Slack stores it: `&`, `<`, `>` escaped, each link wrapped as `<url>`. */
export function storedText(typed: string): { text: string; urls: string[] } {
  const urls = typed.match(URL_PATTERN) ?? [];
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  let text = '';
  let at = 0;
  for (const m of typed.matchAll(URL_PATTERN)) {
    text += `${escape(typed.slice(at, m.index))}<${escape(m[0])}>`;
    at = m.index + m[0].length;
  }
  return { text: text + escape(typed.slice(at)), urls: [...new Set(urls)] };
}

export interface SayContext {
  readonly slack: SlackEmulator;
  readonly actor: (userId: string) => PlaygroundActor;
  readonly readJson: (req: IncomingMessage) => Promise<Record<string, unknown>>;
  readonly str: (body: Record<string, unknown>, key: string) => string;
  readonly badRequest: (message: string) => Error;
  /** The app's unfurl domains (its manifest's app_unfurl_domains; in the demo, MLflow's host). */
  readonly unfurlDomains: readonly string[];
}

/** `POST /api/say`: a person's plain message in the channel; links on the unfurl domains go to the app (link_shared). */
export function sayRoute(ctx: SayContext): Record<string, (req: IncomingMessage) => Promise<unknown>> {
  return {
    'POST /api/say': async (req) => {
      const body = await ctx.readJson(req);
      const who = ctx.actor(ctx.str(body, 'user'));
      const typed = ctx.str(body, 'text').trim();
      if (typed.length > MAX_MESSAGE_CHARS) throw ctx.badRequest(`a message holds at most ${MAX_MESSAGE_CHARS} characters`);
      const { text, urls } = storedText(typed);
      const unfurlable = urls.filter((u) => onUnfurlDomain(u, ctx.unfurlDomains));
      if (unfurlable.length === 0) {
        const ws = ctx.slack.workspace;
        const m = ws.addMessage({ channel: who.channelId, ts: ws.nextTs(), text, user: who.userId, source: 'user' });
        ws.emit('change');
        return { ts: m.ts, linkShared: false };
      }
      const shared = await ctx.slack.events.shareLink({ channel: who.channelId, user: who.userId, urls: unfurlable, message: text });
      return { ts: shared.messageTs, linkShared: true, status: shared.status };
    },
  };
}
