import { isManaged, versionKey, type ModelVersion, type RegisteredModel } from '../domain/model-version';
import { describeError, isModelsyncError } from '../errors';
import type { Clock } from '../ports/clock.port';
import type { LockPort } from '../ports/lock.port';
import type { Logger } from '../ports/logger.port';
import type { PageRecord, PagesPort } from '../ports/pages.port';
import type { SyncRegistry } from '../ports/registry.port';
import type { LineageRun, LineageStep } from './lineage-step';
import { byModelThenVersion, stateAfterSweep, type ManagedSet } from './managed-versions';
import { fullSweep, type PageListing } from './full-sweep';
import { DEFAULT_SWEEP_BATCH_MODELS } from './sweep-batches';
import { planIncremental, stateAfterIncremental, type IncrementalPlan } from './incremental-plan';
import { DEFAULT_FULL_SYNC_EVERY, fullSweepReason, INCREMENTAL_OVERLAP_MS, MIN_OVERLAP_MS, SyncStateStore, type SyncState } from './sync-state';
import type { StatePort } from '../ports/store.port';
import { ModelLocks, SYNC_ON_WRITE_LOCK_WAIT_MS, type HeldModelLock } from './model-locks';
import { ModelPass } from './model-pass';
import { handleOrphans } from './orphans';
import { Ownership } from './ownership';
import { PageIndex } from './page-index';
import { ReportBuilder } from './report-builder';
import { runPool } from './run-pool';
import type { ReconcileOptions, SyncService } from './sync.service';
import type { SyncReport } from './sync-report';
import { syncOneVersion, type VersionSyncContext } from './version-sync';

/** How many versions are synced at once; the adapters' rate limiters, not latency, bound the pace. */
export const DEFAULT_SYNC_CONCURRENCY = 4;

export const NOTE_ZENML_OFF = 'ZenML is not configured (ZENML_SERVER_URL unset): the lineage leg was skipped';

export interface ReconcilerDeps {
  readonly registry: SyncRegistry;
  readonly pages: PagesPort;
  /** Absent when ZenML is not configured. */
  readonly lineage?: LineageStep;
  readonly managedTag: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /**
   * Per-model exclusion between reconciles and single-version syncs (shared across instances with Redis).
   * Absent only where one caller runs alone (unit tests, benchmarks): then nothing is excluded.
   */
  readonly lock?: LockPort;
  /** Owner ids of the locks (default: random). */
  readonly newId?: () => string;
  readonly concurrency?: number;
  /** How long a single-version sync waits for its model's lock (default SYNC_ON_WRITE_LOCK_WAIT_MS). */
  readonly syncOnWriteLockWaitMs?: number;
  /**
   * Where the watermark and the run counter live (shared across instances with Redis). Absent: every reconcile is a
   * full sweep (unit tests, one-off callers).
   */
  readonly state?: StatePort;
  /** One reconcile in this many is a full sweep (default DEFAULT_FULL_SYNC_EVERY; 1: always). */
  readonly fullSyncEvery?: number;
  /** How far before the previous run's start an incremental run looks (default INCREMENTAL_OVERLAP_MS; at least a minute). */
  readonly incrementalOverlapMs?: number;
  /** Models a full sweep reads, syncs and lets go of at a time (default DEFAULT_SWEEP_BATCH_MODELS). */
  readonly sweepBatchModels?: number;
}

/** The sync engine: MLflow decides, Notion and ZenML follow. */
export class Reconciler implements SyncService {
  /** Set once the schema was ensured in this process: sync-on-write checks it on first use only. */
  private schemaReady = false;
  private readonly locks: ModelLocks;

  constructor(private readonly deps: ReconcilerDeps) {
    this.locks = new ModelLocks(deps.lock, deps.newId ?? randomOwner);
  }

