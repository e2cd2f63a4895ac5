import type { WorkspaceIdentity, StoredMessage } from './workspace';

/** Slack's deprecated verification token, still present in every payload; Bolt ignores it. */
const VERIFICATION_TOKEN = 'verificationTokenNotUsed';

/** Who acts and where. */
export interface SocketActor {
  readonly userId?: string;
  readonly userName?: string;
  readonly channelId?: string;
  readonly channelName?: string;
}

/** A slash command to deliver, e.g. `{command: '/model', text: 'help'}`. */
export interface SocketCommandSpec extends SocketActor {
  readonly command: string;
  readonly text?: string;
}

/** A button click (block_actions) to deliver. */
export interface SocketActionSpec extends SocketActor {
  readonly actionId: string;
  readonly value?: string;
  readonly blockId?: string;
  /** ts of the message the button is on; its stored text and blocks are sent as Slack does. */
  readonly messageTs?: string;
}

/** What the emulator supplies to a payload: its identity, a response URL and a trigger id. */
export interface PayloadContext {
  readonly identity: WorkspaceIdentity;
  readonly responseUrl: string;
  readonly triggerId: string;
  readonly message?: StoredMessage;
}

/** The actor with the emulator's defaults filled in. */
export function actorOf(a: SocketActor): Required<SocketActor> {
  return { userId: a.userId ?? 'U0ALICE', userName: a.userName ?? 'alice', channelId: a.channelId ?? 'C0GENERAL', channelName: a.channelName ?? 'general' };
}

/** A slash command payload: over Socket Mode the same fields (all strings) as the form-encoded HTTP request. */
export function slashCommandPayload(spec: SocketCommandSpec, ctx: PayloadContext): Record<string, string> {
  const a = actorOf(spec);
  return {
    token: VERIFICATION_TOKEN,
    team_id: ctx.identity.teamId,
    team_domain: ctx.identity.teamDomain,
    channel_id: a.channelId,
    channel_name: a.channelName,
    user_id: a.userId,
    user_name: a.userName,
    command: spec.command,
    text: spec.text ?? '',
    api_app_id: ctx.identity.appId,
    is_enterprise_install: 'false',
    response_url: ctx.responseUrl,
    trigger_id: ctx.triggerId,
  };
}

/** A block_actions payload for one button, as Slack sends it in an `interactive` envelope. */
export function blockActionPayload(spec: SocketActionSpec, ctx: PayloadContext): Record<string, unknown> {
  const a = actorOf(spec);
  const m = ctx.message;
  const id = ctx.identity;
  return {
    type: 'block_actions',
    user: { id: a.userId, username: a.userName, name: a.userName, team_id: id.teamId },
    api_app_id: id.appId,
    token: VERIFICATION_TOKEN,
    container: { type: 'message', message_ts: spec.messageTs ?? '0.0', channel_id: a.channelId, is_ephemeral: false },
    trigger_id: ctx.triggerId,
    team: { id: id.teamId, domain: id.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: a.channelId, name: a.channelName },
    ...(m ? { message: { type: 'message', ts: m.ts, text: m.text, blocks: m.blocks ?? [], user: m.user } } : {}),
    state: { values: {} },
    response_url: ctx.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: spec.actionId,
        block_id: spec.blockId ?? 'block',
        text: { type: 'plain_text', text: spec.actionId, emoji: true },
        ...(spec.value !== undefined ? { value: spec.value } : {}),
        action_ts: (Date.now() / 1000).toFixed(6),
      },
    ],
  };
}
