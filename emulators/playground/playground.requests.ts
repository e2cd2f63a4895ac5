/**
 * The requests Slack itself would send to the app when a person acts in a channel: a form-encoded slash command,
 * `payload=<json>` for a button click (block_actions) and a modal submission (view_submission), each signed with
 * the app's signing secret (v0: hex HMAC-SHA256 over "v0:{timestamp}:{body}", api.slack.com/authentication/verifying-requests-from-slack).
 */
import { createHmac } from 'node:crypto';
import type { WorkspaceIdentity } from '../slack';

/** Who acts, and where. */
export interface PlaygroundActor {
  readonly userId: string;
  readonly userName: string;
  readonly channelId: string;
  readonly channelName: string;
}

/** A signed body ready to POST to /slack/events. */
export interface SignedRequest {
  readonly body: string;
  readonly headers: Record<string, string>;
}

/** Signs a form body as Slack does. */
export function signRequest(signingSecret: string, body: string, nowMs = Date.now()): SignedRequest {
  const timestamp = Math.floor(nowMs / 1000);
  const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature },
  };
}

/** Slack still sends its deprecated verification token; Bolt ignores it. */
const VERIFICATION_TOKEN = 'playgroundVerificationToken';

/** The body of a slash command such as `/model promote churn 5 production`. */
export function slashCommandBody(id: WorkspaceIdentity, who: PlaygroundActor, command: string, text: string, responseUrl: string, triggerId: string): string {
  return new URLSearchParams({
    token: VERIFICATION_TOKEN,
    team_id: id.teamId,
    team_domain: id.teamDomain,
    channel_id: who.channelId,
    channel_name: who.channelName,
    user_id: who.userId,
    user_name: who.userName,
    command,
    text,
    api_app_id: id.appId,
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: triggerId,
  }).toString();
}

/** The message a button sits on, as Slack includes it in block_actions. */
export interface ClickedMessage {
  readonly ts: string;
  readonly text: string;
  readonly blocks: readonly unknown[];
  readonly user: string;
}

/** What was clicked. */
export interface ClickedButton {
  readonly actionId: string;
  readonly blockId: string;
  readonly value?: string;
  readonly label: string;
}

/** The body of a button click on a channel message. */
export function blockActionsBody(
  id: WorkspaceIdentity,
  who: PlaygroundActor,
  message: ClickedMessage,
  button: ClickedButton,
  responseUrl: string,
  triggerId: string,
): string {
  const payload = {
    type: 'block_actions',
    user: { id: who.userId, username: who.userName, name: who.userName, team_id: id.teamId },
    api_app_id: id.appId,
    token: VERIFICATION_TOKEN,
    container: { type: 'message', message_ts: message.ts, channel_id: who.channelId, is_ephemeral: false },
    trigger_id: triggerId,
    team: { id: id.teamId, domain: id.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: who.channelId, name: who.channelName },
    message: { type: 'message', ts: message.ts, text: message.text, blocks: message.blocks, user: message.user },
    state: { values: {} },
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: button.actionId,
        block_id: button.blockId,
        text: { type: 'plain_text', text: button.label, emoji: true },
        ...(button.value !== undefined ? { value: button.value } : {}),
        action_ts: (Date.now() / 1000).toFixed(6),
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** The body of a modal submission; `values` is state.values (block_id → action_id → element state). */
export function viewSubmissionBody(
  id: WorkspaceIdentity,
  who: PlaygroundActor,
  view: { id: string; hash: string; view: Record<string, unknown> },
  values: Record<string, Record<string, unknown>>,
  triggerId: string,
): string {
  const v = view.view;
  const payload = {
    type: 'view_submission',
    team: { id: id.teamId, domain: id.teamDomain },
    user: { id: who.userId, username: who.userName, name: who.userName, team_id: id.teamId },
    api_app_id: id.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: triggerId,
    view: {
      ...v,
      id: view.id,
      team_id: id.teamId,
      hash: view.hash,
      state: { values },
      private_metadata: typeof v.private_metadata === 'string' ? v.private_metadata : '',
      callback_id: typeof v.callback_id === 'string' ? v.callback_id : '',
      previous_view_id: null,
      root_view_id: view.id,
      app_id: id.appId,
      app_installed_team_id: id.teamId,
      bot_id: id.botId,
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
