import { createManagedModel, createRun } from '../support/mlflow-seed';
import { mlflowTestUrl, uniqueModelName } from '../support/names';
import { pageText } from '../support/sync-harness';
import type { SentRequest } from '../support/slack-requests';
import { CHANNELS, messageText, startModelApp, type ModelApp } from './support/model-app';
import { mrkdwnVisibleText } from './support/playground-mrkdwn';

jest.setTimeout(60_000);

function reply(app: ModelApp, sent: SentRequest, includes: string) {
  const id = decodeURIComponent(sent.responseUrl.split('/').pop() ?? '');
  return app.emulator.waitFor(() => app.emulator.responses(id).find((r) => messageText(r as never).includes(includes)), 20_000);
}

describe('/model commands, end to end', () => {
  let app: ModelApp;
  beforeAll(async () => {
    app = await startModelApp();
  });
  afterAll(async () => app.stop());

  it('answers a malformed command inside the ack with what was wrong and the right form', async () => {
    const sent = await app.slack.command('/model', 'promote churn five production');
    expect(sent.status).toBe(200);
    const body = JSON.parse(sent.text) as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('The version must be a whole number such as 5, not `five`.');
    // What Slack shows: the usage with its angle brackets (sent escaped, since <…> is Slack's link syntax).
    expect(mrkdwnVisibleText(body.text)).toContain('/model promote <name> <version> <staging|production|archived|none>');

    const unknown = JSON.parse((await app.slack.command('/model', 'promot churn 5 production')).text) as { text: string; blocks: unknown[] };
    expect(unknown.text).toContain('Did you mean `/model promote`?');
    expect(mrkdwnVisibleText(messageText(unknown))).toContain('/model register <name>');
  });

  it('says which versions exist when the version is missing in MLflow', async () => {
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 5, managedTag: app.sync.managedTag });
    const sent = await app.slack.command('/model', `promote ${name} 9 staging`);
    const r = await reply(app, sent, 'no version');
    expect(r.text).toContain(`model ${name} has no version 9 (latest is 5)`);
    expect(r.response_type).toBe('ephemeral');
  });

  it('registers a version from a run URI, syncs it and replies with the version and three links', async () => {
    const name = uniqueModelName('reg');
    const runId = await createRun(mlflowTestUrl(), { metrics: { auc: 0.7 } });
    const sent = await app.slack.command('/model', `register ${name} runs:/${runId}/model first cut, baseline`);
    expect(JSON.parse(sent.text)).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Working on') });
    const r = await reply(app, sent, 'Registered');
    const text = messageText(r as never);
    expect(text).toContain(`Registered *${name}* version *1*`);
    expect(text).toMatch(/\|MLflow>/);
    expect(text).toMatch(/\|Notion>/);
    const mv = await app.sync.registry.getVersion(name, '1');
    expect(mv).toMatchObject({ runId, description: 'first cut, baseline', tags: expect.objectContaining({ [app.sync.managedTag]: 'true' }) });
    expect((await app.sync.registry.getModel(name))?.tags[app.sync.managedTag]).toBe('true');
    expect(app.sync.livePages().some((p) => pageText(p, 'Model Name') === name && pageText(p, 'Version') === '1')).toBe(true);
  });

  it('promotes to an unprotected stage at once, archives, and lists and shows the model', async () => {
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 3, managedTag: app.sync.managedTag });
    const promoted = await reply(app, await app.slack.command('/model', `promote ${name} 3 STAGING`), 'Staging');
    expect(promoted.text).toContain(`${name} v3 is now in Staging`);
    await reply(app, await app.slack.command('/model', `archive ${name} 1`), 'Archived');
    expect((await app.sync.registry.getVersion(name, '1'))?.stage).toBe('Archived');
    await app.emulator.waitFor(() => app.channel(CHANNELS.notify).find((m) => messageText(m).includes(`*${name}* v1: None → *Archived*`)));

    const status = messageText((await reply(app, await app.slack.command('/model', `status ${name}`), 'versions, latest first')) as never);
    expect(status.indexOf('*v3* · Staging')).toBeGreaterThan(-1);
    expect(status.indexOf('*v3*')).toBeLessThan(status.indexOf('*v1*'));
    expect(status).toContain('*transitioned* None → Archived');

    const list = messageText((await reply(app, await app.slack.command('/model', 'list'), 'Managed models')) as never);
    expect(list).toMatch(new RegExp(`${name}>\\* · Production: — · Staging: v3`));
  });

  it('shows the ZenML link in /model status and in the stage-change notification when the version has one', async () => {
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 1, managedTag: app.sync.managedTag });
    const zenmlUrl = 'http://zenml.example.test/api/v1/model_versions/0a2e17fc-16a4-4b2b-9a6e-5f6a3c1d2e4f';
    // What the ZenML leg of a sync writes back once it has found the twin.
    await app.sync.registry.setVersionTag(name, '1', 'zenml_model_url', zenmlUrl);

    const status = messageText((await reply(app, await app.slack.command('/model', `status ${name}`), 'latest first')) as never);
    expect(status).toContain(`<${zenmlUrl}|ZenML>`);

    await reply(app, await app.slack.command('/model', `promote ${name} 1 staging`), 'Staging');
    const notice = await app.emulator.waitFor(
      () => app.channel(CHANNELS.notify).find((m) => messageText(m).includes(`*${name}* v1: None → *Staging*`)),
      20_000,
    );
    expect(messageText(notice)).toContain(`<${zenmlUrl}|ZenML>`);
    expect(messageText(notice)).not.toContain('ZenML: _not linked_');
  });
});

