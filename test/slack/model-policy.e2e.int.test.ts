/**
 * The authorization policy through real interfaces: signed Slack requests into the real Bolt app, the Slack
 * emulator, the real MLflow server and the Notion emulator. Leaving a protected stage, `--cleanup-orphans`, and
 * Approve re-checking what the approver saw.
 */
import type { ModelCommand } from '../../src/core/commands/command';
import { changesOf, SUBCOMMAND_NAMES } from '../../src/core/commands/subcommands';
import type { ChangePolicy } from '../../src/core/policy/change-policy';
import { APPROVE_ACTION_ID } from '../../src/slack/blocks/approval-request.blocks';
import { parseModelCommand } from '../../src/slack/commands/parse-model-command';
import { createManagedModel, mlflowRest } from '../support/mlflow-seed';
import { mlflowTestUrl } from '../support/names';
import { pageText } from '../support/sync-harness';
import type { SentRequest } from '../support/slack-requests';
import { buttons, CHANNELS, messageText, startModelApp, USERS, type ModelApp } from './support/model-app';

jest.setTimeout(90_000);

function responsesOf(app: ModelApp, sent: SentRequest) {
  return app.emulator.responses(decodeURIComponent(sent.responseUrl.split('/').pop() ?? ''));
}

function reply(app: ModelApp, sent: SentRequest, includes: string) {
  return app.emulator.waitFor(() => responsesOf(app, sent).find((r) => messageText(r as never).includes(includes)), 20_000);
}

const as = (userId: string) => ({ userId, channelId: CHANNELS.asked });

/** churn-like model: v1 None, v2 Production (the holder), v3 Staging; mirrored in Notion. */
async function seedHolder(app: ModelApp): Promise<string> {
  const { name } = await createManagedModel(mlflowTestUrl(), { versions: 3, managedTag: app.sync.managedTag });
  await app.sync.registry.transitionStage(name, '2', 'Production', false);
  await app.sync.registry.transitionStage(name, '3', 'Staging', false);
  await app.sync.reconciler.reconcile({ model: name });
  return name;
}

async function stages(app: ModelApp, name: string): Promise<Record<string, string>> {
  return Object.fromEntries((await app.sync.registry.listVersions(name)).map((v) => [v.version, v.stage]));
}

async function aliasesInMlflow(name: string): Promise<Record<string, string>> {
  const got = await mlflowRest<{ registered_model: { aliases?: { alias: string; version: string }[] } }>(mlflowTestUrl(), 'GET', 'registered-models/get', {
    name,
  });
  return Object.fromEntries((got.registered_model.aliases ?? []).map((a) => [a.alias, a.version]));
}

/** The approval request message whose title contains `title`, and the request id on its Approve button. */
async function requestMessage(app: ModelApp, title: string) {
  const m = await app.emulator.waitFor(() => app.channel(CHANNELS.approvals).find((x) => messageText(x).includes(title)), 20_000);
  return { message: m, ts: m.ts, id: buttons(m)[APPROVE_ACTION_ID] as string };
}

function clickApprove(app: ModelApp, ts: string, id: string, userId: string) {
  return app.slack.blockAction({ actionId: APPROVE_ACTION_ID, value: id, messageTs: ts, userId, channelId: CHANNELS.approvals });
}

async function decided(app: ModelApp, ts: string, word: string) {
  return app.emulator.waitFor(() => {
    const m = app.channel(CHANNELS.approvals).find((x) => x.ts === ts);
    return m && messageText(m).includes(word) ? m : undefined;
  }, 20_000);
}

const livePage = (app: ModelApp, name: string, version: string) =>
  app.sync.livePages().find((p) => pageText(p, 'Model Name') === name && pageText(p, 'Version') === version);

