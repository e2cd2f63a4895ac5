import { problemMessages, validateOptionsResponse, validateView } from '../../emulators/slack';
import { MlflowRegistry } from '../../src/adapters/mlflow';
import { MLFLOW_MODES } from '../../src/adapters/mlflow/mlflow.http';
import { APPROVE_ACTION_ID } from '../../src/slack/blocks/approval-request.blocks';
import { ACTION_BLOCK_ID, ALIAS_BLOCK_ID, MODEL_BLOCK_ID, MODEL_VIEW_CALLBACK_ID, VERSION_BLOCK_ID } from '../../src/slack/views/model-modal.ids';
import { startCountingProxy, type CountingProxy } from '../support/counting-proxy';
import { createManagedModel, createModelVersion, createRun } from '../support/mlflow-seed';
import { mlflowTestUrl, uniqueModelName } from '../support/names';
import { buttons, CHANNELS, messageText, startModelApp, USERS, type ModelApp } from './support/model-app';
import { openModal, pickModel, selectOptions, submit, suggest } from './support/modal-steps';

jest.setTimeout(180_000);

/** A managed model with v1–v4 (v4 in Production, v3 holding @champion) and v5 from a run with metrics, in None. */
async function seedModel(app: ModelApp, prefix = 'modal'): Promise<string> {
  const url = mlflowTestUrl();
  const name = uniqueModelName(prefix);
  await createManagedModel(url, { name, versions: 4, managedTag: app.sync.managedTag });
  const runId = await createRun(url, { metrics: { accuracy: 0.93, f1: 0.88, loss: 0.2 } });
  await createModelVersion(url, name, { runId });
  await app.sync.registry.transitionStage(name, '4', 'Production', false);
  await app.sync.registry.setAlias(name, 'champion', '3');
  return name;
}

const stageOf = async (app: ModelApp, name: string, v: string) => (await app.sync.registry.getVersion(name, v))?.stage;

