import { isManaged, versionKey, type ModelVersion, type RegisteredModel } from '../domain/model-version';
import { describeError } from '../errors';
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { PageRecord, PagesPort } from '../ports/pages.port';
import type { RegistryPort } from '../ports/registry.port';
import type { LineageStep } from './lineage-step';
import { PageIndex } from './page-index';
import { ReportBuilder } from './report-builder';
import { runPool } from './run-pool';
import type { ReconcileOptions, SyncService } from './sync.service';
import type { SyncReport } from './sync-report';
import { syncOneVersion, type VersionSyncContext } from './version-sync';

/** How many versions are synced at once; the adapters' rate limiters, not latency, bound the pace. */
export const DEFAULT_SYNC_CONCURRENCY = 4;

/** What the MLflow side of a run read. */
interface ManagedSet {
  readonly versions: ModelVersion[];
  /** Models whose tag makes every version managed (so their version list is complete). */
  readonly taggedModels: ReadonlySet<string>;
  readonly unreadable: ReadonlySet<string>;
  readonly versionScanComplete: boolean;
}

export const NOTE_ZENML_OFF = 'ZenML is not configured (ZENML_SERVER_URL unset): the lineage leg was skipped';

export interface ReconcilerDeps {
  readonly registry: RegistryPort;
  readonly pages: PagesPort;
  /** Absent when ZenML is not configured. */
  readonly lineage?: LineageStep;
  readonly managedTag: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly concurrency?: number;
}

/** The sync engine: MLflow decides, Notion and ZenML follow. */
export class Reconciler implements SyncService {
  /** Set once the schema was ensured in this process: sync-on-write checks it on first use only. */
  private schemaReady = false;

  constructor(private readonly deps: ReconcilerDeps) {}

  async reconcile(options: ReconcileOptions = {}): Promise<SyncReport> {
    const { registry, logger } = this.deps;
    const dryRun = options.dryRun === true;
    const report = new ReportBuilder(this.deps.clock, options.model ? { model: options.model } : {}, dryRun);
    this.noteLineage(report);

    // MLflow is read first and in full: if it cannot be read there is nothing to sync from, so this throws.
    const managed = await this.readManagedVersions(options.model, report);
    const { versions } = managed;
    const { pages, notionUnavailable } = await this.readPages(options.model);
    if (notionUnavailable) report.note(`Notion could not be read: ${notionUnavailable}`);

    const lineage = await this.deps.lineage?.prepare(versions);
    const index = new PageIndex(pages);
    const ctx: VersionSyncContext = { registry, pages: this.deps.pages, lineage, report, dryRun, notionUnavailable };
    await runPool(versions, this.deps.concurrency ?? DEFAULT_SYNC_CONCURRENCY, (v) => syncOneVersion(ctx, v, index.pagesOf(v.name, v.version)));

    if (!notionUnavailable) await this.handleOrphans(index, managed, options, report);
    const result = report.finish();
    logger.info(
      {
        stats: { created: result.created, updated: result.updated, unchanged: result.unchanged, orphaned: result.orphaned, errors: result.errors },
        durationMs: result.durationMs,
        model: options.model,
        dryRun,
      },
      'reconcile finished',
    );
    return result;
  }

