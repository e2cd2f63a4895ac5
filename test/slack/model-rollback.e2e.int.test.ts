/**
 * `/model rollback` and `/model history` (issue 14), end to end: signed Slack requests into the real Bolt app, the
 * real MLflow server, approvals through the buttons, and a restart on the same SQLite store.
 */
import { APPROVE_ACTION_ID } from '../../src/slack/blocks/approval-request.blocks';
import { createManagedModel, createModelVersion, createRun, mlflowRest } from '../support/mlflow-seed';
import { mlflowTestUrl, uniqueModelName } from '../support/names';
import type { SentRequest } from '../support/slack-requests';
import { buttons, CHANNELS, messageText, startModelApp, USERS, type ModelApp } from './support/model-app';

jest.setTimeout(120_000);

function responsesOf(app: ModelApp, sent: SentRequest) {
  return app.emulator.responses(decodeURIComponent(sent.responseUrl.split('/').pop() ?? ''));
}

async function ask(app: ModelApp, text: string, includes: string, userId: string = USERS.requester): Promise<string> {
  const sent = await app.slack.command('/model', text, { userId, channelId: CHANNELS.asked });
  expect(sent.status).toBe(200);
  const reply = await app.emulator.waitFor(
    () => responsesOf(app, sent).find((r) => (r.text ?? '').includes(includes) || JSON.stringify(r.blocks ?? []).includes(includes)),
    60_000,
  );
  return `${reply.text ?? ''}\n${JSON.stringify(reply.blocks ?? [])}`;
}

const stageOf = async (app: ModelApp, name: string, v: string) => (await app.sync.registry.getVersion(name, v))?.stage;

/** The newest open approval request message of the model. */
function openRequest(app: ModelApp, name: string, seen: ReadonlySet<string>) {
  return app.emulator.waitFor(
    () => app.channel(CHANNELS.approvals).find((m) => !seen.has(m.ts) && messageText(m).includes(name) && buttons(m)[APPROVE_ACTION_ID]),
    60_000,
  );
}

async function approve(app: ModelApp, ts: string, id: string): Promise<void> {
  const click = await app.slack.blockAction({ actionId: APPROVE_ACTION_ID, value: id, messageTs: ts, userId: USERS.approver, channelId: CHANNELS.approvals });
  expect(click.status).toBe(200);
  await app.emulator.waitFor(() => {
    const m = app.channel(CHANNELS.approvals).find((x) => x.ts === ts);
    return m && (messageText(m).includes('*Approved*') || messageText(m).includes('No longer applies')) ? m : undefined;
  }, 60_000);
}

/** A promotion to Production through Slack, approved by the approver. */
async function promoteApproved(app: ModelApp, name: string, version: string): Promise<void> {
  const seen = new Set(app.channel(CHANNELS.approvals).map((m) => m.ts));
  await ask(app, `promote ${name} ${version} production`, 'Approval requested');
  const request = await openRequest(app, name, seen);
  await approve(app, request.ts, buttons(request)[APPROVE_ACTION_ID] as string);
  expect(await stageOf(app, name, version)).toBe('Production');
}

/** churn-like: v1 and v2 from runs with metrics, v3 plain; nothing in Production yet. */
async function seedModel(app: ModelApp): Promise<string> {
  const url = mlflowTestUrl();
  const name = uniqueModelName('churn');
  await createManagedModel(url, { name, versions: 0, managedTag: app.sync.managedTag });
  await createModelVersion(url, name, { runId: await createRun(url, { metrics: { accuracy: 0.91 } }) });
  await createModelVersion(url, name, { runId: await createRun(url, { metrics: { accuracy: 0.87 } }) });
  await createModelVersion(url, name, {});
  await app.sync.reconciler.reconcile({ model: name });
  return name;
}

