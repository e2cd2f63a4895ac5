import { createHash } from 'node:crypto';

/** Which effect a Slack request asks for, as a stable key; undefined for requests that are not deduplicated. */
export type RequestKey = { readonly kind: 'command' | 'action'; readonly key: string };

type Json = Record<string, unknown>;

function obj(v: unknown): Json | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function bodyHash(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(body) ?? '')
    .digest('hex');
}

/**
 * The key of the effect a request asks for. Slack re-sends (X-Slack-Retry-Num) and replayed bodies carry the same
 * fields, genuine new requests differ:
 * - slash command: team, channel, user and trigger_id (unique per invocation); the body's hash when Slack sent no
 *   trigger_id.
 * - button click (block_actions): action_id, the clicked message's ts, the user, the action's own action_ts and the
 *   payload's trigger_id (new for every real click, identical in a re-sent payload). These last two are part of the
 *   key on purpose: a second deliberate click (after "MLflow was unreachable, the request is still open") is a new
 *   request and must reach the core, whose claim and status check keep it to one decision.
 * Modal submissions are not keyed: an empty ack would close a modal the user is still correcting.
 */
export function requestKey(body: unknown): RequestKey | undefined {
  const b = obj(body);
  if (!b) return undefined;
  if (str(b.command) !== undefined) {
    const trigger = str(b.trigger_id);
    const key = trigger ? ['cmd', str(b.team_id) ?? '-', str(b.channel_id) ?? '-', str(b.user_id) ?? '-', trigger].join(':') : `cmd:sha256:${bodyHash(b)}`;
    return { kind: 'command', key };
  }
  if (b.type === 'block_actions') {
    const action = obj(Array.isArray(b.actions) ? b.actions[0] : undefined);
    const messageTs = str(obj(b.container)?.message_ts) ?? str(obj(b.message)?.ts) ?? '-';
    const user = str(obj(b.user)?.id) ?? '-';
    if (!action) return { kind: 'action', key: `act:sha256:${bodyHash(b)}` };
    const actionTs = str(action.action_ts) ?? bodyHash(b);
    const trigger = str(b.trigger_id) ?? '-';
    return { kind: 'action', key: ['act', str(action.action_id) ?? '-', messageTs, user, actionTs, trigger].join(':') };
  }
  return undefined;
}
