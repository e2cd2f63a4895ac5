/**
 * Rollback from the `/model` form (issue 15, Build 2: "rollback when that exists"): the form offers "Roll back
 * Production/Staging" for the version that holds the stage, and submits `/model rollback <name> <stage>` through the
 * same runner, policy and approval path as the typed command. Signed requests into the real Bolt app, real MLflow,
 * the Slack emulator (views validated as Block Kit by it).
 */
import { problemMessages, validateView } from '../../emulators/slack';
import { APPROVE_ACTION_ID } from '../../src/slack/blocks/approval-request.blocks';
import { ACTION_BLOCK_ID, VERSION_BLOCK_ID } from '../../src/slack/views/model-modal.ids';
import { createManagedModel } from '../support/mlflow-seed';
import { mlflowTestUrl, uniqueModelName } from '../support/names';
import { buttons, CHANNELS, messageText, startModelApp, USERS, type ModelApp, approveRequest } from './support/model-app';
import { openModal, pickModel, selectOptions, submit } from './support/modal-steps';

jest.setTimeout(180_000);

const stageOf = async (app: ModelApp, name: string, v: string) => (await app.sync.registry.getVersion(name, v))?.stage;

/** Waits until MLflow reports the version in the stage (the work after the ack may still be running). */
async function untilStage(app: ModelApp, name: string, v: string, stage: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await stageOf(app, name, v)) !== stage) {
    if (Date.now() > deadline) throw new Error(`${name} v${v} never reached ${stage} (is ${await stageOf(app, name, v)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Moves a version through a typed command (so the history records it) and waits for the answer. */
async function typed(app: ModelApp, text: string, userId: string, includes: string): Promise<void> {
  const sent = await app.slack.command('/model', text, { userId, channelId: CHANNELS.asked });
  const id = decodeURIComponent(sent.responseUrl.split('/').pop() ?? '');
  await app.emulator.waitFor(() => app.emulator.responses(id).find((r) => `${r.text ?? ''}${JSON.stringify(r.blocks ?? [])}`.includes(includes)), 30_000);
}

/** The text the modal shows now (the ack's view, else the stored one after views.update). */
async function modalShows(app: ModelApp, viewId: string, ackView: unknown, includes: string): Promise<string> {
  return app.emulator.waitFor(() => {
    const shown = JSON.stringify(app.emulator.workspace.views.get(viewId)?.view ?? {}) + JSON.stringify(ackView ?? {});
    return shown.includes(includes) ? shown : undefined;
  }, 30_000);
}

describe('rollback from the /model form', () => {
  let app: ModelApp;
  beforeAll(async () => {
    app = await startModelApp();
  });
  afterAll(async () => app.stop());

  it('offers rollback, refuses it inline for a version that does not hold the stage, and rolls Staging back for its holder', async () => {
    const name = uniqueModelName('modal-rb');
    await createManagedModel(mlflowTestUrl(), { name, versions: 3, managedTag: app.sync.managedTag });
    await typed(app, `promote ${name} 1 staging`, USERS.approver, 'Staging');
    await typed(app, `promote ${name} 2 staging`, USERS.approver, 'Staging');
    expect(await stageOf(app, name, '1')).toBe('Archived');

    const { view } = await openModal(app, USERS.approver);
    const picked = await pickModel(app, USERS.approver, view.id, name);
    expect(problemMessages(validateView(picked.view))).toEqual([]);
    expect(selectOptions(picked, ACTION_BLOCK_ID).map((o) => o.value)).toEqual(expect.arrayContaining(['rollback:Production', 'rollback:Staging']));

    const wrong = await submit(app, USERS.approver, view.id, { model: name, version: '3', action: 'rollback:Staging' });
    expect(wrong.ack).toEqual({
      response_action: 'errors',
      errors: { [VERSION_BLOCK_ID]: 'Version 3 is in None, not Staging; choose the version in Staging to roll it back.' },
    });
    expect(await stageOf(app, name, '2')).toBe('Staging');

    const sent = await submit(app, USERS.approver, view.id, { model: name, version: '2', action: 'rollback:Staging' });
    expect(sent.ack?.errors).toBeUndefined();
    expect(sent.ack?.response_action).toBe('update');
    await untilStage(app, name, '1', 'Staging');
    expect(await stageOf(app, name, '2')).toBe('Archived');
    const shown = await modalShows(app, view.id, sent.ack?.view, name);
    expect(shown).toContain('v1');
  });

  it("a requester's Production rollback from the form waits for an approver, exactly as the typed command does", async () => {
    const name = uniqueModelName('modal-rb-prod');
    await createManagedModel(mlflowTestUrl(), { name, versions: 2, managedTag: app.sync.managedTag });
    // v1 then v2 into Production, each approved (the history now knows v1 held it before v2).
    for (const v of ['1', '2']) {
      const seen = new Set(app.channel(CHANNELS.approvals).map((m) => m.ts));
      await typed(app, `promote ${name} ${v} production`, USERS.requester, 'Approval requested');
      const request = await app.emulator.waitFor(
        () => app.channel(CHANNELS.approvals).find((m) => !seen.has(m.ts) && messageText(m).includes(name) && buttons(m)[APPROVE_ACTION_ID]),
        30_000,
      );
      await approveRequest(app, request);
      await untilStage(app, name, v, 'Production');
    }

    const seen = new Set(app.channel(CHANNELS.approvals).map((m) => m.ts));
    const { view } = await openModal(app, USERS.requester);
    await pickModel(app, USERS.requester, view.id, name);
    const sent = await submit(app, USERS.requester, view.id, { model: name, version: '2', action: 'rollback:Production' });
    expect(sent.ack?.errors).toBeUndefined();
    const request = await app.emulator.waitFor(
      () => app.channel(CHANNELS.approvals).find((m) => !seen.has(m.ts) && messageText(m).includes(name) && buttons(m)[APPROVE_ACTION_ID]),
      30_000,
    );
    expect(messageText(request)).toContain(`${name} v1`);
    expect(messageText(request)).toContain(`<@${USERS.requester}>`);
    await modalShows(app, view.id, sent.ack?.view, 'Approval requested');
    expect(await stageOf(app, name, '2')).toBe('Production');
    expect(await stageOf(app, name, '1')).toBe('Archived');
  });
});
