import type { Clock } from '../ports/clock.port';
import type { LockPort } from '../ports/lock.port';
import type { Logger } from '../ports/logger.port';
import type { Notifier, ReportDetail } from '../ports/notifier.port';
import type { RegistryReader } from '../ports/registry.port';
import type { ReconcileOptions, RegistryRead, SyncService } from '../sync/sync.service';
import type { SyncReport } from '../sync/sync-report';
import type { LastSyncStore } from '../sync/last-sync';
import { announceDrift } from './drift-notices';
import type { NotificationMarks } from './notification-marks';

/** The lock that keeps reconciles from overlapping, across instances too. */
export const RECONCILE_LOCK_KEY = 'lock:reconcile';
/**
 * A crashed holder frees the lock after this long. A live run renews it every third of this, so a run may take
 * longer than the TTL without a second run starting beside it.
 */
export const RECONCILE_LOCK_TTL_MS = 2 * 60_000;
/**
 * Each scheduled tick is claimed once across instances and the claim is kept (not released): an instance whose
 * timer fires after another already finished that tick's run must not run it again. It only has to outlive the
 * clock skew between instances.
 */
export const SCHEDULED_TICK_CLAIM_TTL_MS = 10 * 60_000;
export const SCHEDULED_TICK_KEY_PREFIX = 'claim:reconcile-tick:';

/**
 * How a reconcile request ended: run, or skipped because a sync is already running (its report is posted when it
 * finishes) or because another instance took this scheduled tick.
 */
export type ReconcileRun =
  | { readonly kind: 'ran'; readonly report: SyncReport; readonly posted: ReportDetail | 'none' }
  | { readonly kind: 'busy'; readonly cause: 'running' | 'tick_taken' };

export interface ReconcileRunnerDeps {
  readonly sync: SyncService;
  readonly registry: RegistryReader;
  readonly notifier: Notifier;
  readonly lock: LockPort;
  readonly marks: NotificationMarks;
  readonly clock: Clock;
  readonly logger: Logger;
  /** SYNC_REPORT_QUIET: post nothing when a scheduled run found nothing. */
  readonly quiet: boolean;
  readonly newId: () => string;
  /** Compares protected stages and aliases with the last recorded state after each run (GUARD_MODE). */
  readonly guard?: { inspect(models: readonly string[], foundBy: 'sync', read?: RegistryRead): Promise<unknown> };
  /** How long a holder that died keeps the lock (default RECONCILE_LOCK_TTL_MS). */
  readonly lockTtlMs?: number;
  /** Where each run's summary is kept (the Home tab shows the last one); none when omitted. */
  readonly lastSync?: LastSyncStore;
}

/** True when a report has nothing worth a full message. */
export function isUneventful(report: SyncReport): boolean {
  return report.created + report.updated + report.orphaned + report.errors === 0 && report.stageDrift.length === 0 && report.failures.length === 0;
}

/**
 * Runs reconciles one at a time (scheduled or asked for), announces stage changes made elsewhere,
 * and posts scheduled reports to the report channel.
 */
export class ReconcileRunner {
  constructor(private readonly deps: ReconcileRunnerDeps) {}

  /**
   * The scheduled job: full reconcile, report posted to the report channel. With `tick` (the time the run was
   * scheduled for, the same on every instance) only the first instance to claim that tick runs it.
   */
  async scheduled(tick?: Date): Promise<ReconcileRun> {
    if (tick !== undefined) {
      const claimed = await this.deps.lock.acquire(`${SCHEDULED_TICK_KEY_PREFIX}${tick.toISOString()}`, this.deps.newId(), SCHEDULED_TICK_CLAIM_TTL_MS);
      if (!claimed) {
        this.deps.logger.info({ tick: tick.toISOString() }, 'scheduled sync skipped: another instance took this tick');
        return { kind: 'busy', cause: 'tick_taken' };
      }
    }
    return this.run({}, true);
  }

  /** A sync someone asked for: the caller shows the report itself. */
  async onDemand(options: ReconcileOptions): Promise<ReconcileRun> {
    return this.run(options, false);
  }

  private async run(options: ReconcileOptions, post: boolean): Promise<ReconcileRun> {
    const { lock, logger } = this.deps;
    const owner = this.deps.newId();
    const ttlMs = this.deps.lockTtlMs ?? RECONCILE_LOCK_TTL_MS;
    if (!(await lock.acquire(RECONCILE_LOCK_KEY, owner, ttlMs))) {
      logger.info({ options }, 'reconcile skipped: the previous run is still going');
      return { kind: 'busy', cause: 'running' };
    }
    const heartbeat = setInterval(() => void this.renew(owner, ttlMs), Math.max(1, Math.floor(ttlMs / 3)));
    try {
      const { guard } = this.deps;
      // The guard compares each part the run read (a full sweep's batch) as it is synced, not another read of each
      // model, and before the drift notices: its own message about a protected change replaces the plain notice.
      const inspected = new Set<string>();
      const onRegistryRead = guard
        ? async (read: RegistryRead) => {
            const models = [...new Set(read.versions.map((v) => v.name))];
            for (const m of models) inspected.add(m);
            await guard.inspect(models, 'sync', read);
          }
        : undefined;
      const report = await this.deps.sync.reconcile({ ...options, onRegistryRead });
      await this.deps.lastSync?.record(report, post);
      if (guard && !report.dryRun) {
        const rest = (options.model ? [options.model] : Object.keys(report.perModel)).filter((m) => !inspected.has(m));
        if (rest.length > 0) await guard.inspect(rest, 'sync');
      }
      await announceDrift(report, this.deps);
      let posted: ReportDetail | 'none' = 'none';
      if (post) {
        const detail: ReportDetail | 'none' = isUneventful(report) ? (this.deps.quiet ? 'none' : 'compact') : 'full';
        if (detail !== 'none') {
          try {
            await this.deps.notifier.postSyncReport(report, detail);
            posted = detail;
          } catch (e) {
            logger.error({ err: e }, 'sync report not posted');
          }
        }
      }
      return { kind: 'ran', report, posted };
    } finally {
      clearInterval(heartbeat);
      await lock.release(RECONCILE_LOCK_KEY, owner);
    }
  }

  /** Keeps a running reconcile's lock alive; a lost lock is logged (the run goes on: its writes are idempotent). */
  private async renew(owner: string, ttlMs: number): Promise<void> {
    try {
      if (!(await this.deps.lock.extend(RECONCILE_LOCK_KEY, owner, ttlMs))) {
        this.deps.logger.warn({}, 'reconcile lock lost while the run was going; another run may start beside it');
      }
    } catch (e) {
      this.deps.logger.warn({ err: e }, 'reconcile lock not renewed');
    }
  }
}