describe('/model rollback and /model history (real Bolt, signed requests, real MLflow)', () => {
  let app: ModelApp;
  beforeAll(async () => {
    app = await startModelApp();
  });
  afterAll(async () => app.stop());

  it('after two promotions, /model rollback restores the first holder through an approval that shows both holders, their metrics and since when', async () => {
    const name = await seedModel(app);
    await promoteApproved(app, name, '1');
    await promoteApproved(app, name, '2');
    expect(await stageOf(app, name, '1')).toBe('Archived');

    const seen = new Set(app.channel(CHANNELS.approvals).map((m) => m.ts));
    const answer = await ask(app, `rollback ${name}`, 'Approval requested');
    expect(answer).toContain('Approval requested');
    expect(await stageOf(app, name, '2')).toBe('Production');
    const request = await openRequest(app, name, seen);
    const text = messageText(request);
    expect(text).toContain(`Rollback request: ${name} v1: Archived → Production`);
    expect(text).toContain('*Rollback of Production*');
    expect(text).toMatch(/\*Holds Production now\*: v2, since <!date\^\d+/);
    expect(text).toContain('accuracy: *0.87*');
    expect(text).toMatch(/\*Goes back\*: v1, which took it over <!date\^\d+/);
    expect(text).toContain('accuracy: *0.91*');
    expect(text).toContain('v2, *will be archived*');
    // Four-eyes as for any promotion: the requester cannot approve their own rollback.
    const own = await app.slack.blockAction({
      actionId: APPROVE_ACTION_ID,
      value: buttons(request)[APPROVE_ACTION_ID],
      messageTs: request.ts,
      userId: USERS.requester,
      channelId: CHANNELS.approvals,
    });
    expect((await app.emulator.waitFor(() => responsesOf(app, own)[0], 20_000)).text).toContain('four-eyes');

    await approve(app, request.ts, buttons(request)[APPROVE_ACTION_ID] as string);
    expect(await stageOf(app, name, '1')).toBe('Production');
    expect(await stageOf(app, name, '2')).toBe('Archived');

    // The history lists every change with who made it, newest first.
    const history = await ask(app, `history ${name}`, 'History of');
    expect(history).toContain('rollback: v1 back in place of v2');
    expect(history).toContain(`by <@${USERS.requester}>, approved by <@${USERS.approver}>`);
    const lines = history.split('\\n').filter((l) => l.startsWith('•'));
    expect(lines.length).toBeGreaterThanOrEqual(9); // 3 requests, 3 approvals, 3 moves into Production, 2 replaced
    expect(lines[0]).toMatch(/v[12]/);
    const production = await ask(app, `history ${name} production`, 'History of');
    expect(production).toContain('· Production');
    expect(production).not.toContain('@champion');

    // Rolling back again puts v2 back: the history alternates the two holders.
    const again = await ask(app, `rollback ${name}`, 'Approval requested');
    expect(again).toContain('Approval requested');
  });

  it('refuses clearly when there is no previous holder, and when the previous version was deleted; a rollback approved after its version was deleted does nothing', async () => {
    const name = await seedModel(app);
    expect(await ask(app, `rollback ${name}`, 'Nothing to roll back')).toContain('held Production before the current one');
    expect(await ask(app, `rollback ${name} @champion`, 'Nothing to roll back')).toContain('@champion');
    // Bad input is answered inside the ack, with what would be right.
    const bad = await app.slack.command('/model', `rollback ${name} archived`, { userId: USERS.requester, channelId: CHANNELS.asked });
    expect(bad.text).toContain('is not one of production|staging|@alias');

    await promoteApproved(app, name, '1');
    await promoteApproved(app, name, '2');
    // Deleted before anyone asks: refused with the version named.
    await mlflowRest(mlflowTestUrl(), 'DELETE', 'model-versions/delete', { name, version: '1' });
    expect(await ask(app, `rollback ${name}`, 'no longer exists')).toContain(`version 1 of ${name}`);

    // Deleted between the request and the approval (a hostile or careless race): Approve does nothing.
    await promoteApproved(app, name, '3');
    const seen = new Set(app.channel(CHANNELS.approvals).map((m) => m.ts));
    await ask(app, `rollback ${name}`, 'Approval requested');
    const request = await openRequest(app, name, seen);
    expect(messageText(request)).toContain('*Goes back*: v2');
    await mlflowRest(mlflowTestUrl(), 'DELETE', 'model-versions/delete', { name, version: '2' });
    await approve(app, request.ts, buttons(request)[APPROVE_ACTION_ID] as string);
    const closed = app.channel(CHANNELS.approvals).find((m) => m.ts === request.ts);
    expect(messageText(closed)).toContain('No longer applies');
    expect(await stageOf(app, name, '3')).toBe('Production');
  });

  it('keeps the history and the guard recorded state across a restart (SQLite store)', async () => {
    const name = await seedModel(app);
    await promoteApproved(app, name, '1');
    await app.core.reconcile.onDemand({ model: name }); // the guard records the model
    await app.restart();
    const history = await ask(app, `history ${name}`, 'History of');
    expect(history).toContain(`by <@${USERS.requester}>, approved by <@${USERS.approver}>`);
    expect(history).toContain('None → *Production*');
    // The state recorded before the restart is what the restarted app compares with: an outside change is found.
    await mlflowRest(mlflowTestUrl(), 'POST', 'model-versions/transition-stage', { name, version: '3', stage: 'Production', archive_existing_versions: true });
    await app.core.reconcile.onDemand({ model: name });
    const alert = await app.emulator.waitFor(
      () => app.channel(CHANNELS.notify).find((m) => messageText(m).includes(name) && messageText(m).includes('outside modelsync*')),
      60_000,
    );
    expect(messageText(alert)).toContain('*Production* changed v1 → *v3*');
  });
});