  async reconcile(options: ReconcileOptions = {}): Promise<SyncReport> {
    const dryRun = options.dryRun === true;
    const report = new ReportBuilder(this.deps.clock, options.model ? { model: options.model } : {}, dryRun);
    this.noteLineage(report);
    // Only a real run of every model reads or moves the watermark: a one-model or dry run is always a full read.
    const store = this.deps.state && options.model === undefined && !dryRun ? new SyncStateStore(this.deps.state) : undefined;
    if (!store) {
      await this.sweep(options, report);
      return this.finish(report, options);
    }
    const startedAt = this.deps.clock.now();
    let before: SyncState | undefined;
    try {
      before = await store.read();
    } catch (e) {
      // Without the state nothing can be skipped safely: a full sweep, and nothing recorded for the next run.
      this.deps.logger.warn({ err: e }, 'sync state not read; running a full sweep');
      report.note(`the sync state could not be read (${describeError(e)}): this run is a full sweep`);
      report.mode('full');
      await this.sweep(options, report);
      return this.finish(report, options);
    }
    const reason = fullSweepReason(before, this.deps.fullSyncEvery ?? DEFAULT_FULL_SYNC_EVERY, options.full === true);
    let next: SyncState;
    try {
      if (reason !== undefined || before === undefined) {
        report.mode('full');
        const managed = await this.sweep(options, report);
        next = stateAfterSweep(managed, startedAt, report.errorCount());
      } else {
        report.mode('incremental');
        const plan = await this.incremental(before, options, report);
        next = stateAfterIncremental(before, plan, startedAt, report.errorCount() > 0);
      }
    } catch (e) {
      // MLflow could not be read: the run did nothing it can vouch for, so the next one sweeps everything.
      if (before) await store.write({ ...before, lastHadErrors: true }).catch(() => undefined);
      throw e;
    }
    await store.write(next).catch((e: unknown) => {
      this.deps.logger.warn({ err: e }, 'sync state not saved; the next run reads what changed since the run before');
      report.note(`the sync state could not be saved (${describeError(e)}): the next run looks further back`);
    });
    return this.finish(report, options);
  }

  /** A full sweep: every managed version and every page, in batches of models (full-sweep.ts). Returns what MLflow said. */
  private sweep(options: ReconcileOptions, report: ReportBuilder): Promise<ManagedSet> {
    const dryRun = options.dryRun === true;
    return fullSweep(
      {
        registry: this.deps.registry,
        pages: this.deps.pages,
        managedTag: this.deps.managedTag,
        batchModels: this.deps.sweepBatchModels ?? DEFAULT_SWEEP_BATCH_MODELS,
        runVersions: async (versions, listing, linked) => void (await this.runVersions(versions, listing, report, dryRun, linked)),
        // The guard compares each batch with what it recorded as the batch is done, not with another read of each model.
        batchDone: dryRun ? undefined : options.onRegistryRead,
        now: () => this.deps.clock.now(),
        schemaChecked: () => {
          this.schemaReady = true;
        },
      },
      options.model,
      options.cleanupOrphans === true && !dryRun,
      report,
    );
  }

  /**
   * An incremental run: only the versions MLflow changed, whose pages were edited or trashed, or whose aliases
   * moved since the previous run (with an overlap for Notion's minute precision and clock skew). A Notion failure
   * is recorded on the versions it touches and makes the next run a full sweep.
   */
  private async incremental(before: SyncState, options: ReconcileOptions, report: ReportBuilder): Promise<IncrementalPlan> {
    const { registry, pages, managedTag } = this.deps;
    const since = before.watermark - Math.max(this.deps.incrementalOverlapMs ?? INCREMENTAL_OVERLAP_MS, MIN_OVERLAP_MS);
    let plan: IncrementalPlan;
    const readAt = this.deps.clock.now();
    try {
      plan = await planIncremental({ registry, pages, managedTag }, before, since);
    } catch (e) {
      if (!isNotionFailure(e)) throw e;
      report.standaloneFailure({ model: '(all models)', system: 'notion', reason: `changed pages could not be read: ${describeError(e)}` });
      return { versions: [], pages: [], existing: new Map(), wholeModels: new Set(), models: [], versionTaggedModels: before.versionTaggedModels };
    }
    report.note(`incremental run: ${plan.versions.length} versions changed since ${new Date(since).toISOString()}`);
    // Only the changed versions were read: every model's list is partial, but the models' aliases are at hand.
    const { ctx, index } = await this.runVersions(plan.versions, { pages: plan.pages }, report, false);
    await options.onRegistryRead?.({ at: readAt, models: plan.models, versions: plan.versions, complete: new Set() });
    const existing = plan.existing;
    await handleOrphans(
      { registry, pages, ownership: ctx.ownership, report },
      index,
      { managedKeys: new Set(plan.versions.map((v) => versionKey(v.name, v.version))), existing: async (model) => existing.get(model) },
      options.cleanupOrphans === true,
    );
    return plan;
  }

