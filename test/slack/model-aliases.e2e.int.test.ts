import { APPROVE_ACTION_ID } from '../../src/slack/blocks/approval-request.blocks';
import { createManagedModel, createRun, createModelVersion, mlflowRest } from '../support/mlflow-seed';
import { mlflowTestUrl, uniqueModelName } from '../support/names';
import { pageText } from '../support/sync-harness';
import type { SentRequest } from '../support/slack-requests';
import { buttons, CHANNELS, messageText, startModelApp, USERS, type ModelApp } from './support/model-app';

jest.setTimeout(90_000);

function reply(app: ModelApp, sent: SentRequest, includes: string) {
  const id = decodeURIComponent(sent.responseUrl.split('/').pop() ?? '');
  return app.emulator.waitFor(() => app.emulator.responses(id).find((r) => messageText(r as never).includes(includes)), 20_000);
}

/** The Aliases multi-select of a version's Notion row, as the Notion API returns it. */
function notionAliases(app: ModelApp, name: string, version: string): string[] | undefined {
  const page = app.sync.livePages().find((p) => pageText(p, 'Model Name') === name && pageText(p, 'Version') === version);
  if (!page) return undefined;
  const prop = (page.properties as Record<string, { type: string; multi_select?: { name: string }[] }>)['Aliases'];
  return prop?.type === 'multi_select' ? (prop.multi_select ?? []).map((o) => o.name).sort() : undefined;
}

async function aliasesInMlflow(name: string): Promise<Record<string, string>> {
  const got = await mlflowRest<{ registered_model: { aliases?: { alias: string; version: string }[] } }>(mlflowTestUrl(), 'GET', 'registered-models/get', {
    name,
  });
  return Object.fromEntries((got.registered_model.aliases ?? []).map((a) => [a.alias, a.version]));
}

