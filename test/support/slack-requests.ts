/**
 * Builds requests exactly as Slack sends them to an app (form-encoded slash commands, `payload=<json>`
 * interactions), signs them with the signing secret (v0 HMAC-SHA256 over "v0:{ts}:{body}") and POSTs them to
 * the app's /slack/events. With an emulator, response URLs and trigger ids come from it, so replies are recorded.
 */
import { createHmac } from 'node:crypto';
import type { SlackEmulator } from '../../emulators/slack';
import { DEFAULT_IDENTITY } from '../../emulators/slack';

/** Knobs for what Slack's request headers say. */
export interface SignOptions {
  /** Request time in Unix seconds; now when omitted. */
  readonly timestamp?: number;
  /** Shortcut: a timestamp this many seconds in the past (Bolt refuses more than 300). */
  readonly ageSeconds?: number;
  /** Sign with a wrong secret. */
  readonly badSignature?: boolean;
  /** Adds X-Slack-Retry-Num (and X-Slack-Retry-Reason), as Slack does when it re-sends. */
  readonly retryNum?: number;
  readonly retryReason?: string;
}

/** The v0 signature of a body: `v0=` + hex HMAC-SHA256(secret, "v0:{timestamp}:{body}"). */
export function slackSignature(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** Headers Slack sends with a form-encoded body. */
export function signedHeaders(signingSecret: string, body: string, options: SignOptions = {}): Record<string, string> {
  const now = Math.floor(Date.now() / 1000);
  const timestamp = options.timestamp ?? now - (options.ageSeconds ?? 0);
  const secret = options.badSignature ? `${signingSecret}-wrong` : signingSecret;
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(secret, timestamp, body),
    ...(options.retryNum !== undefined ? { 'x-slack-retry-num': String(options.retryNum) } : {}),
    ...(options.retryNum !== undefined ? { 'x-slack-retry-reason': options.retryReason ?? 'http_timeout' } : {}),
  };
}

/** A slash command's fields, in the order Slack sends them. */
export interface SlashCommandFields {
  token: string;
  team_id: string;
  team_domain: string;
  channel_id: string;
  channel_name: string;
  user_id: string;
  user_name: string;
  command: string;
  text: string;
  api_app_id: string;
  is_enterprise_install: string;
  response_url: string;
  trigger_id: string;
}

/** Slack's deprecated verification token, still sent in every payload; Bolt ignores it. */
export const VERIFICATION_TOKEN = 'verificationTokenNotUsed';

/** Form-encodes a slash command (spaces as '+', as Slack's x-www-form-urlencoded bodies have them). */
export function slashCommandBody(fields: SlashCommandFields): string {
  return new URLSearchParams(Object.entries(fields)).toString();
}

/** Form-encodes an interaction: one `payload` field holding the JSON. */
export function interactionBody(payload: object): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Who acts and where, for the builders below. */
export interface Actor {
  readonly userId?: string;
  readonly userName?: string;
  readonly channelId?: string;
  readonly channelName?: string;
}

/** A block_actions click on a button (or any element with a value). */
export interface BlockActionSpec extends Actor {
  readonly actionId: string;
  readonly value?: string;
  readonly blockId?: string;
  readonly buttonText?: string;
  /** ts of the message the button is on; with an emulator its stored blocks are sent as Slack does. */
  readonly messageTs?: string;
  readonly message?: Record<string, unknown>;
}

/** A view_submission of a modal. */
export interface ViewSubmissionSpec extends Actor {
  readonly callbackId: string;
  /** state.values: block_id → action_id → element state (e.g. `{ type: 'plain_text_input', value: 'x' }`). */
  readonly values?: Record<string, Record<string, unknown>>;
  readonly privateMetadata?: string;
  readonly viewId?: string;
  /** The modal's blocks, as Slack sends them back with the submission (default none). */
  readonly blocks?: readonly Record<string, unknown>[];
}

/** What a sent request produced. */
export interface SentRequest {
  readonly status: number;
  readonly text: string;
  readonly responseUrl: string;
  readonly triggerId: string;
}

/** Options of the harness. */
export interface SlackRequestHarnessOptions {
  /** The app's base URL, e.g. http://127.0.0.1:3000 (requests go to `${appUrl}/slack/events`). */
  readonly appUrl: string;
  readonly signingSecret: string;
  /** Source of response URLs and trigger ids; without it they point nowhere useful. */
  readonly emulator?: SlackEmulator;
  readonly defaults?: Actor;
}

/** Sends Slack's three kinds of request into a Bolt app, signed. */
export class SlackRequestHarness {
  constructor(private readonly options: SlackRequestHarnessOptions) {}

  private actor(a: Actor): Required<Actor> {
    const d = this.options.defaults ?? {};
    return {
      userId: a.userId ?? d.userId ?? 'U0ALICE',
      userName: a.userName ?? d.userName ?? 'alice',
      channelId: a.channelId ?? d.channelId ?? 'C0GENERAL',
      channelName: a.channelName ?? d.channelName ?? 'general',
    };
  }

