/**
 * The sync service as every caller uses it (scheduler, Slack commands, webhooks, sync-on-write), with each run
 * recorded for /metrics: its mode, outcome, duration and counters. The core reports; this only watches.
 */
import { isBusy } from '../core/errors';
import type { ReconcileOptions, SyncService } from '../core/sync/sync.service';
import type { SyncReport } from '../core/sync/sync-report';
import { SYNC_MODES, type SyncMode, type SyncRunObservation } from '../adapters/metrics/sync.metrics';

/**
 * The mode a whole-registry run reports (`report.mode`, when the reconciler says whether it read everything or only
 * what changed); `full` when it says nothing. Only the known modes become a label.
 */
export function reportedMode(report: SyncReport): SyncMode {
  const mode = (report as { readonly mode?: unknown }).mode;
  return SYNC_MODES.find((m) => m === mode && m !== 'single') ?? 'full';
}

export class MeteredSync implements SyncService {
  constructor(
    private readonly inner: SyncService,
    private readonly observe: (run: SyncRunObservation) => void,
  ) {}

  reconcile(options?: ReconcileOptions): Promise<SyncReport> {
    return this.timed(options?.model === undefined ? undefined : 'single', () => this.inner.reconcile(options));
  }

  syncVersion(name: string, version: string): Promise<SyncReport> {
    return this.timed('single', () => this.inner.syncVersion(name, version));
  }

  private async timed(mode: SyncMode | undefined, run: () => Promise<SyncReport>): Promise<SyncReport> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    let report: SyncReport;
    try {
      report = await run();
    } catch (e) {
      this.observe({ mode: mode ?? 'full', outcome: isBusy(e) ? 'busy' : 'failed', seconds: seconds() });
      throw e;
    }
    this.observe({ mode: mode ?? reportedMode(report), outcome: report.errors > 0 ? 'errors' : 'ok', seconds: seconds(), stats: report });
    return report;
  }
}