  async syncVersion(name: string, version: string): Promise<SyncReport> {
    const { registry } = this.deps;
    const report = new ReportBuilder(this.deps.clock, { model: name, version }, false);
    this.noteLineage(report);
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
      pages = (await this.deps.pages.listPagesOfModel(name)).filter((p) => p.fields.version === version);
    } catch (e) {
      notionUnavailable = describeError(e);
    }
    const lineage = await this.deps.lineage?.prepare(await this.versionsForLineage(mv));
    const ctx: VersionSyncContext = { registry, pages: this.deps.pages, lineage, report, dryRun: false, notionUnavailable };
    await syncOneVersion(ctx, mv, pages);
    return report.finish();
  }

  /**
   * Managed versions: every version of a tagged model, plus tagged versions of untagged models.
   * The model listing must succeed (else there is nothing to sync from: it throws); a model whose versions
   * cannot be listed is recorded as failed and left out, and its pages are never judged orphans.
   */
  private async readManagedVersions(onlyModel: string | undefined, report: ReportBuilder): Promise<ManagedSet> {
    const { registry, managedTag } = this.deps;
    const models = new Map<string, RegisteredModel>();
    if (onlyModel !== undefined) {
      const model = await registry.getModel(onlyModel);
      if (model) models.set(model.name, model);
    } else {
      for (const m of await registry.listModelsWithTag(managedTag)) models.set(m.name, m);
    }
    const byKey = new Map<string, ModelVersion>();
    const unreadable = new Set<string>();
    const taggedModels = new Set<string>();
    const keep = (model: RegisteredModel, versions: readonly ModelVersion[]) => {
      if (model.tags[managedTag] === 'true') taggedModels.add(model.name);
      for (const v of versions) if (isManaged(model, v, managedTag)) byKey.set(versionKey(v.name, v.version), v);
    };
    try {
      // One request per batch of models; a failure falls back to one listing per model, to isolate the culprit.
      const all = await registry.listVersionsOfModels([...models.values()]);
      for (const model of models.values())
        keep(
          model,
          all.filter((v) => v.name === model.name),
        );
    } catch {
      for (const [name, model] of models) {
        try {
          keep(model, await registry.listVersions(name));
        } catch (e) {
          unreadable.add(name);
          report.standaloneFailure({ model: name, system: 'mlflow', reason: `versions could not be listed: ${describeError(e)}` });
        }
      }
    }
    let versionScanComplete = true;
    if (onlyModel === undefined) {
      try {
        for (const v of await registry.listVersionsWithTag(managedTag)) byKey.set(versionKey(v.name, v.version), v);
      } catch (e) {
        versionScanComplete = false;
        report.standaloneFailure({ model: '(all models)', system: 'mlflow', reason: `tagged versions could not be listed: ${describeError(e)}` });
      }
    }
    const versions = [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name) || Number(a.version) - Number(b.version));
    return { versions, taggedModels, unreadable, versionScanComplete };
  }

  private async readPages(onlyModel?: string): Promise<{ pages: PageRecord[]; notionUnavailable?: string }> {
    try {
      // Every full run re-checks the schema (two reads): someone may have edited the database since.
      await this.deps.pages.ensureSchema();
      this.schemaReady = true;
      const pages = onlyModel === undefined ? await this.deps.pages.listPages() : await this.deps.pages.listPagesOfModel(onlyModel);
      return { pages };
    } catch (e) {
      return { pages: [], notionUnavailable: describeError(e) };
    }
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

  /**
   * Orphans: pages whose model version no longer exists in MLflow. Pages of versions that exist but are not
   * managed are left alone. A tagged model's versions are all known already; other models are listed once each.
   */
  private async handleOrphans(index: PageIndex, managed: ManagedSet, options: ReconcileOptions, report: ReportBuilder): Promise<void> {
    const managedKeys = new Set(managed.versions.map((v) => versionKey(v.name, v.version)));
    const existingByModel = new Map<string, Set<string> | undefined>();
    for (const group of index.groups()) {
      if (managedKeys.has(versionKey(group.model, group.version))) continue;
      if (!existingByModel.has(group.model)) existingByModel.set(group.model, await this.existingVersions(group.model, managed, report));
      const existing = existingByModel.get(group.model);
      if (existing === undefined || existing.has(group.version)) continue;
      for (const page of group.pages) {
        const trash = options.cleanupOrphans === true && !options.dryRun;
        try {
          if (trash) await this.deps.pages.trashPage(page.id);
          report.orphan({ pageId: page.id, url: page.url, model: group.model, version: group.version, trashed: trash });
          if (trash) report.change({ kind: 'orphan_trashed', model: group.model, version: group.version, detail: `orphan page ${page.id} moved to trash` });
        } catch (e) {
          report.standaloneFailure({
            model: group.model,
            version: group.version,
            system: 'notion',
            reason: `orphan page could not be trashed: ${describeError(e)}`,
          });
        }
      }
    }
  }

  /** Version numbers that exist in MLflow for a model; undefined when that cannot be known (then nothing is an orphan). */
  private async existingVersions(model: string, managed: ManagedSet, report: ReportBuilder): Promise<Set<string> | undefined> {
    if (managed.unreadable.has(model)) return undefined;
    if (managed.taggedModels.has(model)) {
      return new Set(managed.versions.filter((v) => v.name === model).map((v) => v.version));
    }
    if (!managed.versionScanComplete) return undefined;
    try {
      return new Set((await this.deps.registry.listVersions(model)).map((v) => v.version));
    } catch (e) {
      report.note(`could not check versions of ${model} for orphans: ${describeError(e)}`);
      return undefined;
    }
  }

  private noteLineage(report: ReportBuilder): void {
    if (!this.deps.lineage) report.note(NOTE_ZENML_OFF);
  }
}
