import type { KnownBlock } from '@slack/web-api';
import { cut, cutMrkdwn, esc, type Mrkdwn } from './mrkdwn';

export { channelMention, cut, cutMrkdwn, esc, escapeText, groupMention, joinMrkdwn, link, mention, Mrkdwn, mrkdwn, slackDate } from './mrkdwn';

/** Slack's documented limits this app renders within. */
export const MAX_MESSAGE_BLOCKS = 50;
export const SECTION_TEXT_MAX_CHARS = 3000;
export const SECTION_FIELD_MAX_CHARS = 2000;
export const CONTEXT_ELEMENTS_MAX = 10;
export const HEADER_MAX_CHARS = 150;

declare const SLACK_TEXT: unique symbol;
/** A message `text` (Slack parses it as mrkdwn): only `message` and `plain` make one, from escaped Mrkdwn. */
export type SlackText = string & { readonly [SLACK_TEXT]: true };

/** A message as chat.postMessage / respond take it: `text` is the notification fallback. */
export interface SlackMessage {
  readonly text: SlackText;
  readonly blocks: KnownBlock[];
}

/** A message from its fallback text and its blocks. */
export function message(text: Mrkdwn, blocks: KnownBlock[]): SlackMessage {
  return { text: cutMrkdwn(text, SECTION_TEXT_MAX_CHARS).text as SlackText, blocks };
}

/** A text-only answer (chat.postEphemeral, an ack without blocks). */
export function textOnly(text: Mrkdwn): { readonly text: SlackText } {
  return { text: cutMrkdwn(text, SECTION_TEXT_MAX_CHARS).text as SlackText };
}

/** Slack refuses a whole message over one empty text object ("must be more than 0 characters"): show a dash. */
function shown(text: Mrkdwn, max: number): string {
  return text.text.trim() === '' ? '—' : cutMrkdwn(text, max).text;
}

export function section(text: Mrkdwn): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: shown(text, SECTION_TEXT_MAX_CHARS) } };
}

export function fields(items: readonly Mrkdwn[]): KnownBlock {
  return { type: 'section', fields: items.slice(0, 10).map((t) => ({ type: 'mrkdwn' as const, text: shown(t, SECTION_FIELD_MAX_CHARS) })) };
}

/** A context line; empty items are left out (a dash when nothing is left). */
export function context(...items: Mrkdwn[]): KnownBlock {
  const kept = items.filter((t) => t.text.trim() !== '').slice(0, CONTEXT_ELEMENTS_MAX);
  return {
    type: 'context',
    elements: (kept.length > 0 ? kept : items.slice(0, 1)).map((t) => ({ type: 'mrkdwn' as const, text: shown(t, SECTION_FIELD_MAX_CHARS) })),
  };
}

/**
 * A header. Header text is plain_text, which Slack does not parse for mentions, links or entities (mrkdwn markup
 * applies only to `type: mrkdwn`, docs.slack.dev text object), so data goes in as it is.
 */
export function header(text: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: cut(text, HEADER_MAX_CHARS) } };
}

export function divider(): KnownBlock {
  return { type: 'divider' };
}

/** Keeps a message within the block limit: the last kept block says how much was left out. */
export function capBlocks(blocks: KnownBlock[], max = MAX_MESSAGE_BLOCKS): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  return [...blocks.slice(0, max - 1), context(esc(`…${blocks.length - max + 1} more blocks left out`))];
}

/** A one-section ephemeral message (errors, short confirmations). */
export function plain(text: Mrkdwn): SlackMessage {
  return message(text, [section(text)]);
}
