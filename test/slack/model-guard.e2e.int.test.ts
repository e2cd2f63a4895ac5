/**
 * The guard against outside changes (issue 14), end to end: the real Bolt app over signed requests, the real MLflow
 * server changed through its REST API (as someone in the MLflow UI would), the Slack and Notion emulators.
 */
import { AUDIT_TAG_PREFIX } from '../../src/core/approvals/audit-log';
import { TAG_LAST_DECISION } from '../../src/core/history/last-decision';
import { APPROVE_ACTION_ID } from '../../src/slack/blocks/approval-request.blocks';
import { REVERT_ACTION_ID } from '../../src/slack/blocks/guard-alert.blocks';
import { createManagedModel, mlflowRest } from '../support/mlflow-seed';
import { mlflowTestUrl } from '../support/names';
import { until } from '../reliability/support/slack-seed';
import type { SentRequest } from '../support/slack-requests';
import { buttons, CHANNELS, messageText, startModelApp, USERS, type ModelApp } from './support/model-app';

jest.setTimeout(90_000);

function responsesOf(app: ModelApp, sent: SentRequest) {
  return app.emulator.responses(decodeURIComponent(sent.responseUrl.split('/').pop() ?? ''));
}

const stageOf = async (app: ModelApp, name: string, v: string) => (await app.sync.registry.getVersion(name, v))?.stage;

/** v1 in Production (set before the guard first looked, so it is the recorded state), v2 and v3 in None. */
async function seedRecorded(app: ModelApp, champion?: string): Promise<string> {
  const { name } = await createManagedModel(mlflowTestUrl(), { versions: 3, managedTag: app.sync.managedTag });
  await app.sync.registry.transitionStage(name, '1', 'Production', false);
  if (champion !== undefined) await app.sync.registry.setAlias(name, 'champion', champion);
  // The guard's first look records the model as it is: nothing to compare with yet, so no alert.
  await app.core.reconcile.onDemand({ model: name });
  expect(app.channel(CHANNELS.notify).filter((m) => messageText(m).includes(name) && messageText(m).includes('outside modelsync'))).toEqual([]);
  return name;
}

/** What someone does in the MLflow UI: v2 to Production, the holder archived. */
async function promoteOutside(name: string, version: string): Promise<void> {
  await mlflowRest(mlflowTestUrl(), 'POST', 'model-versions/transition-stage', { name, version, stage: 'Production', archive_existing_versions: true });
}

async function syncFromSlack(app: ModelApp, name: string): Promise<void> {
  const sent = await app.slack.command('/model', `sync ${name}`, { userId: USERS.requester, channelId: CHANNELS.asked });
  expect(sent.status).toBe(200);
  await app.emulator.waitFor(() => responsesOf(app, sent).find((r) => /sync|Synced|created|unchanged/i.test(r.text ?? '')), 60_000);
}

function alertOf(app: ModelApp, name: string) {
  return app.emulator.waitFor(
    () => app.channel(CHANNELS.notify).find((m) => messageText(m).includes(name) && messageText(m).includes('outside modelsync*')),
    60_000,
  );
}

function clickRevert(app: ModelApp, ts: string, value: string, userId: string) {
  return app.slack.blockAction({ actionId: REVERT_ACTION_ID, value, messageTs: ts, userId, channelId: CHANNELS.notify });
}

