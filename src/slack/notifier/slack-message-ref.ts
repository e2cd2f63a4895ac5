import type { MessageRef } from '../../core/ports/message-ref';

/** Where a Slack message lives: what chat.update needs (the core stores it without looking inside). */
export type SlackMessageRef = {
  readonly channel: string;
  readonly ts: string;
};

/** The Slack address in a stored reference; undefined when there is none or it is not one of ours. */
export function slackMessageRef(ref: MessageRef | undefined): SlackMessageRef | undefined {
  const channel = ref?.channel;
  const ts = ref?.ts;
  return typeof channel === 'string' && typeof ts === 'string' ? { channel, ts } : undefined;
}
