/**
 * The seed integration's recoverable scenarios, set up for real in MLflow and the Notion emulator, repaired by
 * one sync and left unchanged (zero writes) by a second.
 */
import { NOTION_VERSION } from '../../src/adapters/notion';
import { statsOf } from '../../src/core/sync/sync-report';
import { createModelVersion, createManagedModel, mlflowRest } from '../support/mlflow-seed';
import { uniqueModelName } from '../support/names';
import { pageText, startSyncHarness, type SyncHarness } from '../support/sync-harness';

let h: SyncHarness;
beforeEach(async () => {
  h = await startSyncHarness();
});
afterEach(async () => {
  await h.stop();
});

const writesOf = (snapshot: ReturnType<SyncHarness['notion']['counters']['snapshot']>) =>
  Object.entries(snapshot.byRoute ?? {})
    .filter(([route]) => /^(POST \/v1\/pages|PATCH )/.test(route))
    .reduce((n, [, c]) => n + (c as number), 0);

async function expectSecondRunUnchanged(total: number): Promise<void> {
  h.notion.counters.reset();
  const again = await h.reconciler.reconcile();
  expect(statsOf(again)).toEqual({ created: 0, updated: 0, unchanged: total, orphaned: 0, errors: 0 });
  expect(writesOf(h.notion.counters.snapshot())).toBe(0);
}

async function versionTags(name: string, version: string): Promise<Record<string, string>> {
  const mv = await h.registry.getVersion(name, version);
  return { ...mv!.tags };
}