describe('scheduled reconciliation report', () => {
  let app: ModelApp;
  beforeAll(async () => {
    app = await startModelApp();
  });
  afterAll(async () => app.stop());

  it('posts the stats, the drift it repaired and a notification for a stage changed in MLflow directly; then a one-line report', async () => {
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 2, managedTag: app.sync.managedTag });
    await app.sync.reconciler.reconcile();
    await app.sync.registry.transitionStage(name, '2', 'Production', false); // outside the app: the MLflow API

    const run = await app.scheduler.runReconcile();
    expect(run).toMatchObject({ kind: 'ran', posted: 'full' });
    const report = app.channel(CHANNELS.report).at(-1);
    const text = messageText(report);
    expect(text).toMatch(/created 0 · updated 1 · unchanged \d+ · orphaned 0 · errors 0 · \d+\.\d s/);
    expect(text).toContain(`${name} v2: None → Production`);
    const notice = await app.emulator.waitFor(() => app.channel(CHANNELS.notify).find((m) => messageText(m).includes(`*${name}* v2`)));
    expect(messageText(notice)).toContain('Changed outside modelsync');

    const again = await app.scheduler.runReconcile();
    expect(again).toMatchObject({ kind: 'ran', posted: 'compact' });
    expect(messageText(app.channel(CHANNELS.report).at(-1))).toContain('nothing to repair');
    expect(app.channel(CHANNELS.notify).filter((m) => messageText(m).includes(`*${name}* v2`))).toHaveLength(1);
  });

  it('groups errors into one line per cause instead of one message per error', async () => {
    await createManagedModel(mlflowTestUrl(), { versions: 3, managedTag: app.sync.managedTag });
    const before = app.channel(CHANNELS.report).length;
    // Page creation fails for every new version (a POST answered 500 is not retried: it may have landed).
    app.sync.notion.faults.add({ kind: 'status', status: 500, method: 'POST', path: '/v1/pages', count: 100 });
    const run = await app.scheduler.runReconcile();
    app.sync.notion.faults.clear();
    expect(run).toMatchObject({ kind: 'ran', report: { errors: 3 } });
    const reports = app.channel(CHANNELS.report);
    expect(reports.length).toBe(before + 1);
    const text = messageText(reports.at(-1));
    expect(text).toContain('*Errors* (3 in 1 group)');
    expect(text).toMatch(/\*notion\* ×3: /);
  });

  it('runs on demand from /model sync and reports in the channel', async () => {
    const sent = await app.slack.command('/model', 'sync');
    const r = await reply(app, sent, 'Sync');
    expect(r.response_type).toBe('in_channel');
    expect(r.text).toMatch(/created \d+ · updated \d+ · unchanged \d+ · orphaned \d+ · errors \d+/);
  });
});
