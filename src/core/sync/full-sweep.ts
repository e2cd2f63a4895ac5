import { isManaged, type ModelVersion, type RegisteredModel } from '../domain/model-version';
import { describeError } from '../errors';
import { isPageListingIncomplete, type PageRecord, type PagesPort, type VersionRef } from '../ports/pages.port';
import type { SyncRegistry } from '../ports/registry.port';
import { desiredFields } from './desired-fields';
import { byModelThenVersion, type ManagedSet } from './managed-versions';
import { handleOrphans, type OrphanScope } from './orphans';
import { addLinkedIds, Ownership } from './ownership';
import { fieldsDigest, PageStubIndex, type PageStub } from './page-stubs';
import type { ReportBuilder } from './report-builder';
import { SweepBatches, type Batch } from './sweep-batches';
import type { RegistryRead } from './sync.service';

/** What the Notion side of a run read. */
export interface PageListing {
  readonly pages: PageRecord[];
  readonly notionUnavailable?: string;
  /** The bulk listing stopped early: every model's pages are read one model at a time instead. */
  readonly incomplete?: string;
}

export interface FullSweepDeps {
  readonly registry: SyncRegistry;
  readonly pages: PagesPort;
  readonly managedTag: string;
  readonly batchModels: number;
  /**
   * Syncs a batch of versions against the pages listed for them (the reconciler's model-by-model pass); `linked`: page
   * ids earlier batches' versions link to, owned too.
   */
  readonly runVersions: (versions: ModelVersion[], listing: PageListing, linked: ReadonlySet<string>) => Promise<void>;
  /** Called once the schema was checked, so sync-on-write need not check it again. */
  readonly schemaChecked: () => void;
  /** Told what each batch read from MLflow once the batch is synced (the guard compares it); the sweep waits for it. */
  readonly batchDone?: (read: RegistryRead) => void | Promise<void>;
  readonly now: () => number;
}

/**
 * A full sweep in model batches with bounded memory. Notion is listed once (ceil(N/100) queries, like listPages), but
 * only a stub of each page is kept (PageStubIndex); MLflow is read one batch of models at a time (`name IN (…)`, about
 * 1,000 versions a batch: sweep-batches.ts; the next batch is read while this one syncs). In each batch a version
 * whose one owned page's digest equals what MLflow wants gets that page rebuilt from its stub; every other page of the
 * batch is read again in full (`listPagesOfVersions`, 50 versions a query) before anything is written. The batch is
 * synced by the usual model-by-model pass, then let go. The pages left in the index at the end name no managed
 * version: the orphans' candidates. Returns what MLflow said, for the next run's state (of the versions, only those
 * of models that are not tagged).
 */
