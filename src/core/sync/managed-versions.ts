import type { ModelVersion, RegisteredModel } from '../domain/model-version';
import { aliasSnapshotOf, type SyncState } from './sync-state';

/** What the MLflow side of a full sweep read, as the next run's state needs it. */
export interface ManagedSet {
  /** The managed versions of models that are not tagged (a tagged model's versions are let go with their batch). */
  readonly versions: ModelVersion[];
  /** Models whose tag makes every version managed (so their version list is complete). */
  readonly taggedModels: ReadonlySet<string>;
  readonly unreadable: ReadonlySet<string>;
  readonly versionScanComplete: boolean;
  /** The tagged models as listed (with their aliases where MLflow reported them). */
  readonly models: readonly RegisteredModel[];
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