describe('GUARD_MODE=alert (default)', () => {
  let app: ModelApp;
  beforeAll(async () => {
    app = await startModelApp();
  });
  afterAll(async () => app.stop());

  it('reports a version moved to Production through the MLflow REST API with a Revert button; a non-approver and a forged id are refused; an approver restores the previous holder', async () => {
    const name = await seedRecorded(app);
    await promoteOutside(name, '2');
    await syncFromSlack(app, name);

    const alert = await alertOf(app, name);
    const text = messageText(alert);
    expect(text).toContain('*Production* changed v1 → *v2*');
    expect(text).toContain('v2 None → Production');
    expect(text).toContain('v1 Production → Archived');
    expect(text).toContain('found by the sync');
    expect(text).toContain('MLflow does not say who made it');
    const id = buttons(alert)[REVERT_ACTION_ID] as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // The guard's message replaces the plain "changed outside" notice of the same run.
    expect(app.channel(CHANNELS.notify).filter((m) => messageText(m).includes(`${name}* v2`))).toEqual([]);
    // One post for the change: the alert is all the notify channel says about the model.
    expect(app.channel(CHANNELS.notify).filter((m) => messageText(m).includes(name))).toEqual([alert]);

    // A non-approver's click: refused privately, nothing moves.
    const outsider = await clickRevert(app, alert.ts, id, USERS.outsider);
    expect((await app.emulator.waitFor(() => responsesOf(app, outsider)[0], 20_000)).text).toContain('not allowed to revert');
    // A forged payload: an approver clicking Revert with an id the app never issued.
    const forged = await clickRevert(app, alert.ts, '00000000-0000-4000-8000-000000000000', USERS.approver);
    expect((await app.emulator.waitFor(() => responsesOf(app, forged)[0], 20_000)).text).toContain('no longer exists');
    // Approve's action id with the incident id: no approval request has it.
    const wrongButton = await app.slack.blockAction({
      actionId: APPROVE_ACTION_ID,
      value: id,
      messageTs: alert.ts,
      userId: USERS.approver,
      channelId: CHANNELS.notify,
    });
    expect((await app.emulator.waitFor(() => responsesOf(app, wrongButton)[0], 20_000)).text).toContain('no longer exists');
    expect(await stageOf(app, name, '2')).toBe('Production');
    expect(await stageOf(app, name, '1')).toBe('Archived');

    const approver = await clickRevert(app, alert.ts, id, USERS.approver);
    expect(approver.status).toBe(200);
    const updated = await app.emulator.waitFor(() => {
      const m = app.channel(CHANNELS.notify).find((x) => x.ts === alert.ts);
      return m && messageText(m).includes('*Reverted*') ? m : undefined;
    }, 60_000);
    expect(messageText(updated)).toContain(`*Reverted* by <@${USERS.approver}>`);
    expect(buttons(updated)).toEqual({});
    expect(await stageOf(app, name, '1')).toBe('Production');
    expect(await stageOf(app, name, '2')).toBe('None');

    // A second click (another approver, later) does nothing more.
    const again = await clickRevert(app, alert.ts, id, USERS.groupie);
    expect((await app.emulator.waitFor(() => responsesOf(app, again)[0], 20_000)).text).toContain('already reverted');

    // The history has the outside change and the revert, with who; MLflow shows one short decision line.
    const history = await app.core.history.all(name);
    expect(history.find((e) => e.event === 'outside_change' && e.version === '2')).toMatchObject({ by: 'outside', from: 'None', to: 'Production' });
    expect(history.filter((e) => e.event === 'reverted').map((e) => [e.version, e.from, e.to, e.by])).toEqual(
      expect.arrayContaining([
        ['2', 'Production', 'None', USERS.approver],
        ['1', 'Archived', 'Production', USERS.approver],
      ]),
    );
    const tags = (await app.sync.registry.getVersion(name, '2'))?.tags ?? {};
    expect(Object.keys(tags).filter((k) => k.startsWith('modelsync.'))).toEqual([TAG_LAST_DECISION]);
    expect(Object.keys(tags).filter((k) => k.startsWith(AUDIT_TAG_PREFIX))).toEqual([]);
    expect(tags[TAG_LAST_DECISION]).toMatch(/^reverted by @approver: Production → None, outside change put back \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);

    // The revert itself is the app's: the next sync reports nothing new.
    await syncFromSlack(app, name);
    expect(app.channel(CHANNELS.notify).filter((m) => messageText(m).includes(name) && messageText(m).includes('outside modelsync*'))).toHaveLength(1);
  });

  it('refuses a Revert once the registry moved on (the alert no longer applies), and never treats the app own promotion as outside', async () => {
    const name = await seedRecorded(app);
    await promoteOutside(name, '2');
    await syncFromSlack(app, name);
    const alert = await alertOf(app, name);
    const id = buttons(alert)[REVERT_ACTION_ID] as string;
    // Someone changes Production again in MLflow before anyone clicks.
    await promoteOutside(name, '3');
    const click = await clickRevert(app, alert.ts, id, USERS.approver);
    expect((await app.emulator.waitFor(() => responsesOf(app, click)[0], 20_000)).text).toContain(
      'Production is now held by version 3, not version 2; nothing was done',
    );
    expect(await stageOf(app, name, '3')).toBe('Production');

    // The app's own change (through Slack, approved) is never an outside change.
    await app.slack.command('/model', `promote ${name} 2 production`, { userId: USERS.requester, channelId: CHANNELS.asked });
    const request = await app.emulator.waitFor(
      () => app.channel(CHANNELS.approvals).find((m) => messageText(m).includes(name) && buttons(m)[APPROVE_ACTION_ID]),
      60_000,
    );
    await app.slack.blockAction({
      actionId: APPROVE_ACTION_ID,
      value: buttons(request)[APPROVE_ACTION_ID],
      messageTs: request.ts,
      userId: USERS.approver,
      channelId: CHANNELS.approvals,
    });
    await until(async () => (await stageOf(app, name, '2')) === 'Production', 60_000);
    const alertsBefore = app.channel(CHANNELS.notify).filter((m) => messageText(m).includes(name) && messageText(m).includes('outside modelsync*')).length;
    await syncFromSlack(app, name);
    await app.core.reconcile.scheduled();
    const alertsAfter = app.channel(CHANNELS.notify).filter((m) => messageText(m).includes(name) && messageText(m).includes('outside modelsync*')).length;
    // The superseded alert recorded v3; the app promotion of v2 that followed is the app own change: no alert.
    expect(alertsAfter - alertsBefore).toBe(0);
    const outside = (await app.core.history.all(name)).filter((e) => e.event === 'outside_change' && e.to === 'Production' && e.version === '2');
    // v2 went to Production outside once (the first alert); its second arrival, through the app, is not outside.
    expect(outside).toHaveLength(1);
  });
});