describe('leaving a protected stage needs an approval (non-approver in Slack, real MLflow)', () => {
  let app: ModelApp;
  beforeAll(async () => {
    app = await startModelApp({ settings: { syncAdmins: [USERS.requester] } });
  });
  afterAll(async () => app.stop());

  it('a non-approver archiving the Production holder gets an approval request; MLflow is unchanged until an approver approves', async () => {
    const name = await seedHolder(app);
    const sent = await app.slack.command('/model', `archive ${name} 2`, as(USERS.outsider));
    const answer = await reply(app, sent, 'Approval requested');
    expect(answer.text).toContain(`*${name}* v2 → *Archived*: it takes the version out of Production, which is protected.`);
    expect(answer.text).toContain('Nothing changes in MLflow until an approver approves.');
    const { message, ts, id } = await requestMessage(app, `${name} v2: Production → Archived`);
    expect(messageText(message)).toContain(`Stage change request: ${name} v2: Production → Archived`);
    expect(messageText(message)).toContain('*Why an approval*\nIt takes the version out of Production, which is protected.');
    expect(await stages(app, name)).toEqual({ '1': 'None', '2': 'Production', '3': 'Staging' });

    // A non-approver clicking Approve on the leaving request: refused, nothing moves, the buttons stay.
    const click = await clickApprove(app, ts, id, USERS.requester);
    expect((await app.emulator.waitFor(() => responsesOf(app, click)[0])).text).toContain('You are not allowed to approve this request');
    expect(await stages(app, name)).toEqual({ '1': 'None', '2': 'Production', '3': 'Staging' });
    expect(buttons(app.channel(CHANNELS.approvals).find((m) => m.ts === ts))).toHaveProperty(APPROVE_ACTION_ID, id);

    await clickApprove(app, ts, id, USERS.approver);
    await decided(app, ts, 'Approved');
    expect(await stages(app, name)).toEqual({ '1': 'None', '2': 'Archived', '3': 'Staging' });
    expect(pageText(livePage(app, name, '2')!, 'Stage')).toBe('Archived');
  });

  it('`promote <prod-version> staging` and `… none` by a non-approver each wait for an approver; approving None moves it there', async () => {
    const name = await seedHolder(app);
    await reply(app, await app.slack.command('/model', `promote ${name} 2 staging`, as(USERS.outsider)), 'Approval requested');
    await requestMessage(app, `${name} v2: Production → Staging`);
    const none = await reply(app, await app.slack.command('/model', `promote ${name} 2 none`, as(USERS.outsider)), 'Approval requested');
    expect(none.text).toContain('it takes the version out of Production, which is protected');
    const { ts, id } = await requestMessage(app, `${name} v2: Production → None`);
    expect(await stages(app, name)).toEqual({ '1': 'None', '2': 'Production', '3': 'Staging' });

    await clickApprove(app, ts, id, USERS.groupie);
    await decided(app, ts, 'Approved');
    expect(await stages(app, name)).toEqual({ '1': 'None', '2': 'None', '3': 'Staging' });
  });

  it('moves an unprotected Staging version to None at once (MLflow refuses archive_existing_versions for None)', async () => {
    const name = await seedHolder(app);
    const done = await reply(app, await app.slack.command('/model', `promote ${name} 3 none`, as(USERS.outsider)), 'is now in None');
    expect(messageText(done as never)).toContain('Staging → *None*');
    expect(await stages(app, name)).toEqual({ '1': 'None', '2': 'Production', '3': 'None' });
  });
});

