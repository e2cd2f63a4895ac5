/** The sync across page boundaries of both systems, and under Notion rate limiting. */
import { MlflowRegistry } from '../../src/adapters/mlflow';
import { silentLogger } from '../../src/core/ports/logger.port';
import { systemClock } from '../../src/core/ports/clock.port';
import { Reconciler } from '../../src/core/sync/reconciler';
import { statsOf } from '../../src/core/sync/sync-report';
import { createManagedModel, createModelVersion } from '../support/mlflow-seed';
import { pageText, startSyncHarness, type SyncHarness } from '../support/sync-harness';

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness();
});
afterAll(async () => {
  await h.stop();
});

describe('sync at scale', () => {
  it('syncs 130 versions across MLflow pages of 50 and Notion pages of 100 exactly once, then reads only', async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 0, managedTag: h.managedTag });
    for (let i = 0; i < 130; i += 1) await createModelVersion(h.mlflowUrl, name);
    const registry = new MlflowRegistry({ trackingUri: h.mlflowUrl, pageSize: 50 });
    const reconciler = new Reconciler({ registry, pages: h.pages, managedTag: h.managedTag, clock: systemClock, logger: silentLogger });

    expect(statsOf(await reconciler.reconcile())).toEqual({ created: 130, updated: 0, unchanged: 0, orphaned: 0, errors: 0 });
    const versions = h.livePages().map((p) => Number(pageText(p, 'Version')));
    expect(new Set(versions).size).toBe(130);
    expect(Math.max(...versions)).toBe(130);

    h.notion.counters.reset();
    expect(statsOf(await reconciler.reconcile())).toEqual({ created: 0, updated: 0, unchanged: 130, orphaned: 0, errors: 0 });
    const counts = h.notion.counters.snapshot().byRoute;
    expect(counts['POST /v1/data_sources/:id/query']).toBe(2);
    expect(counts['POST /v1/pages'] ?? 0).toBe(0);
    expect(counts['PATCH /v1/pages/:id'] ?? 0).toBe(0);
  });

  it('honours a storm of 429 answers: every page is written exactly once and the run reports no error', async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 6, managedTag: h.managedTag });
    h.notion.counters.reset();
    h.notion.faults.add({ kind: 'status', status: 429, retryAfterSeconds: 1, method: 'POST', path: '/v1/pages', count: 4 });
    const report = await h.reconciler.reconcile({ model: name });
    expect(statsOf(report)).toEqual({ created: 6, updated: 0, unchanged: 0, orphaned: 0, errors: 0 });
    expect(h.notion.counters.snapshot().byRouteStatus['POST /v1/pages 429']).toBe(4);
    expect(h.livePages().filter((p) => pageText(p, 'Model Name') === name)).toHaveLength(6);
  });
});
