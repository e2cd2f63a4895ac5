import { isManaged, versionKey, type ModelVersion, type RegisteredModel } from '../domain/model-version';
import type { PageRecord, PagesPort, VersionRef } from '../ports/pages.port';
import type { RegistryReader } from '../ports/registry.port';
import { byModelThenVersion } from './managed-versions';
import { isBlankRow } from './page-index';
import { aliasSnapshotOf, versionsWithMovedAliases, type SyncState } from './sync-state';

/** What an incremental run syncs, and what it read to decide. */
export interface IncrementalPlan {
  /** Managed versions to sync, with their aliases where MLflow reported them. */
  readonly versions: ModelVersion[];
  /** The non-trashed pages of those versions and of every version a page edit named. */
  readonly pages: PageRecord[];
  /** Every version that exists in MLflow, for the models read in full (the only ones orphans are judged for). */
  readonly existing: ReadonlyMap<string, ReadonlySet<string>>;
  /** Models read in full (newly managed, changed in ways no version shows, or no longer listed). */
  readonly wholeModels: ReadonlySet<string>;
  /** The managed models as read now, for the next run's alias comparison. */
  readonly models: readonly RegisteredModel[];
  readonly versionTaggedModels: readonly string[];
}

export interface IncrementalPlanDeps {
  readonly registry: RegistryReader;
  readonly pages: PagesPort;
  readonly managedTag: string;
}

/**
 * Decides what an incremental run looks at, reading only what changed since `sinceMs`:
 * - MLflow: the tagged models (one request per 1,000; they carry aliases and their last change), versions changed
 *   since (newest first, stopping at the first older one), and the models with tagged versions only (batched).
 * - Notion: pages edited or trashed since (one query for both), then the pages of every version to sync.
 * A version is synced when MLflow changed it, a page of it was edited or trashed, or an alias of it moved. A model is
 * read in full (all versions, all pages) when it is newly managed, when it changed without any listed version
 * showing it (a version deleted), or when it is no longer listed (deleted or untagged): that finds its orphans.
 * What none of these show (a tag removed from a version, a page deleted for good) waits for the next full sweep.
 */
export async function planIncremental(deps: IncrementalPlanDeps, state: SyncState, sinceMs: number): Promise<IncrementalPlan> {
  const { registry, pages, managedTag } = deps;
  const tagged = await registry.listModelsWithTag(managedTag);
  const changed = await registry.listVersionsChangedSince(sinceMs);
  const taggedNames = new Set(tagged.map((m) => m.name));
  const otherNames = new Set(state.versionTaggedModels.filter((n) => !taggedNames.has(n)));
  for (const v of changed) if (!taggedNames.has(v.name) && v.tags[managedTag] === 'true') otherNames.add(v.name);
  const others = otherNames.size > 0 ? await registry.getModels([...otherNames]) : [];
  const models = new Map([...tagged, ...others].map((m) => [m.name, m]));

  const wanted = new Map<string, VersionRef>();
  const want = (model: string, version: string) => wanted.set(versionKey(model, version), { model, version });
  const fresh = new Map<string, ModelVersion>();
  for (const v of changed) {
    if (!isManaged(models.get(v.name), v, managedTag)) continue;
    want(v.name, v.version);
    fresh.set(versionKey(v.name, v.version), withModelAliases(v, models.get(v.name)));
  }
  const wholeModels = new Set<string>();
  for (const m of models.values()) {
    const before = state.aliases[m.name];
    if (before === undefined && taggedNames.has(m.name)) wholeModels.add(m.name);
    for (const version of versionsWithMovedAliases(before ?? {}, m.aliases ?? {})) want(m.name, version);
    if ((m.lastUpdatedAt ?? 0) >= sinceMs && !changed.some((v) => v.name === m.name && v.lastUpdatedAt >= (m.lastUpdatedAt ?? 0))) wholeModels.add(m.name);
  }
  for (const name of Object.keys(state.aliases)) if (!models.has(name)) wholeModels.add(name);

  for (const p of await pages.listPagesEditedSince(new Date(sinceMs).toISOString())) {
    if (!isBlankRow(p)) want(p.fields.modelName, p.fields.version);
  }

  // MLflow's side of the versions a page or an alias named, and of the models read in full.
  const toRead = new Set(wholeModels);
  for (const [key, ref] of wanted) if (!fresh.has(key)) toRead.add(ref.model);
  const listed = toRead.size > 0 ? await registry.listVersionsOfModels([...toRead].map((n) => models.get(n) ?? { name: n, description: '', tags: {} })) : [];
  const existing = new Map<string, Set<string>>([...toRead].map((n) => [n, new Set<string>()]));
  for (const v of listed) {
    existing.get(v.name)?.add(v.version);
    const key = versionKey(v.name, v.version);
    if ((wholeModels.has(v.name) || wanted.has(key)) && isManaged(models.get(v.name), v, managedTag)) fresh.set(key, v);
  }

  const refs = [...wanted.values()].filter((r) => !wholeModels.has(r.model));
  const found = refs.length > 0 ? await pages.listPagesOfVersions(refs) : [];
  for (const model of wholeModels) found.push(...(await pages.listPagesOfModel(model)));

  return {
    versions: [...fresh.values()].sort(byModelThenVersion),
    pages: found,
    existing,
    wholeModels,
    models: [...models.values()],
    versionTaggedModels: [...otherNames].filter((n) => models.has(n)),
  };
}

/** A version listed without aliases, given its model's (unknown stays unknown: the model's answer did not say). */
function withModelAliases(v: ModelVersion, model: RegisteredModel | undefined): ModelVersion {
  if (v.aliases !== undefined || model?.aliases === undefined) return v;
  const aliases = Object.entries(model.aliases)
    .filter(([, version]) => version === v.version)
    .map(([alias]) => alias)
    .sort();
  return { ...v, aliases };
}

/** The state an incremental run leaves: the same counters moved on, and the aliases it saw. */
export function stateAfterIncremental(before: SyncState, plan: IncrementalPlan, startedAt: number, hadErrors: boolean): SyncState {
  return {
    watermark: startedAt,
    runsSinceFull: before.runsSinceFull + 1,
    lastHadErrors: hadErrors,
    aliases: aliasSnapshotOf(plan.models),
    versionTaggedModels: plan.versionTaggedModels,
  };
}
