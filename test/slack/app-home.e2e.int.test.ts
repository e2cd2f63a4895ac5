import { problemMessages, validateView, type StoredView } from '../../emulators/slack';
import { APPROVE_ACTION_ID, REJECT_ACTION_ID } from '../../src/slack/blocks/approval-request.blocks';
import { createManagedModel, createModelVersion, createRun } from '../support/mlflow-seed';
import { mlflowTestUrl, uniqueModelName } from '../support/names';
import { buttons, CHANNELS, messageText, startModelApp, USERS, type ModelApp } from './support/model-app';

jest.setTimeout(180_000);

async function seedModel(app: ModelApp): Promise<string> {
  const url = mlflowTestUrl();
  const name = uniqueModelName('home');
  await createManagedModel(url, { name, versions: 4, managedTag: app.sync.managedTag });
  const runId = await createRun(url, { metrics: { accuracy: 0.91 } });
  await createModelVersion(url, name, { runId });
  await app.sync.registry.transitionStage(name, '4', 'Production', false);
  await app.sync.registry.transitionStage(name, '3', 'Staging', false);
  await app.sync.registry.setAlias(name, 'champion', '4');
  return name;
}

/** views.publish calls for one user, in order. */
function publishes(app: ModelApp, userId: string) {
  return app.emulator.calls('views.publish').filter((c) => c.args.user_id === userId);
}

function homeOf(app: ModelApp, userId: string): StoredView | undefined {
  return app.emulator.workspace.homeViews.get(userId);
}

function homeText(view: StoredView | undefined): string {
  return messageText({ blocks: (view?.view.blocks ?? []) as unknown[] });
}

/** The Approve/Reject buttons on a Home tab: action id → values (one per request). */
function homeButtons(view: StoredView | undefined): { action: string; value: string; blockId: string }[] {
  const out: { action: string; value: string; blockId: string }[] = [];
  for (const b of (view?.view.blocks ?? []) as { type: string; block_id: string; elements?: { action_id?: string; value?: string }[] }[]) {
    if (b.type === 'actions')
      for (const e of b.elements ?? []) if (e.action_id && e.value) out.push({ action: e.action_id, value: e.value, blockId: b.block_id });
  }
  return out;
}

/** Opens the Home tab and waits for the publish it causes. */
async function openHome(app: ModelApp, userId: string): Promise<StoredView> {
  const before = publishes(app, userId).length;
  const sent = await app.views.homeOpened(userId);
  expect(sent.status).toBe(200);
  await app.emulator.waitFor(() => publishes(app, userId).length > before, 20_000);
  const call = publishes(app, userId).at(-1);
  expect(call?.ok).toBe(true);
  return homeOf(app, userId) as StoredView;
}

async function requestProduction(app: ModelApp, name: string, version: string): Promise<string> {
  await app.slack.command('/model', `promote ${name} ${version} production`, { userId: USERS.requester });
  const request = await app.emulator.waitFor(() => app.channel(CHANNELS.approvals).find((m) => messageText(m).includes(`${name} v${version}: `)), 20_000);
  return buttons(request)[APPROVE_ACTION_ID] as string;
}

