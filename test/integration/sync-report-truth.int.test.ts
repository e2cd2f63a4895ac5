/**
 * The report says only what happened: a failed create is an error (not "created"), aliases MLflow did not
 * report are left alone (not wiped), and a Notion listing cut at the per-query cap is never taken as complete.
 * Real MLflow server (behind a proxy that drops `aliases` where a test needs a server that does not report them)
 * and the Notion emulator through the real SDK.
 */
import { MlflowRegistry } from '../../src/adapters/mlflow';
import { statsOf } from '../../src/core/sync/sync-report';
import { startAliasStrippingProxy, type AliasStrippingProxy } from '../support/alias-stripping-proxy';
import { createManagedModel, createModelVersion } from '../support/mlflow-seed';
import { pageText, startSyncHarness, type SyncHarness } from '../support/sync-harness';

let h: SyncHarness;
let proxy: AliasStrippingProxy | undefined;
beforeEach(async () => {
  h = await startSyncHarness();
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await h.stop();
});

const aliasesOn = (version: string) => {
  const page = h.livePages().find((p) => pageText(p, 'Version') === version)!;
  return ((page.properties as Record<string, { multi_select: { name: string }[] }>).Aliases?.multi_select ?? []).map((o) => o.name).sort();
};

describe('a sync report that tells the truth', () => {
  it('records a page whose create failed as an error, never as "created"', async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 1, managedTag: h.managedTag });
    await h.reconciler.reconcile();
    const v2 = await createModelVersion(h.mlflowUrl, name);
    h.notion.faults.add({ kind: 'status', status: 503, path: '/v1/pages', method: 'POST', count: 20 });

    const onWrite = await h.reconciler.syncVersion(name, v2);
    expect(onWrite.changes.filter((c) => c.kind === 'created')).toEqual([]);
    expect(statsOf(onWrite)).toMatchObject({ created: 0, errors: 1 });
    const scheduled = await h.reconciler.reconcile();
    expect(scheduled.changes.filter((c) => c.kind === 'created')).toEqual([]);
    expect(statsOf(scheduled)).toEqual({ created: 0, updated: 0, unchanged: 1, orphaned: 0, errors: 1 });
  });

  it("leaves the Aliases column alone when MLflow's answers carry no aliases, and clears an alias MLflow confirms is gone", async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 2, managedTag: h.managedTag });
    await h.registry.setAlias(name, 'champion', '2');
    await h.registry.setAlias(name, 'challenger', '2');
    await h.reconciler.reconcile();
    expect(aliasesOn('2')).toEqual(['challenger', 'champion']);

    proxy = await startAliasStrippingProxy(h.mlflowUrl);
    // Same server and same UI links, only the answers lack `aliases`.
    const silent = h.makeReconciler({ registry: new MlflowRegistry({ trackingUri: proxy.url, uiUrl: h.mlflowUrl, retries: 1, retryBaseDelayMs: 10 }) });
    h.notion.counters.reset();
    const full = await silent.reconcile();
    const single = await silent.syncVersion(name, '2');
    expect(statsOf(full)).toEqual({ created: 0, updated: 0, unchanged: 2, orphaned: 0, errors: 0 });
    expect(statsOf(single)).toMatchObject({ updated: 0, unchanged: 1, errors: 0 });
    expect(h.notion.counters.snapshot().byRoute['PATCH /v1/pages/:id'] ?? 0).toBe(0);
    expect(aliasesOn('2')).toEqual(['challenger', 'champion']);

    // One alias removed in MLflow: still unreported by the answers, but looked up by name it is gone.
    await h.registry.deleteAlias(name, 'challenger');
    const after = await silent.reconcile();
    expect(after.changes).toEqual([expect.objectContaining({ kind: 'updated', version: '2', fields: ['aliases'] })]);
    expect(aliasesOn('2')).toEqual(['champion']);
  });

  it('reads every row past the per-query cap when rows span several minutes', async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 2, managedTag: h.managedTag });
    await h.reconciler.reconcile();
    // The app's own older rows, one minute apart (as the app created them in earlier runs), beyond a cap of 3.
    const bot = h.notion.botUser().id;
    for (let i = 0; i < 5; i += 1) {
      h.notion.createPageAs(
        bot,
        h.dataSourceId,
        { 'Model Name': { title: [{ text: { content: `${name}-old` } }] }, Version: { rich_text: [{ text: { content: String(i + 1) } }] } },
        { createdTime: `2024-01-01T10:0${i}:00Z` },
      );
    }
    h.notion.setQueryResultLimit(3);
    h.notion.counters.reset();
    const listed = await h.pages.listPages();
    expect(listed).toHaveLength(7);
    expect(new Set(listed.map((p) => p.id)).size).toBe(7);
    // Windows of created_time: from the start, from 10:02, from 10:04 (the last holds 3 rows, within the cap).
    expect(h.notion.counters.snapshot().byRoute['POST /v1/data_sources/:id/query']).toBe(3);
  });

  it('never takes a listing cut at the cap as complete: rows created in one minute beyond it are read model by model', async () => {
    const models = [];
    for (let i = 0; i < 3; i += 1) models.push((await createManagedModel(h.mlflowUrl, { versions: 3, managedTag: h.managedTag })).name);
    await h.reconciler.reconcile(); // 9 pages, created within moments of each other
    h.notion.setQueryResultLimit(5);
    await expect(h.pages.listPages()).rejects.toMatchObject({ code: 'page_listing_incomplete' });
    h.notion.counters.reset();

    const report = await h.reconciler.reconcile();
    expect(h.notion.counters.snapshot().byRoute['POST /v1/pages'] ?? 0).toBe(0);
    expect(h.livePages()).toHaveLength(9);
    expect(statsOf(report)).toEqual({ created: 0, updated: 0, unchanged: 9, orphaned: 0, errors: 0 });
    expect(report.notes.join(' ')).toMatch(/stopped listing the database after \d+ rows.*read model by model/);
  });

  it('reports a model whose own pages exceed the cap in one minute as an error, and creates nothing blind', async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 4, managedTag: h.managedTag });
    await h.reconciler.reconcile();
    h.notion.setQueryResultLimit(3);
    const report = await h.reconciler.reconcile();
    expect(h.livePages()).toHaveLength(4);
    expect(statsOf(report)).toEqual({ created: 0, updated: 0, unchanged: 0, orphaned: 0, errors: 4 });
    expect(report.failures[0]).toMatchObject({ model: name, system: 'notion', reason: expect.stringMatching(/could not be read again/) });
  });
});
