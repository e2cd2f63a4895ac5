import { createHmac, randomBytes } from 'node:crypto';
import type { SocketModeHub } from './socket-mode';
import type { Workspace } from './workspace';

/** Where Slack sends Events API requests: the app's request URL and its signing secret (HTTP), or Socket Mode. */
export interface EventTarget {
  /** e.g. http://127.0.0.1:3000/slack/events; without it events go over an open Socket Mode link. */
  readonly requestUrl?: string;
  readonly signingSecret?: string;
}

/** What delivering one event produced. */
export interface EventDelivery {
  readonly eventId: string;
  /** HTTP status of the app's answer (Socket Mode: 200 once acked). */
  readonly status: number;
}

/** The `event_callback` envelope Slack wraps every event in. */
export function eventCallback(ws: Workspace, event: Record<string, unknown>): { body: Record<string, unknown>; eventId: string } {
  const id = ws.identity;
  const eventId = `Ev${randomBytes(5).toString('hex').toUpperCase()}`;
  const now = Math.floor(Date.now() / 1000);
  return {
    eventId,
    body: {
      token: 'verificationTokenNotUsed',
      team_id: id.teamId,
      api_app_id: id.appId,
      event,
      type: 'event_callback',
      event_id: eventId,
      event_time: now,
      authorizations: [{ enterprise_id: null, team_id: id.teamId, user_id: id.botUserId, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
    },
  };
}

/**
 * Sends an event to the app as Slack does: a JSON POST signed with v0 HMAC-SHA256 over "v0:{ts}:{body}" to the
 * request URL, or an `events_api` envelope over Socket Mode.
 */
export async function deliverEvent(ws: Workspace, hub: SocketModeHub, target: EventTarget, event: Record<string, unknown>): Promise<EventDelivery> {
  const { body, eventId } = eventCallback(ws, event);
  if (target.requestUrl) {
    if (!target.signingSecret) throw new Error('events over HTTP need the signing secret');
    const raw = JSON.stringify(body);
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', target.signingSecret).update(`v0:${timestamp}:${raw}`).digest('hex')}`;
    const res = await fetch(target.requestUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature },
      body: raw,
    });
    await res.text();
    return { eventId, status: res.status };
  }
  await hub.deliver('events_api', body);
  return { eventId, status: 200 };
}
