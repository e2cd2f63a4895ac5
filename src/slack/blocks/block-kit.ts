import type { KnownBlock } from '@slack/web-api';

/** Slack's documented limits this app renders within. */
export const MAX_MESSAGE_BLOCKS = 50;
export const SECTION_TEXT_MAX_CHARS = 3000;
export const SECTION_FIELD_MAX_CHARS = 2000;
export const CONTEXT_ELEMENTS_MAX = 10;

/** A message as chat.postMessage / respond take it: `text` is the notification fallback. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

/** Escapes the three characters mrkdwn treats as control characters. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to `max` characters, marking the cut. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A mrkdwn link; the label is escaped, the URL must not contain `|` or `>`. */
export function link(url: string, label: string): string {
  return `<${url.replace(/[|>]/g, encodeURIComponent)}|${esc(label)}>`;
}

/** A user mention. */
export function mention(userId: string): string {
  return `<@${userId}>`;
}

/** A date Slack renders in the reader's time zone, with an ISO fallback for clients that cannot. */
export function slackDate(ms: number): string {
  const iso = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${iso}>`;
}

export function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: cut(text, SECTION_TEXT_MAX_CHARS) } };
}

export function fields(items: readonly string[]): KnownBlock {
  return { type: 'section', fields: items.slice(0, 10).map((t) => ({ type: 'mrkdwn' as const, text: cut(t, SECTION_FIELD_MAX_CHARS) })) };
}

export function context(...items: string[]): KnownBlock {
  return { type: 'context', elements: items.slice(0, CONTEXT_ELEMENTS_MAX).map((t) => ({ type: 'mrkdwn' as const, text: cut(t, SECTION_FIELD_MAX_CHARS) })) };
}

export function header(text: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: cut(text, 150) } };
}

export function divider(): KnownBlock {
  return { type: 'divider' };
}

/** Keeps a message within the block limit: the last kept block says how much was left out. */
export function capBlocks(blocks: KnownBlock[], max = MAX_MESSAGE_BLOCKS): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  return [...blocks.slice(0, max - 1), context(`…${blocks.length - max + 1} more blocks left out`)];
}

/** A one-section ephemeral message (errors, short confirmations). */
export function plain(text: string): SlackMessage {
  return { text: cut(text, SECTION_TEXT_MAX_CHARS), blocks: [section(text)] };
}
