/**
 * Sync-on-write (`/model register`, promotions, webhooks) and the scheduled reconcile are exclusive per model, so
 * a race cannot create a second page. The reconcile is paused at exact points with a gate around the real Notion
 * adapter; the single-version sync runs on the same Reconciler, as in the app.
 */
import { statsOf, syncProblemsOf } from '../../src/core/sync/sync-report';
import { Gate, gatedPages as gated } from '../support/gated-pages';
import { createManagedModel, createModelVersion } from '../support/mlflow-seed';
import { pageText, startSyncHarness, type SyncHarness } from '../support/sync-harness';

let h: SyncHarness;
beforeEach(async () => {
  h = await startSyncHarness();
});
afterEach(async () => {
  await h.stop();
});

const pagesOfVersion = (version: string) => h.livePages().filter((p) => pageText(p, 'Version') === version);

describe('sync-on-write and the reconcile, racing', () => {
  it('a page written by sync-on-write after the bulk listing is seen again before the reconcile writes: no duplicate', async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 1, managedTag: h.managedTag });
    await h.reconciler.reconcile();
    const v2 = await createModelVersion(h.mlflowUrl, name);
    const gate = new Gate();
    const sync = h.makeReconciler({ pages: gated(h.pages, { afterListPages: gate }) });

    const scheduled = sync.reconcile();
    await gate.reached; // the reconcile knows v2 from MLflow and has listed Notion: no page for v2 yet
    const onWrite = await sync.syncVersion(name, v2); // `/model register` lands now
    expect(statsOf(onWrite)).toMatchObject({ created: 1, errors: 0 });
    gate.open();
    const report = await scheduled;

    expect(pagesOfVersion(v2)).toHaveLength(1);
    expect(report.changes.filter((c) => c.kind === 'created')).toEqual([]);
    // Its MLflow read predates the tag sync-on-write set, so it writes the same link again (idempotent).
    expect(report.changes.filter((c) => c.version === v2).map((c) => c.kind)).toEqual(['linked']);
    expect(statsOf(report)).toMatchObject({ created: 0, orphaned: 0, errors: 0 });
  });

  it('sync-on-write waits a bounded time while the reconcile holds the model, says the running sync takes over, and it does', async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 1, managedTag: h.managedTag });
    await h.reconciler.reconcile();
    const v2 = await createModelVersion(h.mlflowUrl, name);
    const gate = new Gate();
    const sync = h.makeReconciler({ pages: gated(h.pages, { beforeCreate: gate }), syncOnWriteLockWaitMs: 300 });

    const scheduled = sync.reconcile();
    await gate.reached; // the reconcile holds the model and is about to create v2's page (stage None)
    await h.registry.transitionStage(name, v2, 'Staging', false); // `/model promote` right now
    const started = Date.now();
    const onWrite = await sync.syncVersion(name, v2);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(onWrite.deferred).toEqual([{ model: name, version: v2, reason: expect.stringContaining(`a sync of ${name} is running`) }]);
    expect(syncProblemsOf(onWrite)).toEqual([onWrite.deferred[0]!.reason]);
    expect(statsOf(onWrite)).toEqual({ created: 0, updated: 0, unchanged: 0, orphaned: 0, errors: 0 });
    expect(pagesOfVersion(v2)).toHaveLength(0);
    gate.open();
    const report = await scheduled;

    // The reconcile created the page, then picked up the promotion it was told about: one page, at Staging.
    expect(pagesOfVersion(v2)).toHaveLength(1);
    expect(pageText(pagesOfVersion(v2)[0]!, 'Stage')).toBe('Staging');
    expect(statsOf(report)).toEqual({ created: 1, updated: 0, unchanged: 1, orphaned: 0, errors: 0 });
    expect(report.changes.map((c) => c.kind)).toEqual(['created', 'linked', 'updated']);
    // Nothing pending is left behind: the next run changes nothing.
    expect(statsOf(await sync.reconcile())).toEqual({ created: 0, updated: 0, unchanged: 2, orphaned: 0, errors: 0 });
  });

  it('single-version syncs of one model take turns instead of both creating', async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 1, managedTag: h.managedTag });
    const gate = new Gate();
    const sync = h.makeReconciler({ pages: gated(h.pages, { beforeCreate: gate }) });
    const first = sync.syncVersion(name, '1'); // a webhook delivery…
    await gate.reached;
    const second = sync.syncVersion(name, '1'); // …and `/model register`'s own sync of the same version
    await new Promise((resolve) => setTimeout(resolve, 200));
    gate.open();
    const [a, b] = await Promise.all([first, second]);
    expect([a.created, b.created].sort()).toEqual([0, 1]);
    expect(pagesOfVersion('1')).toHaveLength(1);
  });
});
