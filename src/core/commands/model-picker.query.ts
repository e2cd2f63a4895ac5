import type { RegisteredModel } from '../domain/model-version';
import type { Stage } from '../domain/stage';
import type { RegistryReader } from '../ports/registry.port';
import { sortNewestFirst } from './find-version';

/** Most choices a picker offers at once (Slack's limit for an options list and a static select). */
export const PICKER_MAX_CHOICES = 100;
/** Versions whose run is read for their key metrics (the newest ones; older ones show stage and aliases only). */
export const PICKER_VERSIONS_WITH_METRICS = 10;
/** Metrics named in a version's choice. */
export const PICKER_KEY_METRICS = 2;

/** One version as a picker offers it. */
export interface VersionChoice {
  readonly version: string;
  readonly stage: Stage;
  readonly aliases: readonly string[];
  /** Up to PICKER_KEY_METRICS of its run's metrics, by name (empty when not read or none logged). */
  readonly keyMetrics: readonly { readonly name: string; readonly value: number }[];
}

/**
 * What a chat form offers to choose from: managed models matching what was typed, and a model's versions. Reads go
 * through the registry it is given (the cached one in the app: type-ahead answers from the shared short cache and
 * coalesced reads, so a person typing does not make one MLflow search per key). The same lists decide, on
 * submission, whether a choice was one that was offered.
 */
export class ModelPickerQuery {
  constructor(
    private readonly deps: {
      /** The cached registry: what the picker offers. */
      readonly registry: RegistryReader;
      readonly managedTag: string;
      /** The fresh registry: asked on submission only when the cached lists lack a choice (made in the last seconds). */
      readonly fresh?: RegistryReader;
    },
  ) {}

  /** Managed models whose name contains `typed` (any case): names starting with it first, then by name. */
  async models(typed: string): Promise<string[]> {
    const wanted = typed.trim().toLowerCase();
    const names = await this.managedNames();
    const matching = names.filter((n) => n.toLowerCase().includes(wanted));
    const starts = (n: string): number => (n.toLowerCase().startsWith(wanted) ? 0 : 1);
    return matching.sort((a, b) => starts(a) - starts(b) || a.localeCompare(b)).slice(0, PICKER_MAX_CHOICES);
  }

  /** True when `model` is a managed model (what the model picker offers), by the cache or else a fresh read. */
  async isOffered(model: string): Promise<boolean> {
    if ((await this.managedNames()).includes(model)) return true;
    const { fresh, managedTag } = this.deps;
    const found = fresh && (await fresh.getModel(model));
    if (!fresh || !found) return false;
    return found.tags[managedTag] === 'true' || (await fresh.listVersions(model)).some((v) => v.tags[managedTag] === 'true');
  }

  /** True when `version` is one of the versions offered for `model` (its newest PICKER_MAX_CHOICES). */
  async isVersionOffered(model: string, version: string): Promise<boolean> {
    if (newestNumbers(await this.deps.registry.listVersions(model)).includes(version)) return true;
    const fresh = this.deps.fresh;
    return fresh !== undefined && newestNumbers(await fresh.listVersions(model)).includes(version);
  }

  /** The stage a version holds now (a fresh read when there is one: asked on submission only); undefined if it is gone. */
  async stageOf(model: string, version: string): Promise<Stage | undefined> {
    return (await (this.deps.fresh ?? this.deps.registry).getVersion(model, version))?.stage;
  }

  /** A model's versions, newest first, with stage, aliases and (for the newest) key metrics. */
  async versions(model: string): Promise<VersionChoice[]> {
    const { registry } = this.deps;
    const newest = sortNewestFirst(await registry.listVersions(model)).slice(0, PICKER_MAX_CHOICES);
    return Promise.all(
      newest.map(async (v, i) => {
        const run = i < PICKER_VERSIONS_WITH_METRICS && v.runId ? await registry.getRun(v.runId).catch(() => undefined) : undefined;
        const keyMetrics = Object.entries(run?.metrics ?? {})
          .sort(([a], [b]) => a.localeCompare(b))
          .slice(0, PICKER_KEY_METRICS)
          .map(([name, value]) => ({ name, value }));
        return { version: v.version, stage: v.stage, aliases: [...(v.aliases ?? [])].sort(), keyMetrics };
      }),
    );
  }

  /** Managed by the tag on the model or on any of its versions, as the list query counts them. */
  private async managedNames(): Promise<string[]> {
    const { registry, managedTag } = this.deps;
    const [models, versions]: [RegisteredModel[], { name: string }[]] = await Promise.all([
      registry.listModelsWithTag(managedTag),
      registry.listVersionsWithTag(managedTag),
    ]);
    return [...new Set([...models.map((m) => m.name), ...versions.map((v) => v.name)])];
  }
}

function newestNumbers(versions: readonly { readonly version: string }[]): string[] {
  return [...versions]
    .sort((a, b) => Number(b.version) - Number(a.version))
    .slice(0, PICKER_MAX_CHOICES)
    .map((v) => v.version);
}
