import { isManaged, versionKey, type ModelVersion, type RegisteredModel } from '../domain/model-version';
import { describeError } from '../errors';
import type { RegistryReader } from '../ports/registry.port';
import type { ReportBuilder } from './report-builder';
import { aliasSnapshotOf, type SyncState } from './sync-state';

/** What the MLflow side of a run read. */
export interface ManagedSet {
  readonly versions: ModelVersion[];
  /** Models whose tag makes every version managed (so their version list is complete). */
  readonly taggedModels: ReadonlySet<string>;
  readonly unreadable: ReadonlySet<string>;
  readonly versionScanComplete: boolean;
  /** The tagged models as listed (with their aliases where MLflow reported them). */
  readonly models: readonly RegisteredModel[];
}

/**
 * Managed versions: every version of a tagged model, plus tagged versions of untagged models.
 * The model listing must succeed (else there is nothing to sync from: it throws); a model whose versions
 * cannot be listed is recorded as failed and left out, and its pages are never judged orphans.
 */
export async function readManagedVersions(
  registry: RegistryReader,
  managedTag: string,
  onlyModel: string | undefined,
  report: ReportBuilder,
): Promise<ManagedSet> {
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
      // The tagged models' answers carry their aliases: only versions of other models need their model read.
      for (const v of await registry.listVersionsWithTag(managedTag, [...models.values()])) byKey.set(versionKey(v.name, v.version), v);
    } catch (e) {
      versionScanComplete = false;
      report.standaloneFailure({ model: '(all models)', system: 'mlflow', reason: `tagged versions could not be listed: ${describeError(e)}` });
    }
  }
  const versions = [...byKey.values()].sort(byModelThenVersion);
  return { versions, taggedModels, unreadable, versionScanComplete, models: [...models.values()] };
}

/**
 * The state a full sweep leaves: watermark at its start, counter reset, and the aliases of every managed model (the
 * tagged models' as listed; for models with tagged versions only, as their versions carried them).
 */
export function stateAfterSweep(managed: ManagedSet, startedAt: number, errors: number): SyncState {
  const aliases = aliasSnapshotOf(managed.models);
  const versionTaggedModels = new Set<string>();
  for (const v of managed.versions) {
    if (managed.taggedModels.has(v.name)) continue;
    versionTaggedModels.add(v.name);
    const own: Record<string, string> = { ...(aliases[v.name] ?? {}) };
    for (const alias of v.aliases ?? []) own[alias] = v.version;
    aliases[v.name] = own;
  }
  return { watermark: startedAt, runsSinceFull: 0, lastHadErrors: errors > 0, aliases, versionTaggedModels: [...versionTaggedModels] };
}

/** Model name, then version number: the order reports list versions in. */
export function byModelThenVersion(a: ModelVersion, b: ModelVersion): number {
  return a.name.localeCompare(b.name) || Number(a.version) - Number(b.version);
}