describe('sync against real MLflow and the Notion emulator', () => {
  it('(1) versions 1–10 in MLflow, 1–7 in Notion: creates the 3 missing pages, then changes nothing', async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 7, managedTag: h.managedTag });
    expect(statsOf(await h.reconciler.reconcile())).toMatchObject({ created: 7, errors: 0 });
    for (let i = 0; i < 3; i += 1) await createModelVersion(h.mlflowUrl, name);

    const report = await h.reconciler.reconcile();
    expect(statsOf(report)).toEqual({ created: 3, updated: 0, unchanged: 7, orphaned: 0, errors: 0 });
    expect(
      h
        .livePages()
        .map((p) => Number(pageText(p, 'Version')))
        .sort((a, b) => a - b),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((await versionTags(name, '10')).notion_page_url).toMatch(/^https:\/\/www\.notion\.so\//);
    await expectSecondRunUnchanged(10);
  });

  it('(2) Notion down during registration: the MLflow version exists, the error is recorded, the next sync creates the page', async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 1, managedTag: h.managedTag });
    await h.reconciler.reconcile();
    const version = await createModelVersion(h.mlflowUrl, name);
    h.notion.faults.add({ kind: 'status', status: 503, path: '/v1/pages', method: 'POST', count: 10 });

    const onWrite = await h.reconciler.syncVersion(name, version);
    expect(onWrite.errors).toBe(1);
    expect(onWrite.failures[0]).toMatchObject({ model: name, version, system: 'notion' });
    expect(onWrite.failures[0]!.reason).not.toMatch(/\n\s+at /);
    expect((await h.registry.getVersion(name, version))?.version).toBe(version);
    expect((await versionTags(name, version)).notion_page_url).toBeUndefined();

    h.notion.faults.clear();
    expect(statsOf(await h.reconciler.reconcile())).toEqual({ created: 1, updated: 0, unchanged: 1, orphaned: 0, errors: 0 });
    await expectSecondRunUnchanged(2);
  });

  it('(3) missing cross-links: writes notion_page_url back to MLflow and the MLflow URL onto the page', async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 2, managedTag: h.managedTag });
    await h.reconciler.reconcile();
    await mlflowRest(h.mlflowUrl, 'DELETE', 'model-versions/delete-tag', { name, version: '1', key: 'notion_page_url' });
    const page2 = h.livePages().find((p) => pageText(p, 'Version') === '2')!;
    await fetch(`${h.notion.url}/v1/pages/${page2.id as string}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${h.notion.token}`, 'notion-version': NOTION_VERSION, 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { 'MLflow Model URL': { url: null } } }),
    });

    const report = await h.reconciler.reconcile();
    expect(statsOf(report)).toEqual({ created: 0, updated: 2, unchanged: 0, orphaned: 0, errors: 0 });
    expect((await versionTags(name, '1')).notion_page_url).toBe(h.livePages().find((p) => pageText(p, 'Version') === '1')!.url);
    expect(
      pageText(
        h.livePages().find((p) => pageText(p, 'Version') === '2')!,
        'MLflow Model URL',
      ),
    ).toBe(h.registry.versionUrl(name, '2'));
    await expectSecondRunUnchanged(2);
  });

  it('(4) stage drift (MLflow Production, Notion Staging): updates the page and reports the change made elsewhere', async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 1, managedTag: h.managedTag });
    await h.registry.transitionStage(name, '1', 'Staging', false);
    await h.reconciler.reconcile();
    await h.registry.transitionStage(name, '1', 'Production', false);

    const report = await h.reconciler.reconcile();
    expect(statsOf(report)).toEqual({ created: 0, updated: 1, unchanged: 0, orphaned: 0, errors: 0 });
    expect(report.stageDrift).toEqual([{ model: name, version: '1', from: 'Staging', to: 'Production', system: 'notion' }]);
    expect(pageText(h.livePages()[0]!, 'Stage')).toBe('Production');
    await expectSecondRunUnchanged(1);
  });

  it('lists orphans without cleanup and moves them to the trash with it', async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 3, managedTag: h.managedTag });
    await h.reconciler.reconcile();
    await mlflowRest(h.mlflowUrl, 'DELETE', 'model-versions/delete', { name, version: '3' });

    const listed = await h.reconciler.reconcile();
    expect(statsOf(listed)).toEqual({ created: 0, updated: 0, unchanged: 2, orphaned: 1, errors: 0 });
    expect(listed.orphans).toEqual([expect.objectContaining({ model: name, version: '3', trashed: false })]);
    expect(h.livePages()).toHaveLength(3);

    const cleaned = await h.reconciler.reconcile({ cleanupOrphans: true });
    expect(cleaned.orphans[0]!.trashed).toBe(true);
    expect(h.livePages()).toHaveLength(2);
    await expectSecondRunUnchanged(2);
  });

  it('trashes duplicate pages of one version, keeping the one linked from MLflow', async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 1, managedTag: h.managedTag });
    await h.reconciler.reconcile();
    const linked = h.livePages()[0]!;
    // A crash between page creation and tag write-back, twice: two more pages nobody links to.
    const [first] = await h.registry.listVersions(name);
    await h.pages.createPage(
      h.pages.normalize({
        modelName: name,
        version: '1',
        stage: first!.stage,
        sourceUri: first!.source,
        description: '',
        createdAt: null,
        mlflowUrl: null,
        zenmlUrl: null,
        aliases: [],
      }),
    );
    await h.pages.createPage(
      h.pages.normalize({
        modelName: name,
        version: '1',
        stage: 'None',
        sourceUri: null,
        description: '',
        createdAt: null,
        mlflowUrl: null,
        zenmlUrl: null,
        aliases: [],
      }),
    );
    expect(h.livePages()).toHaveLength(3);

    const report = await h.reconciler.reconcile();
    expect(report.changes.filter((c) => c.kind === 'duplicate_trashed')).toHaveLength(2);
    expect(h.livePages().map((p) => p.id)).toEqual([linked.id]);
    await expectSecondRunUnchanged(1);
  });

  it('ignores unmanaged models', async () => {
    await createManagedModel(h.mlflowUrl, { versions: 2, managed: false });
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 1, managedTag: h.managedTag });
    const report = await h.reconciler.reconcile();
    expect(statsOf(report)).toEqual({ created: 1, updated: 0, unchanged: 0, orphaned: 0, errors: 0 });
    expect(h.livePages().map((p) => pageText(p, 'Model Name'))).toEqual([name]);
  });

  it('keeps descriptions over 2,000 characters, unicode and quotes in model names, without false drift', async () => {
    const name = `${uniqueModelName('churn')}'s "best" — Modèle 🚀`;
    const description = `${'Ünïcode → '.repeat(300)}🚀 end`;
    await mlflowRest(h.mlflowUrl, 'POST', 'registered-models/create', { name, tags: [{ key: h.managedTag, value: 'true' }] });
    await createModelVersion(h.mlflowUrl, name, { description });

    expect(statsOf(await h.reconciler.reconcile())).toMatchObject({ created: 1, errors: 0 });
    const page = h.livePages()[0]!;
    expect(pageText(page, 'Model Name')).toBe(name);
    expect(pageText(page, 'Description')).toBe(description);
    await expectSecondRunUnchanged(1);
  });

  it("creates the whole schema on a database that has only a title column, keeping a user's extra column", async () => {
    await h.stop();
    h = await startSyncHarness({ properties: { Name: { title: {} }, 'QA notes': { rich_text: {} } } });
    await createManagedModel(h.mlflowUrl, { versions: 1, managedTag: h.managedTag });
    expect(statsOf(await h.reconciler.reconcile())).toMatchObject({ created: 1, errors: 0 });
    const props = Object.keys(h.livePages()[0]!.properties as Record<string, unknown>).sort();
    expect(props).toEqual(
      expect.arrayContaining(['Version', 'Stage', 'Model Source URI', 'Description', 'Created At', 'MLflow Model URL', 'ZenML Model URL', 'QA notes']),
    );
  });
});
