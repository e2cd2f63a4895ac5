import { randomBytes } from 'node:crypto';
import { deliverEvent, type EventDelivery, type EventTarget } from './events';
import type { SocketModeHub } from './socket-mode';
import type { Workspace } from './workspace';

/** A person sharing links, as the emulator plays it. */
export interface ShareLinkSpec {
  readonly channel: string;
  readonly user?: string;
  /** The URLs (all of them are taken to be on the app's unfurl domains). */
  readonly urls: readonly string[];
  /** Words around the links in the message. */
  readonly text?: string;
  /** The whole message as Slack stores it (links as `<url>`), when it is more than `text` followed by the links. */
  readonly message?: string;
  /** `conversations_history` (posted, the default) or `composer` (still being typed: no message yet). */
  readonly source?: 'conversations_history' | 'composer';
  readonly threadTs?: string;
}

/** What sharing produced: the event sent and where its unfurls land. */
export interface SharedLinkDelivery extends EventDelivery {
  readonly unfurlId: string;
  /** The posted message's ts (composer: Slack's placeholder, not a message). */
  readonly messageTs: string;
}

/**
 * Posts a person's message with the links (Slack stores links as `<url>`) and sends the app a signed `link_shared`
 * event for them, with the fields Slack sends (docs.slack.dev, link_shared event): channel, user, message_ts,
 * unfurl_id, source, links [{domain, url}], event_ts.
 */
export async function shareLink(ws: Workspace, hub: SocketModeHub, target: EventTarget, spec: ShareLinkSpec): Promise<SharedLinkDelivery> {
  const source = spec.source ?? 'conversations_history';
  const user = spec.user ?? 'U0ALICE';
  const channel = ws.resolveChannel(spec.channel) ?? spec.channel;
  const posted = source === 'conversations_history';
  const messageTs = ws.nextTs();
  if (posted) {
    const text = spec.message ?? [spec.text ?? '', ...spec.urls.map((u) => `<${u}>`)].filter(Boolean).join(' ');
    ws.addMessage({ channel, ts: messageTs, text, user, threadTs: spec.threadTs, source: 'user' });
  }
  const unfurlId = `${channel}.${messageTs}.${randomBytes(16).toString('hex')}`;
  ws.sharedLinks.set(unfurlId, { channel, ts: posted ? messageTs : undefined, urls: [...spec.urls], unfurls: {} });
  const event = {
    type: 'link_shared',
    channel,
    is_bot_user_member: true,
    user,
    message_ts: messageTs,
    ...(spec.threadTs ? { thread_ts: spec.threadTs } : {}),
    unfurl_id: unfurlId,
    source,
    links: spec.urls.map((url) => ({ domain: new URL(url).hostname, url })),
    event_ts: messageTs,
  };
  const delivery = await deliverEvent(ws, hub, target, event);
  ws.emit('change');
  return { ...delivery, unfurlId, messageTs };
}