export async function fullSweep(deps: FullSweepDeps, onlyModel: string | undefined, cleanupOrphans: boolean, report: ReportBuilder): Promise<ManagedSet> {
  const { registry, managedTag } = deps;
  // Notion's schema check and first page of the listing run beside MLflow's first reads; the listing ends only after
  // MLflow's first batch is read, so a page written after the listing (a sync-on-write) is newer than that MLflow
  // answer, as the model pass expects. If MLflow cannot be read there is nothing to sync from: this throws, and the
  // listing stops after its first page.
  let mlflowFailed = false;
  let mlflowRead!: () => void;
  const firstRead = new Promise<void>((resolve) => (mlflowRead = resolve));
  const listing = readStubs(deps, onlyModel, () => mlflowFailed, firstRead);
  const models = new Map<string, RegisteredModel>();
  try {
    if (onlyModel !== undefined) {
      const model = await registry.getModel(onlyModel);
      if (model) models.set(model.name, model);
    } else {
      for (const m of await registry.listModelsWithTag(managedTag)) models.set(m.name, m);
    }
  } catch (e) {
    mlflowFailed = true;
    mlflowRead();
    throw e;
  }
  const taggedModels = new Set<string>();
  for (const m of models.values()) if (m.tags[managedTag] === 'true') taggedModels.add(m.name);
  // Tagged models first, in batches of whole models; the first batch is read while the rest is listed.
  const batches = new SweepBatches(
    [...models.values()].filter((m) => onlyModel !== undefined || taggedModels.has(m.name)),
    deps.batchModels,
  );
  const unreadable = new Set<string>();
  const read = (b: Batch | undefined): Promise<BatchRead> | undefined => {
    if (b === undefined) return undefined;
    const at = deps.now();
    return versionsOf(deps, b, unreadable, report).then((v) => ({ batch: b, at, versions: batches.read(b, v) }));
  };
  let next = read(batches.take());
  next?.catch(() => undefined);
  let versionScanComplete = true;
  let untagged: ModelVersion[] = [];
  if (onlyModel === undefined) {
    try {
      // The tagged models' answers carry their aliases: only versions of other models need their model read.
      const taggedVersions = await registry.listVersionsWithTag(managedTag, [...models.values()]);
      untagged = taggedVersions.filter((v) => !taggedModels.has(v.name));
    } catch (e) {
      versionScanComplete = false;
      report.standaloneFailure({ model: '(all models)', system: 'mlflow', reason: `tagged versions could not be listed: ${describeError(e)}` });
    }
  }
  // Then the models that only have tagged versions, whose versions are at hand.
  batches.addGiven(untagged);
  next ??= read(batches.take());
  void (next ?? Promise.resolve()).then(mlflowRead, mlflowRead);

  const { index, notionUnavailable, incomplete } = await listing;
  if (notionUnavailable) report.note(`Notion could not be read: ${notionUnavailable}`);
  if (incomplete) report.note(`${incomplete} Pages were read model by model instead; orphans were not looked for.`);
  const linked = new Set<string>();
  /** Versions of the tagged models that keep pages of no managed version (the orphans' check needs them). */
  const existingOfTagged = new Map<string, Set<string>>();
  while (next !== undefined) {
    const { batch, at, versions } = await next;
    // The next batch is read from MLflow while this one syncs (and the one done is let go).
    next = read(batches.take());
    next?.catch(() => undefined);
    const managed = versions.filter((v) => isManaged(models.get(v.name), v, managedTag)).sort(byModelThenVersion);
    const ownership = new Ownership(managed, linked);
    const batchListing = await batchPages(deps, managed, index, ownership, { notionUnavailable, incomplete });
    for (const name of new Set(versions.map((v) => v.name))) {
      if (taggedModels.has(name) && index.hasModel(name)) {
        existingOfTagged.set(name, new Set(versions.filter((v) => v.name === name).map((v) => v.version)));
      }
    }
    await deps.runVersions(managed, batchListing, linked);
    addLinkedIds(linked, managed);
    const complete = new Set(batch.tagged.map((m) => m.name).filter((m) => !unreadable.has(m)));
    await deps.batchDone?.({ at, models: batch.tagged, versions, complete });
  }

  if (!notionUnavailable && !incomplete) {
    const scope: OrphanScope = {
      managedKeys: new Set(),
      existing: async (model) => {
        if (unreadable.has(model)) return undefined;
        if (taggedModels.has(model)) return existingOfTagged.get(model) ?? new Set();
        if (!versionScanComplete) return undefined;
        try {
          return new Set((await registry.listVersions(model)).map((v) => v.version));
        } catch (e) {
          report.note(`could not check versions of ${model} for orphans: ${describeError(e)}`);
          return undefined;
        }
      },
    };
    await handleOrphans({ registry, pages: deps.pages, ownership: new Ownership([], linked), report }, index, scope, cleanupOrphans);
  }
  return { versions: untagged, taggedModels, unreadable, versionScanComplete, models: [...models.values()].filter((m) => taggedModels.has(m.name)) };
}

/** What one batch read: its versions, and when the reading started. */
interface BatchRead {
  readonly batch: Batch;
  readonly at: number;
  readonly versions: ModelVersion[];
}

/**
 * A batch's versions. One request per batch of models; a failure falls back to one listing per model, to isolate the
 * culprit: a model that cannot be read is recorded as failed and left out, and its pages are never judged orphans.
 */