  /** Syncs `versions` against the pages listed, model by model under each model's lock. */
  private async runVersions(
    versions: ModelVersion[],
    listing: PageListing,
    report: ReportBuilder,
    dryRun: boolean,
    linked?: ReadonlySet<string>,
  ): Promise<{ ctx: VersionSyncContext; index: PageIndex }> {
    const { registry, logger } = this.deps;
    const { notionUnavailable } = listing;
    const lineage = await this.deps.lineage?.prepare(versions);
    const index = new PageIndex(listing.pages);
    const ownership = new Ownership(versions, linked);
    const ctx: VersionSyncContext = { registry, pages: this.deps.pages, lineage, report, dryRun, ownership, notionUnavailable };
    const snapshot = new Map(versions.map((v) => [versionKey(v.name, v.version), v]));
    const pass = new ModelPass(versions, {
      locks: this.locks,
      pages: this.deps.pages,
      index,
      ownership,
      report,
      logger,
      dryRun,
      freshPagesForAll: listing.incomplete !== undefined,
      pagesUnreadable: notionUnavailable !== undefined,
      syncOne: (v, notionError) =>
        syncOneVersion(notionError === undefined ? ctx : { ...ctx, notionUnavailable: notionError }, v, index.pagesOf(v.name, v.version)),
      pickUp: (model) => this.pickUp(model, snapshot, ctx, index),
    });
    await runPool(versions, this.deps.concurrency ?? DEFAULT_SYNC_CONCURRENCY, (v) => pass.run(v));
    return { ctx, index };
  }

  private finish(builder: ReportBuilder, options: ReconcileOptions): SyncReport {
    const result = builder.finish();
    this.deps.logger.info(
      {
        stats: { created: result.created, updated: result.updated, unchanged: result.unchanged, orphaned: result.orphaned, errors: result.errors },
        durationMs: result.durationMs,
        model: options.model,
        mode: result.mode,
        dryRun: result.dryRun,
      },
      'reconcile finished',
    );
    return result;
  }

  async syncVersion(name: string, version: string): Promise<SyncReport> {
    const report = new ReportBuilder(this.deps.clock, { model: name, version }, false);
    this.noteLineage(report);
    let lock: HeldModelLock | undefined;
    try {
      lock = await this.locks.acquire(name, this.deps.syncOnWriteLockWaitMs ?? SYNC_ON_WRITE_LOCK_WAIT_MS);
      if (!lock) {
        // Mark first, then try once more: the holder checks for marks after releasing, so one of the two sees it.
        await this.locks.markPending(name);
        lock = await this.locks.acquire(name, 0);
      }
    } catch (e) {
      // Without the lock store a race can at worst make a second page of ours, which the next run deduplicates.
      this.deps.logger.warn({ model: name, err: e }, 'model lock not taken; syncing without it');
      report.note(`the lock store could not be reached: synced without the model's lock (${describeError(e)})`);
      return this.syncVersionUnlocked(report, name, version);
    }
    if (!lock) {
      report.deferred({
        model: name,
        version,
        reason: `a sync of ${name} is running: it picks up version ${version} when it is done with ${name}, or the next sync does`,
      });
      return report.finish();
    }
    try {
      return await this.syncVersionUnlocked(report, name, version);
    } finally {
      await lock.release().catch((e: unknown) => this.deps.logger.warn({ model: name, err: e }, 'model lock not released; it expires'));
    }
  }

