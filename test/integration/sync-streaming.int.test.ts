/**
 * The full sweep in model batches (issue 16, item 3): MLflow is read one batch of models at a time, Notion is listed
 * once in chunks and kept as stubs, a batch's changed pages are read again in full for that batch only, and
 * duplicates and orphans are still found when they sit in different batches. Real MLflow server, Notion emulator.
 */
import { MlflowRegistry } from '../../src/adapters/mlflow';
import type { RegisteredModel } from '../../src/core/domain/model-version';
import type { PagesPort, VersionRef } from '../../src/core/ports/pages.port';
import { silentLogger } from '../../src/core/ports/logger.port';
import { systemClock } from '../../src/core/ports/clock.port';
import { Reconciler } from '../../src/core/sync/reconciler';
import { statsOf } from '../../src/core/sync/sync-report';
import { createManagedModel, mlflowRest } from '../support/mlflow-seed';
import { pageText, startSyncHarness, type SyncHarness } from '../support/sync-harness';

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness();
});
afterAll(async () => {
  await h.stop();
});

/** The real adapters, with what the sweep asked of them written down (the calls still go to the servers). */
function recorded() {
  const batches: string[][] = [];
  const rereads: VersionRef[][] = [];
  const bulk: string[] = [];
  let chunks = 0;
  const registry = new MlflowRegistry({ trackingUri: h.mlflowUrl, namesPerQuery: 2 });
  const listVersionsOfModels = registry.listVersionsOfModels.bind(registry);
  registry.listVersionsOfModels = (models: readonly RegisteredModel[]) => {
    batches.push(models.map((m) => m.name));
    return listVersionsOfModels(models);
  };
  const inner = h.pages;
  const pages: PagesPort = {
    ensureSchema: () => inner.ensureSchema(),
    listPages: () => {
      bulk.push('listPages');
      return inner.listPages();
    },
    scanPages: async function* () {
      bulk.push('scanPages');
      for await (const chunk of inner.scanPages()) {
        chunks += 1;
        yield chunk;
      }
    },
    listPagesOfModel: (m) => inner.listPagesOfModel(m),
    listPagesEditedSince: (since) => inner.listPagesEditedSince(since),
    listPagesOfVersions: (versions) => {
      rereads.push([...versions]);
      return inner.listPagesOfVersions(versions);
    },
    createPage: (f) => inner.createPage(f),
    updatePage: (id, f) => inner.updatePage(id, f),
    trashPage: (id) => inner.trashPage(id),
    normalize: (f) => inner.normalize(f),
  };
  const reconciler = new Reconciler({ registry, pages, managedTag: h.managedTag, clock: systemClock, logger: silentLogger, sweepBatchModels: 2 });
  return { reconciler, batches, rereads, bulk, chunks: () => chunks };
}

describe('full sweep in model batches', () => {
  it('reads MLflow two models at a time and Notion once, and still finds duplicates and orphans in other batches', async () => {
    const names: string[] = [];
    for (let i = 0; i < 5; i += 1) names.push((await createManagedModel(h.mlflowUrl, { versions: 3, managedTag: h.managedTag })).name);
    names.sort((a, b) => a.localeCompare(b));
    const first = recorded();
    expect(statsOf(await first.reconciler.reconcile())).toEqual({ created: 15, updated: 0, unchanged: 0, orphaned: 0, errors: 0 });
    expect(first.batches).toEqual([names.slice(0, 2), names.slice(2, 4), names.slice(4)]);
    expect(first.bulk).toEqual(['scanPages']);

    // A nothing-changed sweep: the listing's stubs are enough, nothing is read again.
    const quiet = recorded();
    expect(statsOf(await quiet.reconciler.reconcile())).toEqual({ created: 0, updated: 0, unchanged: 15, orphaned: 0, errors: 0 });
    expect(quiet.rereads).toEqual([]);
    expect(quiet.bulk).toEqual(['scanPages']);

    // Drift in the first and the last batch; a duplicate in the second (trashing it counts as an update); an orphan version in the third; and the
    // app's page of a model MLflow never had (no batch names it).
    const [a, , c, , e] = names as [string, string, string, string, string];
    await mlflowRest(h.mlflowUrl, 'PATCH', 'model-versions/update', { name: a, version: '1', description: 'changed in MLflow' });
    await mlflowRest(h.mlflowUrl, 'PATCH', 'model-versions/update', { name: e, version: '2', description: 'changed too' });
    const ofC = (await h.pages.listPagesOfModel(c)).find((p) => p.fields.version === '3')!;
    const duplicate = await h.pages.createPage(ofC.fields);
    await mlflowRest(h.mlflowUrl, 'DELETE', 'model-versions/delete', { name: e, version: '3' });
    const stray = await h.pages.createPage({ ...ofC.fields, modelName: `${c}-gone`, version: '1' });

    const drift = recorded();
    const report = await drift.reconciler.reconcile({ cleanupOrphans: true });
    expect(statsOf(report)).toEqual({ created: 0, updated: 3, unchanged: 11, orphaned: 2, errors: 0 });
    // Only the changed and the duplicated versions were read again, each with its own batch.
    expect(drift.rereads).toEqual([[{ model: a, version: '1' }], [{ model: c, version: '3' }], [{ model: e, version: '2' }]]);
    expect(report.changes.filter((ch) => ch.kind === 'duplicate_trashed').map((ch) => [ch.model, ch.version, ch.detail])).toEqual([
      [c, '3', `duplicate page ${duplicate.id} moved to trash`],
    ]);
    expect(report.orphans.map((o) => [o.model, o.version, o.trashed]).sort()).toEqual(
      [
        [e, '3', true],
        [`${c}-gone`, '1', true],
      ].sort(),
    );
    const live = h.livePages();
    expect(live.some((p) => p.id === duplicate.id || p.id === stray.id)).toBe(false);
    expect(live.filter((p) => pageText(p, 'Model Name') === e).map((p) => pageText(p, 'Version'))).toEqual(['1', '2']);

    const after = recorded();
    expect(statsOf(await after.reconciler.reconcile())).toEqual({ created: 0, updated: 0, unchanged: 14, orphaned: 0, errors: 0 });
    expect(after.rereads).toEqual([]);
  });

  it('hands the listing over a chunk of 100 rows at a time: 130 pages arrive in two chunks', async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 0, managedTag: h.managedTag });
    await h.pages.ensureSchema();
    for (let i = 0; i < 130; i += 1) {
      const fields = {
        modelName: name,
        version: String(i + 1),
        stage: 'None' as const,
        sourceUri: null,
        description: '',
        createdAt: null,
        mlflowUrl: null,
        zenmlUrl: null,
      };
      await h.pages.createPage(fields);
    }
    let chunks = 0;
    let rows = 0;
    for await (const chunk of h.pages.scanPages()) {
      chunks += 1;
      rows += chunk.length;
    }
    expect(rows).toBe((await h.pages.listPages()).length);
    expect(chunks).toBe(Math.ceil(rows / 100));
  });
});