describe('App Home tab (app_home_opened → views.publish, signed events, real MLflow, Slack emulator)', () => {
  let app: ModelApp;
  beforeEach(async () => {
    app = await startModelApp();
  });
  afterEach(async () => app.stop());

  it("shows each managed model's Production/Staging holders and aliases, the last sync and the health, as valid Block Kit", async () => {
    const name = await seedModel(app);
    await app.core.reconcile.onDemand({ cleanupOrphans: false });
    const home = await openHome(app, USERS.outsider);
    expect(home.view.type).toBe('home');
    expect(problemMessages(validateView(home.view, 'home'))).toEqual([]);
    const text = homeText(home);
    expect(text).toContain(`|${name}>* · Production: v4 · Staging: v3 · \`@champion\` → v4`);
    expect(text).toContain('Nothing waits for your approval.');
    expect(text).toContain('You have no request waiting for an approver.');
    expect(text).toMatch(/Sync finished <!date\^\d+\^/);
    expect(text).toMatch(/created \d+ · updated \d+ · unchanged \d+ · orphaned 0 · errors 0/);
    expect(text).toContain(':large_green_circle: MLflow');
  });

  it('the Messages tab publishes nothing', async () => {
    await app.views.homeOpened(USERS.outsider, 'messages');
    await app.views.homeOpened(USERS.approver);
    await app.emulator.waitFor(() => publishes(app, USERS.approver).length > 0, 20_000);
    expect(publishes(app, USERS.outsider)).toHaveLength(0);
  });

  it('a request waits on the approver tab with the channel buttons, shows on the requester tab, and both refresh after Approve on the Home tab', async () => {
    const name = await seedModel(app);
    await openHome(app, USERS.approver);
    await openHome(app, USERS.requester);
    await openHome(app, USERS.outsider);
    const outsiderBefore = publishes(app, USERS.outsider).length;
    const approverBefore = publishes(app, USERS.approver).length;

    const id = await requestProduction(app, name, '5');
    // Refreshed for the people concerned: the approver (may approve) and the requester, once each; not the outsider.
    await app.emulator.waitFor(() => homeButtons(homeOf(app, USERS.approver)).some((b) => b.value === id), 20_000);
    await app.emulator.waitFor(() => homeText(homeOf(app, USERS.requester)).includes('Your open requests (1)'), 20_000);
    await app.home.flush();
    expect(publishes(app, USERS.outsider)).toHaveLength(outsiderBefore);
    expect(publishes(app, USERS.approver).length - approverBefore).toBe(1);

    const approverHome = homeOf(app, USERS.approver);
    expect(problemMessages(validateView(approverHome?.view, 'home'))).toEqual([]);
    expect(homeText(approverHome)).toContain('Waiting for you (1)');
    expect(homeText(approverHome)).toContain(`Requested by <@${USERS.requester}>`);
    expect(homeButtons(approverHome).map((b) => b.action)).toEqual([APPROVE_ACTION_ID, REJECT_ACTION_ID]);
    // The requester sees their request, never buttons to approve it.
    expect(homeButtons(homeOf(app, USERS.requester))).toEqual([]);

    const approve = homeButtons(approverHome).find((b) => b.action === APPROVE_ACTION_ID);
    const clicked = await app.views.viewAction({
      userId: USERS.approver,
      viewId: approverHome?.id ?? '',
      blockId: approve?.blockId ?? '',
      actionId: APPROVE_ACTION_ID,
      element: { type: 'button', value: id, text: { type: 'plain_text', text: 'Approve' } },
    });
    expect(clicked.status).toBe(200);
    // The same handler as the channel button: MLflow changes, the channel message is updated, the tabs refresh.
    await app.emulator.waitFor(() => app.channel(CHANNELS.approvals).some((m) => messageText(m).includes(`*Approved* by <@${USERS.approver}>`)), 20_000);
    expect((await app.sync.registry.getVersion(name, '5'))?.stage).toBe('Production');
    await app.emulator.waitFor(() => homeText(homeOf(app, USERS.approver)).includes('Nothing waits for your approval.'), 20_000);
    await app.emulator.waitFor(() => homeText(homeOf(app, USERS.requester)).includes('You have no request waiting'), 20_000);
    await app.emulator.waitFor(() => homeText(homeOf(app, USERS.approver)).includes(`|${name}>* · Production: v5`), 20_000);
  });

  it('Approve clicked on the Home tab by someone who may not approve is refused with the same re-checks; the refusal shows on their tab', async () => {
    const name = await seedModel(app);
    const id = await requestProduction(app, name, '5');
    const outsiderHome = await openHome(app, USERS.outsider);
    expect(homeButtons(outsiderHome)).toEqual([]);
    // Forged: the outsider sends the approver's button anyway.
    await app.views.viewAction({
      userId: USERS.outsider,
      viewId: outsiderHome.id,
      blockId: `home_decide_${id}`,
      actionId: APPROVE_ACTION_ID,
      element: { type: 'button', value: id, text: { type: 'plain_text', text: 'Approve' } },
    });
    await app.emulator.waitFor(() => homeText(homeOf(app, USERS.outsider)).includes(':no_entry:'), 20_000);
    expect((await app.sync.registry.getVersion(name, '5'))?.stage).toBe('None');

    // The requester's own click: four-eyes, as on the channel message.
    const requesterHome = await openHome(app, USERS.requester);
    await app.views.viewAction({
      userId: USERS.requester,
      viewId: requesterHome.id,
      blockId: `home_decide_${id}`,
      actionId: APPROVE_ACTION_ID,
      element: { type: 'button', value: id, text: { type: 'plain_text', text: 'Approve' } },
    });
    await app.emulator.waitFor(() => homeText(homeOf(app, USERS.requester)).includes(':no_entry:'), 20_000);
    expect((await app.sync.registry.getVersion(name, '5'))?.stage).toBe('None');
  });

  it('a sync refreshes every recent viewer once, however many changes it makes', async () => {
    await seedModel(app);
    for (const u of [USERS.approver, USERS.requester, USERS.outsider]) await openHome(app, u);
    const before = Object.fromEntries([USERS.approver, USERS.requester, USERS.outsider].map((u) => [u, publishes(app, u).length]));
    await app.core.reconcile.onDemand({ cleanupOrphans: false });
    await app.core.reconcile.onDemand({ cleanupOrphans: false });
    await app.home.flush();
    for (const u of [USERS.approver, USERS.requester, USERS.outsider]) {
      await app.emulator.waitFor(() => publishes(app, u).length > (before[u] ?? 0), 20_000);
      expect(publishes(app, u).length - (before[u] ?? 0)).toBeLessThanOrEqual(2);
    }
    // A user who never opened the tab is never published to.
    expect(publishes(app, USERS.groupie)).toHaveLength(0);
  });
});