  private async syncVersionUnlocked(report: ReportBuilder, name: string, version: string): Promise<SyncReport> {
    const { registry } = this.deps;
    let mv: ModelVersion | undefined;
    let model: RegisteredModel | undefined;
    try {
      [mv, model] = await Promise.all([registry.getVersion(name, version), registry.getModel(name)]);
    } catch (e) {
      report.standaloneFailure({ model: name, version, system: 'mlflow', reason: describeError(e) });
      return report.finish();
    }
    if (!mv) {
      report.standaloneFailure({ model: name, version, system: 'mlflow', reason: `MLflow has no version ${version} of model ${name}` });
      return report.finish();
    }
    if (!isManaged(model, mv, this.deps.managedTag)) {
      report.note(`${name} v${version} is not managed (no ${this.deps.managedTag}=true tag): nothing to sync`);
      return report.finish();
    }
    let pages: PageRecord[] = [];
    let notionUnavailable: string | undefined;
    try {
      if (!this.schemaReady) {
        await this.deps.pages.ensureSchema();
        this.schemaReady = true;
      }
      pages = new PageIndex(await this.deps.pages.listPagesOfModel(name)).pagesOf(name, version);
    } catch (e) {
      notionUnavailable = describeError(e);
    }
    const lineage = await this.deps.lineage?.prepare(await this.versionsForLineage(mv));
    const ownership = new Ownership([mv]);
    const ctx: VersionSyncContext = { registry, pages: this.deps.pages, lineage, report, dryRun: false, ownership, notionUnavailable };
    await syncOneVersion(ctx, mv, pages);
    return report.finish();
  }

  /**
   * After a model's turn, what changed in it meanwhile (a single-version sync could not wait and left it
   * pending): its managed versions are read again and the new or changed ones synced against fresh pages.
   */
  private async pickUp(model: string, snapshot: ReadonlyMap<string, ModelVersion>, ctx: VersionSyncContext, index: PageIndex): Promise<void> {
    const { registry, managedTag } = this.deps;
    const [record, listed] = await Promise.all([registry.getModel(model), registry.listVersions(model)]);
    const changed = listed
      .filter((v) => isManaged(record, v, managedTag))
      .filter((v) => {
        const before = snapshot.get(versionKey(v.name, v.version));
        return before === undefined || fingerprint(before) !== fingerprint(v);
      })
      .sort(byModelThenVersion);
    if (changed.length === 0) return;
    index.replaceModel(model, await this.deps.pages.listPagesOfModel(model));
    const lineage: LineageRun | undefined = await this.deps.lineage?.prepare(changed);
    const ownership = new Ownership([...snapshot.values(), ...changed]);
    for (const v of changed) await syncOneVersion({ ...ctx, lineage, ownership }, v, index.pagesOf(v.name, v.version));
  }

  /**
   * The lineage leg needs the model's other versions to know which one holds an exclusive stage; a targeted
   * sync reads them only when ZenML is on and this version holds such a stage.
   */
  private async versionsForLineage(mv: ModelVersion): Promise<ModelVersion[]> {
    if (!this.deps.lineage || (mv.stage !== 'Production' && mv.stage !== 'Staging')) return [mv];
    try {
      return await this.deps.registry.listVersions(mv.name);
    } catch {
      return [mv];
    }
  }

  private noteLineage(report: ReportBuilder): void {
    if (!this.deps.lineage) report.note(NOTE_ZENML_OFF);
  }
}

/** A Notion failure (the incremental listing): recorded, not thrown, like the full sweep's listing failure. */
function isNotionFailure(e: unknown): boolean {
  return isModelsyncError(e) && e.system === 'notion';
}

function randomOwner(): string {
  return `sync-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** What the sync writes from a version: two reads with the same fingerprint need no second sync. */
function fingerprint(v: ModelVersion): string {
  const tags = Object.entries(v.tags).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([v.stage, v.description, v.source, v.lastUpdatedAt, v.aliases ?? null, tags]);
}