  private urls(channel: string, user: string, messageTs?: string): { responseUrl: string; triggerId: string } {
    const emu = this.options.emulator;
    return {
      responseUrl: emu ? emu.responseUrl(undefined, { channel, user, messageTs }) : 'http://127.0.0.1:9/__response/none',
      triggerId: emu ? emu.triggerId() : '1000000000.1000000000.0123456789abcdef',
    };
  }

  /** POSTs a form body, signed, to /slack/events. */
  async post(body: string, sign: SignOptions = {}): Promise<{ status: number; text: string }> {
    const res = await fetch(`${this.options.appUrl}/slack/events`, {
      method: 'POST',
      headers: signedHeaders(this.options.signingSecret, body, sign),
      body,
    });
    return { status: res.status, text: await res.text() };
  }

  /** A slash command such as `/model promote churn 3 Production`. */
  async command(command: string, text: string, who: Actor = {}, sign: SignOptions = {}): Promise<SentRequest> {
    const a = this.actor(who);
    const { responseUrl, triggerId } = this.urls(a.channelId, a.userId);
    const body = slashCommandBody({
      token: VERIFICATION_TOKEN,
      team_id: DEFAULT_IDENTITY.teamId,
      team_domain: DEFAULT_IDENTITY.teamDomain,
      channel_id: a.channelId,
      channel_name: a.channelName,
      user_id: a.userId,
      user_name: a.userName,
      command,
      text,
      api_app_id: DEFAULT_IDENTITY.appId,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: triggerId,
    });
    return { ...(await this.post(body, sign)), responseUrl, triggerId };
  }

  /** A button click (block_actions) on a message. */
  async blockAction(spec: BlockActionSpec, sign: SignOptions = {}): Promise<SentRequest> {
    const a = this.actor(spec);
    const { responseUrl, triggerId } = this.urls(a.channelId, a.userId, spec.messageTs);
    const stored = spec.messageTs ? this.options.emulator?.messages(a.channelId).find((m) => m.ts === spec.messageTs) : undefined;
    const message =
      spec.message ?? (stored ? { type: 'message', ts: stored.ts, text: stored.text, blocks: stored.blocks ?? [], user: stored.user } : undefined);
    const payload = {
      type: 'block_actions',
      user: { id: a.userId, username: a.userName, name: a.userName, team_id: DEFAULT_IDENTITY.teamId },
      api_app_id: DEFAULT_IDENTITY.appId,
      token: VERIFICATION_TOKEN,
      container: { type: 'message', message_ts: spec.messageTs ?? '0.0', channel_id: a.channelId, is_ephemeral: false },
      trigger_id: triggerId,
      team: { id: DEFAULT_IDENTITY.teamId, domain: DEFAULT_IDENTITY.teamDomain },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: a.channelId, name: a.channelName },
      ...(message ? { message } : {}),
      state: { values: {} },
      response_url: responseUrl,
      actions: [
        {
          type: 'button',
          action_id: spec.actionId,
          block_id: spec.blockId ?? 'block',
          text: { type: 'plain_text', text: spec.buttonText ?? spec.actionId, emoji: true },
          ...(spec.value !== undefined ? { value: spec.value } : {}),
          action_ts: (Date.now() / 1000).toFixed(6),
        },
      ],
    };
    return { ...(await this.post(interactionBody(payload), sign)), responseUrl, triggerId };
  }

  /** A modal submitted by the user (view_submission). */
  async viewSubmission(spec: ViewSubmissionSpec, sign: SignOptions = {}): Promise<SentRequest> {
    const a = this.actor(spec);
    const { triggerId } = this.urls(a.channelId, a.userId);
    const viewId = spec.viewId ?? 'V0000000001';
    const payload = {
      type: 'view_submission',
      team: { id: DEFAULT_IDENTITY.teamId, domain: DEFAULT_IDENTITY.teamDomain },
      user: { id: a.userId, username: a.userName, name: a.userName, team_id: DEFAULT_IDENTITY.teamId },
      api_app_id: DEFAULT_IDENTITY.appId,
      token: VERIFICATION_TOKEN,
      trigger_id: triggerId,
      view: {
        id: viewId,
        team_id: DEFAULT_IDENTITY.teamId,
        type: 'modal',
        blocks: spec.blocks ?? [],
        private_metadata: spec.privateMetadata ?? '',
        callback_id: spec.callbackId,
        state: { values: spec.values ?? {} },
        hash: '1700000000.abcdef12',
        title: { type: 'plain_text', text: 'modelsync' },
        clear_on_close: false,
        notify_on_close: false,
        close: null,
        submit: { type: 'plain_text', text: 'Submit' },
        previous_view_id: null,
        root_view_id: viewId,
        app_id: DEFAULT_IDENTITY.appId,
        external_id: '',
        app_installed_team_id: DEFAULT_IDENTITY.teamId,
        bot_id: DEFAULT_IDENTITY.botId,
      },
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
    return { ...(await this.post(interactionBody(payload), sign)), responseUrl: '', triggerId };
  }
}
