/**
 * The requests Slack sends around views, signed as Slack signs them (see slack-requests.ts): an Events API
 * callback (`app_home_opened`, JSON body), an options load for an external select (`block_suggestion`), and a
 * block_actions from an element inside a modal or the Home tab (no response_url, the view in the payload).
 */
import { randomBytes } from 'node:crypto';
import type { SlackEmulator } from '../../emulators/slack';
import { DEFAULT_IDENTITY } from '../../emulators/slack';
import { interactionBody, signedHeaders, VERIFICATION_TOKEN, type SignOptions } from './slack-requests';

export interface ViewRequestOptions {
  readonly appUrl: string;
  readonly signingSecret: string;
  readonly emulator: SlackEmulator;
}

/** The stored view as Slack puts it in a payload (with the state the person entered). */
function viewPayload(emu: SlackEmulator, viewId: string, values: Record<string, Record<string, unknown>>): Record<string, unknown> {
  const stored = emu.workspace.views.get(viewId) ?? [...emu.workspace.homeViews.values()].find((v) => v.id === viewId);
  if (!stored) throw new Error(`no view ${viewId} in the emulator`);
  return {
    id: stored.id,
    team_id: DEFAULT_IDENTITY.teamId,
    ...stored.view,
    private_metadata: stored.view.private_metadata ?? '',
    callback_id: stored.view.callback_id ?? '',
    state: { values },
    hash: stored.hash,
    root_view_id: stored.id,
    previous_view_id: null,
    app_id: DEFAULT_IDENTITY.appId,
    bot_id: DEFAULT_IDENTITY.botId,
  };
}

function user(id: string) {
  return { id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: DEFAULT_IDENTITY.teamId };
}

export class SlackViewRequests {
  constructor(private readonly options: ViewRequestOptions) {}

  private async send(body: string, contentType: string, sign: SignOptions = {}): Promise<{ status: number; text: string }> {
    const headers = { ...signedHeaders(this.options.signingSecret, body, sign), 'content-type': contentType };
    const res = await fetch(`${this.options.appUrl}/slack/events`, { method: 'POST', headers, body });
    return { status: res.status, text: await res.text() };
  }

  /** An Events API callback, as Slack POSTs it (JSON). */
  event(event: Record<string, unknown>, sign: SignOptions = {}): Promise<{ status: number; text: string }> {
    const body = JSON.stringify({
      token: VERIFICATION_TOKEN,
      team_id: DEFAULT_IDENTITY.teamId,
      api_app_id: DEFAULT_IDENTITY.appId,
      event,
      type: 'event_callback',
      event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: DEFAULT_IDENTITY.teamId, user_id: DEFAULT_IDENTITY.botUserId, is_bot: true }],
    });
    return this.send(body, 'application/json', sign);
  }

  /** The person opened the app's Home tab. */
  homeOpened(userId: string, tab: 'home' | 'messages' = 'home'): Promise<{ status: number; text: string }> {
    return this.event({ type: 'app_home_opened', user: userId, channel: `D${userId.slice(1)}`, tab, event_ts: (Date.now() / 1000).toFixed(6) });
  }

  /** An options load: the person typed `value` into the external select `actionId` of view `viewId`. */
  blockSuggestion(spec: { userId: string; viewId: string; blockId: string; actionId: string; value: string }): Promise<{ status: number; text: string }> {
    const payload = {
      type: 'block_suggestion',
      user: user(spec.userId),
      container: { type: 'view', view_id: spec.viewId },
      api_app_id: DEFAULT_IDENTITY.appId,
      token: VERIFICATION_TOKEN,
      action_id: spec.actionId,
      block_id: spec.blockId,
      value: spec.value,
      team: { id: DEFAULT_IDENTITY.teamId, domain: DEFAULT_IDENTITY.teamDomain },
      view: viewPayload(this.options.emulator, spec.viewId, {}),
    };
    return this.send(interactionBody(payload), 'application/x-www-form-urlencoded');
  }

  /** A select or button used inside a view (modal or Home tab): block_actions with the view, no response_url. */
  viewAction(spec: {
    userId: string;
    viewId: string;
    blockId: string;
    actionId: string;
    element: Record<string, unknown>;
    values?: Record<string, Record<string, unknown>>;
  }): Promise<{ status: number; text: string }> {
    const view = viewPayload(this.options.emulator, spec.viewId, spec.values ?? {});
    const payload = {
      type: 'block_actions',
      user: user(spec.userId),
      api_app_id: DEFAULT_IDENTITY.appId,
      token: VERIFICATION_TOKEN,
      container: { type: 'view', view_id: spec.viewId },
      trigger_id: this.options.emulator.triggerId(),
      team: { id: DEFAULT_IDENTITY.teamId, domain: DEFAULT_IDENTITY.teamDomain },
      enterprise: null,
      is_enterprise_install: false,
      view,
      actions: [{ ...spec.element, action_id: spec.actionId, block_id: spec.blockId, action_ts: (Date.now() / 1000).toFixed(6) }],
    };
    return this.send(interactionBody(payload), 'application/x-www-form-urlencoded');
  }

  /** The modal `viewId` submitted with these values (view_submission), the stored view as Slack sends it back. */
  submit(spec: { userId: string; viewId: string; values: Record<string, Record<string, unknown>>; view?: Record<string, unknown> }, sign: SignOptions = {}) {
    const payload = {
      type: 'view_submission',
      team: { id: DEFAULT_IDENTITY.teamId, domain: DEFAULT_IDENTITY.teamDomain },
      user: user(spec.userId),
      api_app_id: DEFAULT_IDENTITY.appId,
      token: VERIFICATION_TOKEN,
      trigger_id: this.options.emulator.triggerId(),
      view: { ...viewPayload(this.options.emulator, spec.viewId, spec.values), ...spec.view },
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
    return this.send(interactionBody(payload), 'application/x-www-form-urlencoded', sign);
  }
}