describe('/model sync --cleanup-orphans is for approvers and sync admins only', () => {
  let app: ModelApp;
  beforeAll(async () => {
    app = await startModelApp({ settings: { syncAdmins: [USERS.requester] } });
  });
  afterAll(async () => app.stop());

  it('refuses a non-admin saying who may, trashes nothing; a sync admin and an approver can run it', async () => {
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 3, managedTag: app.sync.managedTag });
    await app.sync.reconciler.reconcile({ model: name });
    await mlflowRest(mlflowTestUrl(), 'DELETE', 'model-versions/delete', { name, version: '3' });
    expect(livePage(app, name, '3')).toBeDefined();

    const refused = await reply(app, await app.slack.command('/model', `sync ${name} --cleanup-orphans`, as(USERS.outsider)), 'Nothing was trashed');
    expect(refused).toMatchObject({ response_type: 'ephemeral' });
    expect(refused.text).toBe(
      `:no_entry: Nothing was trashed: \`--cleanup-orphans\` moves Notion pages to the trash, so only approvers and sync admins may run it: <@${USERS.approver}>, <!subteam^S0MLOPS>, <@${USERS.requester}>. \`/model sync\` without the option repairs everything else and trashes nothing.`,
    );
    expect(livePage(app, name, '3')).toBeDefined();

    // The same person may still run a plain sync: it lists the orphan and trashes nothing.
    await reply(app, await app.slack.command('/model', `sync ${name}`, as(USERS.outsider)), 'Sync');
    expect(livePage(app, name, '3')).toBeDefined();

    await reply(app, await app.slack.command('/model', `sync ${name} --cleanup-orphans`, as(USERS.requester)), 'Sync');
    expect(livePage(app, name, '3')).toBeUndefined();

    await mlflowRest(mlflowTestUrl(), 'DELETE', 'model-versions/delete', { name, version: '2' });
    await reply(app, await app.slack.command('/model', `sync ${name} --cleanup-orphans`, as(USERS.approver)), 'Sync');
    expect(livePage(app, name, '2')).toBeUndefined();
    expect(livePage(app, name, '1')).toBeDefined();
  });
});

describe('Approve re-checks everything the approver saw (changes made through the MLflow REST API)', () => {
  let app: ModelApp;
  beforeAll(async () => {
    app = await startModelApp();
  });
  afterAll(async () => app.stop());

  it('an alias moved in MLflow after the request: Approve moves nothing and the request says where it is now', async () => {
    const name = await seedHolder(app);
    await mlflowRest(mlflowTestUrl(), 'POST', 'registered-models/alias', { name, alias: 'champion', version: '2' });
    await reply(app, await app.slack.command('/model', `alias ${name} 3 champion`), 'Approval requested');
    const { message, ts, id } = await requestMessage(app, `${name} v3: @champion`);
    expect(messageText(message)).toContain('v2, *moves to v3*');

    await mlflowRest(mlflowTestUrl(), 'POST', 'registered-models/alias', { name, alias: 'champion', version: '1' });
    const click = await clickApprove(app, ts, id, USERS.approver);
    const refusal = await app.emulator.waitFor(() => responsesOf(app, click)[0]);
    expect(refusal.text).toBe(':no_entry: @champion is now on version 1, not 2; nothing was done. Ask again if still wanted.');
    const updated = await decided(app, ts, 'No longer applies');
    expect(messageText(updated)).toContain('@champion is now on version 1, not 2');
    expect(buttons(updated)).toEqual({});
    expect(await aliasesInMlflow(name)).toEqual({ champion: '1' });
  });

  it('a new Production holder appeared after the request: Approve moves nothing', async () => {
    const name = await seedHolder(app);
    await reply(app, await app.slack.command('/model', `promote ${name} 3 production`), 'Approval requested');
    const { message, ts, id } = await requestMessage(app, `${name} v3: Staging → Production`);
    expect(messageText(message)).toContain('v2, *will be archived*');

    await mlflowRest(mlflowTestUrl(), 'POST', 'model-versions/transition-stage', { name, version: '1', stage: 'Production', archive_existing_versions: false });
    const click = await clickApprove(app, ts, id, USERS.approver);
    const refusal = await app.emulator.waitFor(() => responsesOf(app, click)[0]);
    expect(refusal.text).toBe(':no_entry: Production is now held by versions 1, 2, not version 2; nothing was done. Ask again if still wanted.');
    await decided(app, ts, 'No longer applies');
    expect(await stages(app, name)).toEqual({ '1': 'Production', '2': 'Production', '3': 'Staging' });
  });
});