describe('bare /model opens a modal that runs the same sub-commands through the same policy (signed requests, real MLflow, Slack emulator)', () => {
  let app: ModelApp;
  let proxy: CountingProxy;
  beforeAll(async () => {
    proxy = await startCountingProxy(mlflowTestUrl());
    // Read-only views read through their own connection (as the app's cachedRegistry does), counted by the proxy.
    app = await startModelApp({ cachedRegistry: new MlflowRegistry({ trackingUri: proxy.url }).withMode(MLFLOW_MODES.cachedReads) });
  });
  afterAll(async () => {
    await app.stop();
    await proxy.stop();
  });

  it('acks at once and opens the modal with the command trigger_id; the view is valid Block Kit', async () => {
    const { view, status, ack } = await openModal(app, USERS.requester);
    expect(status).toBe(200);
    expect(ack).toBe('');
    const opened = app.emulator.calls('views.open').at(-1);
    expect(opened?.ok).toBe(true);
    expect(view.view.callback_id).toBe(MODEL_VIEW_CALLBACK_ID);
    expect(problemMessages(validateView(view.view))).toEqual([]);
    expect((view.view.blocks as { block_id?: string }[]).map((b) => b.block_id)).toEqual(
      expect.arrayContaining([MODEL_BLOCK_ID, ACTION_BLOCK_ID, ALIAS_BLOCK_ID]),
    );
    // `/model help` still answers with the help.
    const help = await app.slack.command('/model', 'help');
    expect(help.text).toContain('/model promote');
  });

  it('type-ahead offers managed models matching what was typed, from the cached registry, without a search per key', async () => {
    const name = await seedModel(app, 'typeahead');
    const unmanaged = (await createManagedModel(mlflowTestUrl(), { name: `${name}-unmanaged`, managed: false })).name;
    const { view } = await openModal(app, USERS.requester);
    const first = await suggest(app, USERS.requester, view.id, name.slice(0, 12).toUpperCase());
    expect(first.status).toBe(200);
    expect(problemMessages(validateOptionsResponse(first.body))).toEqual([]);
    const values = (first.body as { options: { value: string }[] }).options.map((o) => o.value);
    expect(values).toContain(name);
    expect(values).not.toContain(unmanaged);

    proxy.reset();
    const typed = Array.from({ length: 20 }, (_, i) => name.slice(0, 4 + (i % 10)));
    for (const t of typed) expect((await suggest(app, USERS.requester, view.id, t)).status).toBe(200);
    // 20 suggestions within the cache window: the two managed-model searches at most once more each, not 40.
    expect(proxy.requests().length).toBeLessThanOrEqual(4);
  });

  it('picking a model updates the modal with its versions: stage, aliases and key metrics in each option', async () => {
    const name = await seedModel(app);
    const { view } = await openModal(app, USERS.requester);
    const updated = await pickModel(app, USERS.requester, view.id, name);
    expect(app.emulator.calls('views.update').at(-1)?.ok).toBe(true);
    expect(problemMessages(validateView(updated.view))).toEqual([]);
    const options = selectOptions(updated, VERSION_BLOCK_ID);
    expect(options.map((o) => o.value)).toEqual(['5', '4', '3', '2', '1']);
    expect(options[0]?.text).toBe('v5 · None · accuracy 0.93 · f1 0.88');
    expect(options[1]?.text).toBe('v4 · Production');
    expect(options[2]?.text).toBe('v3 · None · @champion');
  });

  it("a non-approver's submission to Production becomes an approval request, exactly as the typed command does", async () => {
    const name = await seedModel(app);
    const { view } = await openModal(app, USERS.requester);
    await pickModel(app, USERS.requester, view.id, name);
    const sent = await submit(app, USERS.requester, view.id, { model: name, version: '5', action: 'stage:Production' });
    expect(sent.status).toBe(200);
    expect(sent.ack?.response_action).toBe('update');

    const request = await app.emulator.waitFor(
      () => app.channel(CHANNELS.approvals).find((m) => messageText(m).includes(`${name} v5: None → Production`)),
      20_000,
    );
    expect(messageText(request)).toContain(`<@${USERS.requester}>`);
    expect(Object.keys(buttons(request))).toContain(APPROVE_ACTION_ID);
    expect(await stageOf(app, name, '5')).toBe('None');
    // The modal shows the typed command's own answer (at once, or after "working").
    const answered = await app.emulator.waitFor(() => {
      const shown = JSON.stringify(app.emulator.workspace.views.get(view.id)?.view ?? {}) + JSON.stringify(sent.ack?.view ?? {});
      return shown.includes('Approval requested') ? shown : undefined;
    }, 20_000);
    expect(answered).toContain(name);

    // Typed, the same move answers that this very request is already open: one request, whichever way it was asked.
    const typed = await app.slack.command('/model', `promote ${name} 5 production`);
    const reply = await app.emulator.waitFor(() => app.emulator.responses(typed.responseUrl).at(-1), 20_000);
    expect(reply.text).toContain('An approval request is already open');
    expect(app.channel(CHANNELS.approvals).filter((m) => messageText(m).includes(`${name} v5: None → Production`))).toHaveLength(1);
  });

  it('an approver moving a version to Staging (not protected) changes MLflow at once and the modal says so', async () => {
    const name = await seedModel(app);
    const { view } = await openModal(app, USERS.approver);
    const sent = await submit(app, USERS.approver, view.id, { model: name, version: '5', action: 'stage:Staging' });
    expect(sent.ack?.errors).toBeUndefined();
    expect(sent.ack?.response_action).toBe('update');
    const shown = await app.emulator.waitFor(() => {
      const text = JSON.stringify(app.emulator.workspace.views.get(view.id)?.view ?? {}) + JSON.stringify(sent.ack?.view ?? {});
      return text.includes('Staging') && text.includes(':white_check_mark:') ? text : undefined;
    }, 20_000);
    expect(shown).toContain(name);
    expect(await stageOf(app, name, '5')).toBe('Staging');
  });

  describe('a forged or wrong submission is refused inline (response_action errors) and changes nothing', () => {
    let name: string;
    let unmanaged: string;
    beforeAll(async () => {
      name = await seedModel(app, 'forged');
      unmanaged = (await createManagedModel(mlflowTestUrl(), { name: `${name}-unmanaged`, managed: false, versions: 2 })).name;
    });

    // Checked against MLflow: inline when MLflow answers within the ack, else in the modal once it does.
    it.each([
      [
        'a model not offered (not managed)',
        () => ({ model: unmanaged, version: '1', action: 'stage:Production' }),
        MODEL_BLOCK_ID,
        /not a managed model offered/,
      ],
      [
        'a model that does not exist',
        () => ({ model: `${name}-nope`, version: '1', action: 'stage:Production' }),
        MODEL_BLOCK_ID,
        /not a managed model offered/,
      ],
      ['a version not offered', () => ({ model: name, version: '99', action: 'stage:Staging' }), VERSION_BLOCK_ID, /not offered/],
    ])('%s', async (_what, choice, block, message) => {
      const { view } = await openModal(app, USERS.approver);
      const before = app.channel(CHANNELS.approvals).length;
      const sent = await submit(app, USERS.approver, view.id, choice());
      expect(sent.status).toBe(200);
      if (sent.ack?.response_action === 'errors') expect(sent.ack.errors).toEqual({ [block]: expect.stringMatching(message) });
      else {
        expect(sent.ack?.response_action).toBe('update');
        const shown = await app.emulator.waitFor(() => {
          const text = JSON.stringify(app.emulator.workspace.views.get(view.id)?.view ?? {});
          return text.includes('Nothing was changed') ? text : undefined;
        }, 20_000);
        expect(shown).toMatch(message);
      }
      expect(await stageOf(app, name, '5')).toBe('None');
      expect(await stageOf(app, unmanaged, '1')).toBe('None');
      expect(app.channel(CHANNELS.approvals)).toHaveLength(before);
    });

    // Read from the submission alone: always inline, before anything is read or run.
    it.each([
      ['a stage not offered', () => ({ model: name, version: '5', action: 'stage:Released' }), ACTION_BLOCK_ID, /not an action offered/],
      ['an action not offered', () => ({ model: name, version: '5', action: 'delete' }), ACTION_BLOCK_ID, /not an action offered/],
      ['a version that is not a number', () => ({ model: name, version: '5; drop', action: 'stage:Staging' }), VERSION_BLOCK_ID, /not a version number/],
      ['an alias move without an alias', () => ({ model: name, version: '5', action: 'alias' }), ALIAS_BLOCK_ID, /Give the alias/],
      ['an invalid alias', () => ({ model: name, version: '5', action: 'alias', alias: 'bad alias!' }), ALIAS_BLOCK_ID, /./],
    ])('%s', async (_what, choice, block, message) => {
      const { view } = await openModal(app, USERS.approver);
      const before = app.channel(CHANNELS.approvals).length;
      const sent = await submit(app, USERS.approver, view.id, choice());
      expect(sent.status).toBe(200);
      expect(sent.ack?.response_action).toBe('errors');
      expect(sent.ack?.errors?.[block]).toMatch(message);
      expect(await stageOf(app, name, '5')).toBe('None');
      expect(app.channel(CHANNELS.approvals)).toHaveLength(before);
    });

    it("a submission of a modal someone else opened (or no modal at all) is refused: the context is the opener's, never the payload's", async () => {
      const { view } = await openModal(app, USERS.requester);
      const sent = await submit(app, USERS.outsider, view.id, { model: name, version: '5', action: 'stage:Staging' });
      expect(sent.ack?.response_action).toBe('errors');
      expect(sent.ack?.errors?.[MODEL_BLOCK_ID]).toMatch(/not opened by you/);
      expect(await stageOf(app, name, '5')).toBe('None');
    });
  });
});