describe('GUARD_MODE=revert', () => {
  let app: ModelApp;
  beforeAll(async () => {
    app = await startModelApp({ settings: { guardMode: 'revert' } });
  });
  afterAll(async () => app.stop());

  it('puts the previous holder back within the same scheduled run, announces it, and opens an approval request for the outside change', async () => {
    const name = await seedRecorded(app);
    await promoteOutside(name, '2');
    await app.core.reconcile.scheduled();
    // Within that run: MLflow is back as recorded.
    expect(await stageOf(app, name, '1')).toBe('Production');
    expect(await stageOf(app, name, '2')).toBe('None');

    const notice = await app.emulator.waitFor(
      () => app.channel(CHANNELS.notify).find((m) => messageText(m).includes(name) && messageText(m).includes('*Reverted* by the guard')),
      20_000,
    );
    expect(buttons(notice)).toEqual({});
    expect(messageText(notice)).toContain('An approval request for the outside change is open');

    const request = await app.emulator.waitFor(() => app.channel(CHANNELS.approvals).find((m) => messageText(m).includes(name)), 20_000);
    expect(messageText(request)).toContain(`${name} v2: None → Production`);
    expect(messageText(request)).toContain('someone outside modelsync');
    expect(messageText(request)).toContain('v1, *will be archived*');
    // The outside change can still be made properly: an approver approves, and it is the app's change from then on.
    await app.slack.blockAction({
      actionId: APPROVE_ACTION_ID,
      value: buttons(request)[APPROVE_ACTION_ID],
      messageTs: request.ts,
      userId: USERS.approver,
      channelId: CHANNELS.approvals,
    });
    await until(async () => (await stageOf(app, name, '2')) === 'Production', 60_000);
    expect(await stageOf(app, name, '1')).toBe('Archived');
    await app.core.reconcile.scheduled();
    expect(await stageOf(app, name, '2')).toBe('Production');
    expect((await app.core.history.all(name)).filter((e) => e.event === 'reverted')).toHaveLength(2);
  });

  it('puts a protected alias moved through the REST API back at once', async () => {
    const name = await seedRecorded(app, '1');
    await mlflowRest(mlflowTestUrl(), 'POST', 'registered-models/alias', { name, alias: 'champion', version: '3' });
    await app.core.reconcile.onDemand({ model: name });
    expect((await app.sync.registry.getVersionByAlias(name, 'champion'))?.version).toBe('1');
    const request = await app.emulator.waitFor(
      () => app.channel(CHANNELS.approvals).find((m) => messageText(m).includes(name) && messageText(m).includes('@champion')),
      20_000,
    );
    expect(messageText(request)).toContain('v3');
  });
});
