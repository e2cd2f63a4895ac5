/**
 * Shared steps of the Slack reliability tests over the real app (test/slack/support/model-app.ts): a model with a
 * Production holder and a candidate, a promotion request, and raw signed bodies so a test can re-send the very
 * same bytes as Slack does on a retry.
 */
import { DEFAULT_IDENTITY } from '../../../emulators/slack';
import type { MlflowRegistry } from '../../../src/adapters/mlflow';
import { AUDIT_TAG_PREFIX } from '../../../src/core/approvals/audit-log';
import { APPROVE_ACTION_ID } from '../../../src/slack/blocks/approval-request.blocks';
import { createManagedModel, createModelVersion, createRun } from '../../support/mlflow-seed';
import { mlflowTestUrl, uniqueModelName } from '../../support/names';
import { interactionBody, slashCommandBody, VERIFICATION_TOKEN } from '../../support/slack-requests';
import { buttons, CHANNELS, messageText, USERS, type ModelApp } from '../../slack/support/model-app';

/** A model with v1 in Production and v2 (from a run with metrics) in None, mirrored in Notion by sync-on-write as they move. */
export async function seedModel(app: ModelApp, prefix: string): Promise<{ name: string; registry: MlflowRegistry }> {
  const url = mlflowTestUrl();
  const name = uniqueModelName(prefix);
  await createManagedModel(url, { name, versions: 1, managedTag: app.sync.managedTag });
  const runId = await createRun(url, { metrics: { accuracy: 0.9 } });
  await createModelVersion(url, name, { runId, description: 'candidate' });
  await app.sync.registry.transitionStage(name, '1', 'Production', false);
  return { name, registry: app.sync.registry };
}

/** A slash command body exactly as Slack would send it (one trigger_id, one response URL), plus that URL. */
export function commandBody(
  app: ModelApp,
  text: string,
  userId: string = USERS.requester,
  channelId: string = CHANNELS.asked,
): { body: string; responseUrl: string } {
  const responseUrl = app.emulator.responseUrl(undefined, { channel: channelId, user: userId });
  const body = slashCommandBody({
    token: VERIFICATION_TOKEN,
    team_id: DEFAULT_IDENTITY.teamId,
    team_domain: DEFAULT_IDENTITY.teamDomain,
    channel_id: channelId,
    channel_name: channelId.toLowerCase(),
    user_id: userId,
    user_name: userId.toLowerCase(),
    command: '/model',
    text,
    api_app_id: DEFAULT_IDENTITY.appId,
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: app.emulator.triggerId(),
  });
  return { body, responseUrl };
}

/** An Approve click on the request message as Slack would send it (fixed action_ts), plus its response URL. */
export function approveBody(app: ModelApp, messageTs: string, requestId: string, userId: string): { body: string; responseUrl: string } {
  const responseUrl = app.emulator.responseUrl(undefined, { channel: CHANNELS.approvals, user: userId, messageTs });
  const stored = app.emulator.messages(CHANNELS.approvals).find((m) => m.ts === messageTs);
  const payload = {
    type: 'block_actions',
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: DEFAULT_IDENTITY.teamId },
    api_app_id: DEFAULT_IDENTITY.appId,
    token: VERIFICATION_TOKEN,
    container: { type: 'message', message_ts: messageTs, channel_id: CHANNELS.approvals, is_ephemeral: false },
    trigger_id: app.emulator.triggerId(),
    team: { id: DEFAULT_IDENTITY.teamId, domain: DEFAULT_IDENTITY.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: CHANNELS.approvals, name: 'approvals' },
    message: { type: 'message', ts: messageTs, text: stored?.text ?? '', blocks: stored?.blocks ?? [] },
    state: { values: {} },
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: APPROVE_ACTION_ID,
        block_id: 'decide',
        text: { type: 'plain_text', text: 'Approve' },
        value: requestId,
        action_ts: (Date.now() / 1000).toFixed(6),
      },
    ],
  };
  return { body: interactionBody(payload), responseUrl };
}

/** The approval request message of `name` once posted, and the request id on its Approve button. */
export async function approvalMessage(app: ModelApp, name: string): Promise<{ ts: string; id: string }> {
  const m = await app.emulator.waitFor(() => app.channel(CHANNELS.approvals).find((x) => messageText(x).includes(name)), 20_000);
  return { ts: m.ts, id: buttons(m)[APPROVE_ACTION_ID] as string };
}

/**
 * History events of one version, read from the app's store (the JSON audit tags are no longer written, issue 14);
 * the version must carry no JSON audit tag either.
 */
export async function auditEvents(app: ModelApp, registry: MlflowRegistry, name: string, version: string): Promise<string[]> {
  const tags = (await registry.getVersion(name, version))?.tags ?? {};
  expect(Object.keys(tags).filter((k) => k.startsWith(AUDIT_TAG_PREFIX))).toEqual([]);
  return (await app.core.history.all(name))
    .filter((e) => e.version === version)
    .map((e) => e.event)
    .sort();
}

/** Polls until `probe` is truthy (integration tests poll; no fixed sleeps). */
export async function until<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