async function versionsOf(deps: FullSweepDeps, batch: Batch, unreadable: Set<string>, report: ReportBuilder): Promise<ModelVersion[]> {
  if (batch.tagged.length === 0) return batch.given;
  try {
    return [...(await deps.registry.listVersionsOfModels(batch.tagged)), ...batch.given];
  } catch {
    const found: ModelVersion[] = [...batch.given];
    for (const model of batch.tagged) {
      try {
        found.push(...(await deps.registry.listVersions(model.name)));
      } catch (e) {
        unreadable.add(model.name);
        report.standaloneFailure({ model: model.name, system: 'mlflow', reason: `versions could not be listed: ${describeError(e)}` });
      }
    }
    return found;
  }
}

/** The Notion listing as stubs (one model's pages for a one-model sweep); a failure is recorded, never thrown. */
async function readStubs(
  deps: FullSweepDeps,
  onlyModel: string | undefined,
  abandoned: () => boolean,
  mlflowFirst: Promise<void>,
): Promise<{ index: PageStubIndex; notionUnavailable?: string; incomplete?: string }> {
  const index = new PageStubIndex();
  try {
    // Every full run re-checks the schema (two reads): someone may have edited the database since.
    await deps.pages.ensureSchema();
    deps.schemaChecked();
    if (onlyModel !== undefined) index.add(await deps.pages.listPagesOfModel(onlyModel));
    else
      for await (const chunk of deps.pages.scanPages()) {
        index.add(chunk);
        // The first page is read beside MLflow; the listing goes on (and so ends) only once MLflow's first batch is in.
        await mlflowFirst;
        if (abandoned()) break;
      }
    await mlflowFirst;
    return { index };
  } catch (e) {
    if (isPageListingIncomplete(e)) return { index: new PageStubIndex(), incomplete: e.message };
    return { index: new PageStubIndex(), notionUnavailable: describeError(e) };
  }
}

/**
 * The pages a batch is synced against: rebuilt from its stub where the one owned page already says what MLflow
 * wants, read again in full for every other version that has pages (none: nothing to read; the model pass reads
 * the model again under its lock before creating). A failed re-read keeps the whole batch from writing Notion.
 */
async function batchPages(
  deps: FullSweepDeps,
  versions: readonly ModelVersion[],
  index: PageStubIndex,
  ownership: Ownership,
  listing: Omit<PageListing, 'pages'>,
): Promise<PageListing> {
  const pages: PageRecord[] = [];
  const reread: VersionRef[] = [];
  for (const v of versions) {
    const stubs = index.take(v.name, v.version);
    if (stubs.length === 0) continue;
    const rebuilt = stubs.length === 1 && ownership.owns(stubs[0] as PageStub) ? fromStub(deps, v, stubs[0] as PageStub) : undefined;
    if (rebuilt) pages.push(rebuilt);
    else reread.push({ model: v.name, version: v.version });
  }
  if (listing.notionUnavailable || listing.incomplete || reread.length === 0) return { ...listing, pages };
  try {
    pages.push(...(await deps.pages.listPagesOfVersions(reread)));
    return { pages };
  } catch (e) {
    return { pages: [], notionUnavailable: `the pages of this batch could not be read again before writing: ${describeError(e)}` };
  }
}

/** The page as it is, when its stub's digest says it holds what MLflow wants (ZenML's URL as the tag records it). */
function fromStub(deps: FullSweepDeps, v: ModelVersion, stub: PageStub): PageRecord | undefined {
  const wanted = deps.pages.normalize(desiredFields(v, { mlflowUrl: deps.registry.versionUrl(v.name, v.version), zenmlUrl: null }));
  const fields = { ...wanted, aliases: [...(stub.aliases ?? [])] };
  if (fieldsDigest({ ...wanted, aliases: wanted.aliases ?? stub.aliases ?? [] }) !== stub.digest) return undefined;
  return { id: stub.id, url: stub.url, createdTime: stub.createdTime, authorship: stub.authorship, fields };
}
