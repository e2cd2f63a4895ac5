import { AdapterBusyError } from '../../src/adapters/http/adapter-error';
import type { SyncRunObservation } from '../../src/adapters/metrics/sync.metrics';
import { MeteredSync, reportedMode } from '../../src/app/metered-sync';
import type { SyncService } from '../../src/core/sync/sync.service';
import type { SyncReport } from '../../src/core/sync/sync-report';

const report = (over: Record<string, unknown> = {}): SyncReport =>
  ({ created: 1, updated: 2, unchanged: 3, orphaned: 0, errors: 0, ...over }) as unknown as SyncReport;

function metered(inner: Partial<SyncService>): { sync: MeteredSync; runs: SyncRunObservation[] } {
  const runs: SyncRunObservation[] = [];
  return { sync: new MeteredSync(inner as SyncService, (r) => runs.push(r)), runs };
}

describe('MeteredSync (sync runs in /metrics)', () => {
  it('labels a whole-registry run with the mode the reconciler reports, full when it reports none', async () => {
    const { sync, runs } = metered({ reconcile: async () => report({ mode: 'incremental' }) });
    await sync.reconcile();
    expect(runs[0]).toMatchObject({ mode: 'incremental', outcome: 'ok', stats: { created: 1, updated: 2, unchanged: 3 } });
    expect(reportedMode(report())).toBe('full');
    // Only known modes become a label; `single` is decided here, not by the report.
    expect(reportedMode(report({ mode: 'churn"}' }))).toBe('full');
    expect(reportedMode(report({ mode: 'single' }))).toBe('full');
  });

  it('labels one model or one version `single`, and runs with errors `errors`', async () => {
    const { sync, runs } = metered({ reconcile: async () => report({ errors: 2 }), syncVersion: async () => report() });
    await sync.reconcile({ model: 'churn' });
    await sync.syncVersion('churn', '3');
    expect(runs.map((r) => [r.mode, r.outcome])).toEqual([
      ['single', 'errors'],
      ['single', 'ok'],
    ]);
  });

  it('counts a run that threw as failed (or busy), without stats, and rethrows', async () => {
    const { sync, runs } = metered({
      reconcile: async () => {
        throw new Error('MLflow unreachable');
      },
      syncVersion: async () => {
        throw new AdapterBusyError('mlflow_busy', 'busy', 3, 'queue_full');
      },
    });
    await expect(sync.reconcile()).rejects.toThrow('MLflow unreachable');
    await expect(sync.syncVersion('m', '1')).rejects.toThrow('busy');
    expect(runs.map((r) => [r.mode, r.outcome, r.stats])).toEqual([
      ['full', 'failed', undefined],
      ['single', 'busy', undefined],
    ]);
  });
});