describe('the modal asks the same policy as the typed command', () => {
  let app: ModelApp;
  beforeAll(async () => {
    // Only the approvers may ask for stage changes of any model.
    app = await startModelApp({ settings: { promotionRules: [{ pattern: '*', principals: [USERS.approver], channels: [] }] } });
  });
  afterAll(async () => app.stop());

  it('a requester the promotion rules do not allow is refused inline, with the sentence the typed command answers', async () => {
    const name = await seedModel(app, 'rules');
    const { view } = await openModal(app, USERS.requester);
    const sent = await submit(app, USERS.requester, view.id, { model: name, version: '5', action: 'stage:Staging' });
    expect(sent.ack?.response_action).toBe('errors');
    const inline = sent.ack?.errors?.[ACTION_BLOCK_ID] ?? '';
    expect(await stageOf(app, name, '5')).toBe('None');

    const typed = await app.slack.command('/model', `promote ${name} 5 staging`);
    const reply = await app.emulator.waitFor(() => app.emulator.responses(typed.responseUrl).at(-1), 20_000);
    expect(reply.text).toMatch(/not allowed|may not|only/i);
    // Same refusal, as plain text in the modal: the mention becomes @id, nothing else is lost.
    expect(inline).toContain(`@${USERS.approver}`);
    expect(inline.replace(/\s+/g, ' ')).toBe(
      (reply.text ?? '')
        .replace(/:[a-z_]+:\s*/g, '')
        .replace(/<@([A-Z0-9]+)>/g, '@$1')
        .replace(/[*`]/g, (c) => (c === '`' ? '"' : ''))
        .replace(/\s+/g, ' ')
        .trim(),
    );
  });
});
