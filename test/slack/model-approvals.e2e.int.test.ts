import { MlflowRegistry } from '../../src/adapters/mlflow';
import { AUDIT_TAG_PREFIX } from '../../src/core/approvals/audit-log';
import { TAG_LAST_DECISION } from '../../src/core/history/last-decision';
import { APPROVE_ACTION_ID, REJECT_ACTION_ID } from '../../src/slack/blocks/approval-request.blocks';
import { REASON_ACTION_ID, REASON_BLOCK_ID, REJECT_VIEW_CALLBACK_ID } from '../../src/slack/blocks/reject-modal.blocks';
import { createManagedModel, createModelVersion, createRun } from '../support/mlflow-seed';
import { mlflowTestUrl, uniqueModelName } from '../support/names';
import { pageText } from '../support/sync-harness';
import type { SentRequest } from '../support/slack-requests';
import { buttons, CHANNELS, messageText, startModelApp, USERS, type ModelApp } from './support/model-app';

jest.setTimeout(60_000);

/** A model with versions 1–5: v4 in Production, v5 (from a run with metrics) in None, all mirrored in Notion. */
async function seedChurn(app: ModelApp): Promise<{ name: string; registry: MlflowRegistry }> {
  const url = mlflowTestUrl();
  const name = uniqueModelName('churn');
  await createManagedModel(url, { name, versions: 4, managedTag: app.sync.managedTag });
  const runId = await createRun(url, { metrics: { accuracy: 0.93, f1: 0.88 } });
  await createModelVersion(url, name, { runId, description: 'gradient boosting, tuned on Q3 data' });
  const registry = app.sync.registry;
  await registry.transitionStage(name, '4', 'Production', false);
  await app.sync.reconciler.reconcile({ model: name });
  return { name, registry };
}

/** Posts to the response URL of one request. */
function responsesOf(app: ModelApp, sent: SentRequest) {
  const id = decodeURIComponent(sent.responseUrl.split('/').pop() ?? '');
  return app.emulator.responses(id);
}

async function requestPromotion(app: ModelApp, name: string) {
  const sent = await app.slack.command('/model', `promote ${name} 5 production`);
  expect(sent.status).toBe(200);
  const request = await app.emulator.waitFor(() => app.channel(CHANNELS.approvals).find((m) => messageText(m).includes(name)), 20_000);
  // The listener answers the requester last, once the request is stored and audited.
  await app.emulator.waitFor(() => responsesOf(app, sent).find((r) => (r.text ?? '').includes('Approval requested')), 20_000);
  return { sent, request, id: buttons(request)[APPROVE_ACTION_ID] as string };
}

function clickApprove(app: ModelApp, ts: string, id: string, userId: string) {
  return app.slack.blockAction({ actionId: APPROVE_ACTION_ID, value: id, messageTs: ts, userId, channelId: CHANNELS.approvals });
}

const stageOf = async (registry: MlflowRegistry, name: string, v: string) => (await registry.getVersion(name, v))?.stage;