describe('/model alias and /model unalias, end to end (signed Slack requests, real MLflow, Notion emulator)', () => {
  let app: ModelApp;
  beforeAll(async () => {
    app = await startModelApp();
  });
  afterAll(async () => app.stop());

  it('sets an alias from Slack: MLflow, Notion Aliases (sync-on-write), a notice with models:/name@alias, /model status; unalias removes it everywhere', async () => {
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 2, managedTag: app.sync.managedTag });
    await app.sync.reconciler.reconcile({ model: name });
    expect(notionAliases(app, name, '2')).toEqual([]);

    const set = await app.slack.command('/model', `alias ${name} 2 @challenger`);
    expect(set.status).toBe(200);
    const r = await reply(app, set, 'now serves');
    expect(messageText(r as never)).toContain(`\`models:/${name}@challenger\` now serves it`);
    expect(await aliasesInMlflow(name)).toEqual({ challenger: '2' });
    expect(notionAliases(app, name, '2')).toEqual(['challenger']);
    const notice = await app.emulator.waitFor(() => app.channel(CHANNELS.notify).find((m) => messageText(m).includes(`models:/${name}@challenger`)), 20_000);
    expect(messageText(notice)).toContain('`@challenger` → *v2*');
    expect(messageText(notice)).toContain(`By <@${USERS.requester}>`);

    const moved = await app.slack.command('/model', `alias ${name} 1 challenger`);
    await reply(app, moved, '(was v2)');
    expect(await aliasesInMlflow(name)).toEqual({ challenger: '1' });
    expect(notionAliases(app, name, '1')).toEqual(['challenger']);
    expect(notionAliases(app, name, '2')).toEqual([]);

    const status = await reply(app, await app.slack.command('/model', `status ${name}`), 'Aliases');
    expect(messageText(status as never)).toContain(`\`@challenger\` → v1 · \`models:/${name}@challenger\``);

    const unset = await app.slack.command('/model', `unalias ${name} challenger`);
    await reply(app, unset, 'no longer resolves');
    expect(await aliasesInMlflow(name)).toEqual({});
    expect(notionAliases(app, name, '1')).toEqual([]);
    await app.emulator.waitFor(() => app.channel(CHANNELS.notify).find((m) => messageText(m).includes(`alias \`@challenger\` removed from v1`)), 20_000);
  });

  it('sends a protected alias (@champion) through the approval flow; approval moves it in MLflow and Notion', async () => {
    const name = uniqueModelName('alias-champ');
    await createManagedModel(mlflowTestUrl(), { name, versions: 1, managedTag: app.sync.managedTag });
    const runId = await createRun(mlflowTestUrl(), { metrics: { accuracy: 0.94 } });
    await createModelVersion(mlflowTestUrl(), name, { runId });
    await mlflowRest(mlflowTestUrl(), 'POST', 'registered-models/alias', { name, alias: 'champion', version: '1' });
    await app.sync.reconciler.reconcile({ model: name });

    const asked = await app.slack.command('/model', `alias ${name} 2 champion`);
    await reply(app, asked, 'Approval requested');
    const request = await app.emulator.waitFor(() => app.channel(CHANNELS.approvals).find((m) => messageText(m).includes(name)), 20_000);
    const text = messageText(request);
    expect(text).toContain(`Promotion request: ${name} v2: @champion`);
    expect(text).toContain(`\`models:/${name}@champion\``);
    expect(text).toContain('v1, *moves to v2*');
    expect(text).toMatch(/accuracy: \*0\.94\*/);
    expect(await aliasesInMlflow(name)).toEqual({ champion: '1' });

    const id = buttons(request)[APPROVE_ACTION_ID] as string;
    await app.slack.blockAction({ actionId: APPROVE_ACTION_ID, value: id, messageTs: request.ts, userId: USERS.approver, channelId: CHANNELS.approvals });
    await app.emulator.waitFor(() => {
      const m = app.channel(CHANNELS.approvals).find((x) => x.ts === request.ts);
      return m && messageText(m).includes('*Approved*') ? m : undefined;
    }, 20_000);
    expect(await aliasesInMlflow(name)).toEqual({ champion: '2' });
    expect(notionAliases(app, name, '2')).toEqual(['champion']);
    expect(notionAliases(app, name, '1')).toEqual([]);
    const versionTwo = await app.sync.registry.getVersion(name, '2');
    expect(versionTwo?.stage).toBe('None');
    expect(Object.keys(versionTwo?.tags ?? {}).filter((k) => k.startsWith('modelsync.audit.'))).toEqual([]);
    const audit = (await app.core.history.all(name)).filter((e) => e.version === '2');
    expect(audit.map((e) => `${e.event}@${e.alias}`).sort()).toEqual(['alias_set@champion', 'approved@champion', 'requested@champion']);
    const notice = await app.emulator.waitFor(() => app.channel(CHANNELS.notify).find((m) => messageText(m).includes(`models:/${name}@champion`)), 20_000);
    expect(messageText(notice)).toContain(`approved by <@${USERS.approver}>`);
  });

  it('answers an alias MLflow would refuse inside the ack; the rules match the real server', async () => {
    const refused = JSON.parse((await app.slack.command('/model', 'alias churn 3 latest')).text) as { text: string };
    expect(refused.text).toContain('`latest` is reserved by MLflow');
    const versionLike = JSON.parse((await app.slack.command('/model', 'unalias churn V7')).text) as { text: string };
    expect(versionLike.text).toContain('reserved by MLflow for version references');

    // The same names against the real server: what the parser accepts MLflow accepts, what it refuses MLflow refuses.
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 1, managedTag: app.sync.managedTag });
    for (const ok of ['Ünïcode_1', 'v1a', 'x'.repeat(255)]) await app.sync.registry.setAlias(name, ok, '1');
    for (const bad of ['latest', 'V7', 'champ.ion', 'x'.repeat(256)]) await expect(app.sync.registry.setAlias(name, bad, '1')).rejects.toThrow();
  });
});