describe('every declared /model sub-command from Slack, with a policy that refuses everything', () => {
  const REFUSAL = 'You may not request stage or alias changes of everything: the promotion rules allow only <@U0NOBODY>.';
  const refused = { code: 'not_allowed_to_request', model: 'everything', principals: ['U0NOBODY'] } as const;
  const refuseAll: ChangePolicy = {
    mayRun: async () => ({ allowed: false, refusal: refused }),
    review: () => ({ kind: 'refuse', refusal: { code: 'protected_alias_removal', model: 'everything', alias: 'any' } }),
    mayApprove: async () => ({ allowed: false, refusal: refused }),
    mayReject: async () => ({ allowed: false, refusal: refused }),
    mayRevert: async () => ({ allowed: false, refusal: refused }),
  };
  /** What to type for each declared sub-command (keyed by every kind, so a new one needs a line here). */
  const TYPED: { readonly [K in ModelCommand['kind']]: (name: string) => readonly string[] } = {
    register: (n) => [`register ${n} s3://bucket/${n}/4 retrained`],
    promote: (n) => [`promote ${n} 1 production`, `promote ${n} 2 none`, `promote ${n} 3 archived`],
    archive: (n) => [`archive ${n} 2`],
    alias: (n) => [`alias ${n} 1 champion`, `alias ${n} 1 shadow`],
    unalias: (n) => [`unalias ${n} challenger`],
    status: (n) => [`status ${n}`],
    rollback: (n) => [`rollback ${n}`, `rollback ${n} @champion`, `rollback ${n} staging`],
    history: (n) => [`history ${n}`, `history ${n} production`],
    list: () => ['list'],
    sync: (n) => [`sync ${n}`, `sync ${n} --cleanup-orphans`],
    help: () => ['help'],
    subscribe: (n) => [`subscribe ${n}`, `subscribe ${n}* stages`],
    unsubscribe: (n) => [`unsubscribe ${n}`],
    subscriptions: () => ['subscriptions'],
    diff: (n) => [`diff ${n} 1 2`],
  };
  let app: ModelApp;
  beforeAll(async () => {
    app = await startModelApp({ overrides: { policy: refuseAll } });
  });
  afterAll(async () => app.stop());

  /** MLflow (stages, aliases, tags of every version, the model count) and every Notion page, as JSON. */
  async function snapshot(name: string): Promise<string> {
    const versions = (await app.sync.registry.listVersions(name)).map((v) => [v.version, v.stage, [...(v.aliases ?? [])].sort(), v.tags]);
    const models = (await app.sync.registry.listModelsWithTag(app.sync.managedTag)).map((m) => m.name).sort();
    return JSON.stringify({ versions, models, pages: app.sync.livePages() });
  }

  it('has typed examples for exactly the declared sub-commands', () => {
    expect(Object.keys(TYPED).sort()).toEqual([...SUBCOMMAND_NAMES].sort());
  });

  it.each(SUBCOMMAND_NAMES.map((k) => [k]))('/model %s changes nothing in MLflow or Notion', async (kind) => {
    const name = await seedHolder(app);
    await mlflowRest(mlflowTestUrl(), 'POST', 'registered-models/alias', { name, alias: 'challenger', version: '3' });
    await mlflowRest(mlflowTestUrl(), 'DELETE', 'model-versions/delete', { name, version: '1' });
    await app.sync.reconciler.reconcile({ model: name });
    const before = await snapshot(name);
    for (const text of TYPED[kind](name)) {
      const parsed = parseModelCommand(text);
      if (!parsed.ok) throw new Error(`sample \`${text}\` does not parse`);
      const changes = changesOf(parsed.command).length > 0;
      const sent = await app.slack.command('/model', text, as(USERS.approver));
      expect(sent.status).toBe(200);
      if (kind === 'help') continue; // answered inside the ack
      const answer = await app.emulator.waitFor(() => responsesOf(app, sent)[0], 20_000);
      if (changes) expect(answer.text).toBe(`:no_entry: ${REFUSAL}`);
      else expect(answer.text).not.toContain(REFUSAL);
    }
    expect(await snapshot(name)).toBe(before);
    expect(app.channel(CHANNELS.approvals).filter((m) => messageText(m).includes(name))).toEqual([]);
  });
});