describe('/model promote with approval, end to end (real Bolt, signed requests, real MLflow, Notion emulator)', () => {
  let app: ModelApp;
  beforeEach(async () => {
    app = await startModelApp();
  });
  afterEach(async () => app.stop());

  it('posts an approval request; another approver approves; MLflow, Notion, the request message and the notification follow', async () => {
    const { name, registry } = await seedChurn(app);
    const { request, id } = await requestPromotion(app, name);

    const text = messageText(request);
    expect(text).toContain(`${name} v5: None → Production`);
    expect(text).toContain(`<@${USERS.requester}>`);
    expect(text).toMatch(/accuracy: \*0\.93\*/);
    expect(text).toMatch(/f1: \*0\.88\*/);
    expect(text).toContain('gradient boosting, tuned on Q3 data');
    expect(text).toContain('v4, *will be archived*');
    expect(Object.keys(buttons(request)).sort()).toEqual([APPROVE_ACTION_ID, REJECT_ACTION_ID]);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await stageOf(registry, name, '5')).toBe('None');

    const click = await clickApprove(app, request.ts, id, USERS.approver);
    expect(click.status).toBe(200);
    const updated = await app.emulator.waitFor(() => {
      const m = app.channel(CHANNELS.approvals).find((x) => x.ts === request.ts);
      return m && messageText(m).includes('Approved') ? m : undefined;
    }, 20_000);
    expect(buttons(updated)).toEqual({});
    expect(messageText(updated)).toContain(`*Approved* by <@${USERS.approver}> at <!date^`);

    expect(await stageOf(registry, name, '5')).toBe('Production');
    expect(await stageOf(registry, name, '4')).toBe('Archived');
    const page = app.sync.livePages().find((p) => pageText(p, 'Model Name') === name && pageText(p, 'Version') === '5');
    expect(page && pageText(page, 'Stage')).toBe('Production');

    // The requester's DM comes last (after the notices): once it is there, every notice has been posted.
    await app.emulator.waitFor(() => app.emulator.messages(`D${USERS.requester.slice(1)}`)[0], 20_000);
    // One post for the promotion and the version it archived.
    const notices = app.channel(CHANNELS.notify).filter((m) => messageText(m).includes(name));
    expect(notices).toHaveLength(1);
    const promoted = messageText(notices[0]);
    expect(promoted).toContain('None → *Production*');
    expect(promoted).toContain(`approved by <@${USERS.approver}>`);
    expect(promoted).toContain(`${registry.versionUrl(name, '5').replace(/[|>]/g, encodeURIComponent)}|MLflow>`);
    expect(promoted).toMatch(/\|Notion>/);
    expect(promoted).toContain('ZenML: _not linked_');
    expect(promoted).toContain(`*${name}* v4: Production → *Archived*, replaced by v5`);

    // Issue 14: the trail is in the store's history; MLflow shows one short human-readable decision tag.
    const tags = (await registry.getVersion(name, '5'))?.tags ?? {};
    expect(Object.keys(tags).filter((k) => k.startsWith(AUDIT_TAG_PREFIX))).toEqual([]);
    expect(Object.keys(tags).filter((k) => k.startsWith('modelsync.'))).toEqual([TAG_LAST_DECISION]);
    expect(tags[TAG_LAST_DECISION]).toMatch(/^approved by @approver \(asked by @requester\): None → Production \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    const events = (await app.core.history.all(name))
      .filter((e) => e.version === '5')
      .map((e) => e.event)
      .sort();
    expect(events).toEqual(['approved', 'requested', 'transitioned']);
  });

  it('refuses the requester approving their own request, and a non-approver, with an ephemeral note and no change', async () => {
    const { name, registry } = await seedChurn(app);
    const { request, id } = await requestPromotion(app, name);

    const self = await clickApprove(app, request.ts, id, USERS.requester);
    const selfReply = await app.emulator.waitFor(() => responsesOf(app, self)[0]);
    expect(selfReply).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(selfReply.text).toContain('four-eyes');

    const outsider = await clickApprove(app, request.ts, id, USERS.outsider);
    const outsiderReply = await app.emulator.waitFor(() => responsesOf(app, outsider)[0]);
    expect(outsiderReply.text).toContain('not allowed');

    expect(await stageOf(registry, name, '5')).toBe('None');
    expect(buttons(app.channel(CHANNELS.approvals).find((m) => m.ts === request.ts))).toHaveProperty(APPROVE_ACTION_ID, id);
  });

  it('lets a member of the approver user group approve', async () => {
    const { name, registry } = await seedChurn(app);
    const { request, id } = await requestPromotion(app, name);
    await clickApprove(app, request.ts, id, USERS.groupie);
    await app.emulator.waitFor(() => messageText(app.channel(CHANNELS.approvals).find((m) => m.ts === request.ts)).includes('Approved'), 20_000);
    expect(await stageOf(registry, name, '5')).toBe('Production');
  });

  it('rejects through the reason modal and shows the reason on the request message', async () => {
    const { name, registry } = await seedChurn(app);
    const { request, id } = await requestPromotion(app, name);
    await app.slack.blockAction({ actionId: REJECT_ACTION_ID, value: id, messageTs: request.ts, userId: USERS.approver, channelId: CHANNELS.approvals });
    const opened = await app.emulator.waitFor(() => app.emulator.calls('views.open').find((c) => c.ok));
    const view = opened.args.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe(REJECT_VIEW_CALLBACK_ID);

    const empty = await app.slack.viewSubmission({
      callbackId: REJECT_VIEW_CALLBACK_ID,
      privateMetadata: view.private_metadata,
      userId: USERS.approver,
      values: { [REASON_BLOCK_ID]: { [REASON_ACTION_ID]: { type: 'plain_text_input', value: ' ' } } },
    });
    expect(JSON.parse(empty.text)).toMatchObject({ response_action: 'errors', errors: { [REASON_BLOCK_ID]: expect.stringContaining('reason') } });

    await app.slack.viewSubmission({
      callbackId: REJECT_VIEW_CALLBACK_ID,
      privateMetadata: view.private_metadata,
      userId: USERS.approver,
      values: { [REASON_BLOCK_ID]: { [REASON_ACTION_ID]: { type: 'plain_text_input', value: 'f1 dropped on the holdout set' } } },
    });
    const updated = await app.emulator.waitFor(() => {
      const m = app.channel(CHANNELS.approvals).find((x) => x.ts === request.ts);
      return m && messageText(m).includes('Rejected') ? m : undefined;
    });
    expect(messageText(updated)).toContain('f1 dropped on the holdout set');
    expect(buttons(updated)).toEqual({});
    expect(await stageOf(registry, name, '5')).toBe('None');

    const status = await app.slack.command('/model', `status ${name}`);
    const reply = await app.emulator.waitFor(() => responsesOf(app, status)[0]);
    expect(messageText(reply as never)).toContain('*rejected* None → Production');
  });

  it('turns a double click into exactly one transition and one notification', async () => {
    const { name } = await seedChurn(app);
    const { request, id } = await requestPromotion(app, name);
    const clicks = await Promise.all([
      clickApprove(app, request.ts, id, USERS.approver),
      clickApprove(app, request.ts, id, USERS.approver),
      clickApprove(app, request.ts, id, USERS.groupie),
    ]);
    expect(clicks.map((c) => c.status)).toEqual([200, 200, 200]);
    await app.emulator.waitFor(() => messageText(app.channel(CHANNELS.approvals).find((m) => m.ts === request.ts)).includes('Approved'), 20_000);
    const refusals = await app.emulator.waitFor(() => {
      const r = clicks.flatMap((c) => responsesOf(app, c));
      return r.length >= 2 ? r : undefined;
    }, 20_000);
    expect(refusals).toHaveLength(2);
    expect((await app.core.history.all(name)).filter((e) => e.version === '5' && e.event === 'transitioned')).toHaveLength(1);
    expect(app.channel(CHANNELS.notify).filter((m) => messageText(m).includes(`${name}* v5`))).toHaveLength(1);
  });

  it('survives a restart between request and approval (pending requests live in the SQLite store)', async () => {
    const { name, registry } = await seedChurn(app);
    const { request, id } = await requestPromotion(app, name);
    await app.restart();
    await clickApprove(app, request.ts, id, USERS.approver);
    await app.emulator.waitFor(() => messageText(app.channel(CHANNELS.approvals).find((m) => m.ts === request.ts)).includes('Approved'), 20_000);
    expect(await stageOf(registry, name, '5')).toBe('Production');
  });
});

describe('approval expiry, end to end', () => {
  it('refuses a click after the TTL and marks the request message expired', async () => {
    const clock = { t: Date.now(), now: () => clock.t };
    const app = await startModelApp({ clock });
    try {
      const { name, registry } = await seedChurn(app);
      const { request, id } = await requestPromotion(app, name);
      expect(messageText(request)).toContain('Expires <!date^');
      clock.t += 24 * 3_600_000 + 1000;
      const click = await clickApprove(app, request.ts, id, USERS.approver);
      const reply = await app.emulator.waitFor(() => responsesOf(app, click)[0]);
      expect(reply.text).toContain('expired');
      const updated = messageText(app.channel(CHANNELS.approvals).find((m) => m.ts === request.ts));
      expect(updated).toContain('*Expired*');
      expect(await stageOf(registry, name, '5')).toBe('None');
    } finally {
      await app.stop();
    }
  });
});
