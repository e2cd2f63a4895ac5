import { Reconciler } from '../../../src/core/sync/reconciler';
import { silentLogger } from '../../../src/core/ports/logger.port';
import { statsOf } from '../../../src/core/sync/sync-report';
import { SYNC_STATE_KEY, type SyncState } from '../../../src/core/sync/sync-state';
import { InMemoryRegistry } from '../../support/fakes/in-memory-registry';
import { InMemoryPages } from '../../support/fakes/in-memory-pages';
import { InMemoryState } from '../../support/fakes/in-memory-state';

const TAG = 'zenml.mlflow_notion_managed';
const HOUR = 3_600_000;

function setup(fullSyncEvery = 24) {
  const registry = new InMemoryRegistry();
  const pages = new InMemoryPages();
  // The fakes' clocks start at 1.7e12 and move a second per event; the app's runs come an hour (and more) later.
  let now = 1_700_000_000_000 + HOUR;
  const clock = { now: () => now };
  const state = new InMemoryState(clock);
  const reconciler = new Reconciler({ registry, pages, managedTag: TAG, logger: silentLogger, clock, state, fullSyncEvery });
  return { registry, pages, state, reconciler, later: (ms: number) => (now += ms) };
}

describe('Reconciler incremental runs (fakes; the integration test proves each drift on real parts)', () => {
  it('first run is a full sweep; the next reads only what changed, and lists no whole database', async () => {
    const { registry, pages, state, reconciler, later } = setup();
    await registry.seedManaged('churn', 5);
    const first = await reconciler.reconcile();
    expect(first.mode).toBe('full');
    expect(statsOf(first)).toMatchObject({ created: 5, errors: 0 });
    expect((await state.get<SyncState>(SYNC_STATE_KEY))?.runsSinceFull).toBe(0);

    later(HOUR);
    // MLflow changes version 3's description (what moves its last_updated_timestamp).
    const list = registry.versions.get('churn')!;
    registry.versions.set(
      'churn',
      list.map((v) => (v.version === '3' ? { ...v, description: 'new', lastUpdatedAt: 1_700_000_000_000 + 2 * HOUR - 1000 } : v)),
    );
    pages.calls.length = 0;
    registry.calls.length = 0;
    const second = await reconciler.reconcile();
    expect(second.mode).toBe('incremental');
    expect(statsOf(second)).toEqual({ created: 0, updated: 1, unchanged: 0, orphaned: 0, errors: 0 });
    expect(pages.calls).not.toContain('listPages');
    expect(pages.calls).not.toContain('ensureSchema');
    expect(registry.calls).not.toContain('listVersionsWithTag');
    expect((await state.get<SyncState>(SYNC_STATE_KEY))?.runsSinceFull).toBe(1);
  });

  it('a run whose MLflow read fails records errors, so the next run is a full sweep', async () => {
    const { registry, reconciler, state, later } = setup();
    await registry.seedManaged('churn', 2);
    await reconciler.reconcile();
    later(HOUR);
    registry.failing.set('listVersionsChangedSince', new Error('MLflow down'));
    await expect(reconciler.reconcile()).rejects.toThrow('MLflow down');
    expect((await state.get<SyncState>(SYNC_STATE_KEY))?.lastHadErrors).toBe(true);
    registry.failing.clear();
    expect((await reconciler.reconcile()).mode).toBe('full');
  });

  it('a one-model run and a dry run neither read nor move the watermark', async () => {
    const { registry, reconciler, state } = setup();
    await registry.seedManaged('churn', 1);
    expect((await reconciler.reconcile({ model: 'churn' })).mode).toBeUndefined();
    expect((await reconciler.reconcile({ dryRun: true })).mode).toBeUndefined();
    expect(await state.get(SYNC_STATE_KEY)).toBeUndefined();
  });
});
