import type { Clock } from '../ports/clock.port';
import { versionKey } from '../domain/model-version';
import type {
  DeferredSync,
  LineageGap,
  OrphanPage,
  OverwrittenEdit,
  StageDrift,
  SyncChange,
  SyncFailure,
  SyncReport,
  SyncStats,
  UnmanagedPage,
} from './sync-report';

/** How one version ended in a run; each version lands in exactly one of the counters. */
export type VersionOutcome = 'created' | 'updated' | 'unchanged' | 'errors';

/** Accumulates a SyncReport while a run goes on. */
export class ReportBuilder {
  private readonly report: SyncReport;
  private readonly startMs: number;
  /** Each version's last outcome, so a version synced again in the same run is counted once. */
  private readonly outcomes = new Map<string, VersionOutcome>();

  constructor(
    private readonly clock: Clock,
    scope: SyncReport['scope'],
    dryRun: boolean,
  ) {
    this.startMs = clock.now();
    this.report = {
      created: 0,
      updated: 0,
      unchanged: 0,
      orphaned: 0,
      errors: 0,
      startedAt: new Date(this.startMs).toISOString(),
      durationMs: 0,
      dryRun,
      scope,
      perModel: {},
      changes: [],
      stageDrift: [],
      failures: [],
      orphans: [],
      lineageGaps: [],
      notManaged: [],
      notionEditsOverwritten: [],
      deferred: [],
      notes: [],
    };
  }

  /**
   * Counts how a version ended. A version synced again in the same run (picked up after a change) is counted once:
   * by its last outcome, except that a page created in this run stays "created" unless the second pass failed.
   */
  outcome(model: string, version: string, outcome: VersionOutcome): void {
    const key = versionKey(model, version);
    const before = this.outcomes.get(key);
    const counted = before === 'created' && outcome !== 'errors' ? 'created' : outcome;
    if (before !== undefined) {
      this.report[before] -= 1;
      this.modelStats(model)[before] -= 1;
    }
    this.outcomes.set(key, counted);
    this.report[counted] += 1;
    this.modelStats(model)[counted] += 1;
  }

  notManaged(page: UnmanagedPage): void {
    if (!this.report.notManaged.some((p) => p.pageId === page.pageId)) this.report.notManaged.push(page);
  }

  editOverwritten(edit: OverwrittenEdit): void {
    this.report.notionEditsOverwritten.push(edit);
  }

  deferred(d: DeferredSync): void {
    this.report.deferred.push(d);
  }

  change(change: SyncChange): void {
    this.report.changes.push(change);
  }

  drift(drift: StageDrift): void {
    this.report.stageDrift.push(drift);
  }

  failure(failure: SyncFailure): void {
    this.report.failures.push(failure);
  }

  /** A failure that is not tied to one version's outcome (e.g. an orphan could not be trashed). */
  standaloneFailure(failure: SyncFailure): void {
    this.failure(failure);
    this.report.errors += 1;
    this.modelStats(failure.model).errors += 1;
  }

  orphan(orphan: OrphanPage): void {
    this.report.orphans.push(orphan);
    this.report.orphaned += 1;
    this.modelStats(orphan.model).orphaned += 1;
  }

  lineageGap(gap: LineageGap): void {
    this.report.lineageGaps.push(gap);
  }

  note(text: string): void {
    if (!this.report.notes.includes(text)) this.report.notes.push(text);
  }

  /** Errors counted so far. */
  errorCount(): number {
    return this.report.errors;
  }

  /** Which kind of reconcile this report is of. */
  mode(mode: 'full' | 'incremental'): void {
    this.report.mode = mode;
  }

  finish(): SyncReport {
    this.report.durationMs = this.clock.now() - this.startMs;
    return this.report;
  }

  private modelStats(model: string): SyncStats {
    const existing = this.report.perModel[model];
    if (existing) return existing;
    const fresh = { created: 0, updated: 0, unchanged: 0, orphaned: 0, errors: 0 };
    this.report.perModel[model] = fresh;
    return fresh;
  }
}
