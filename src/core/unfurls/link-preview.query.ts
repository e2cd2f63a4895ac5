import type { ModelVersion } from '../domain/model-version';
import { metricDirection, type MetricDirection } from '../domain/metric-direction';
import { sortNewestFirst } from '../commands/find-version';
import type { VersionLinks } from '../notifications/stage-change';
import { linksOf } from '../notifications/version-links';
import type { RegistryReader } from '../ports/registry.port';

/** Links previewed per shared message; more are left as plain links (one message cannot make the app flood MLflow). */
export const MAX_PREVIEWS_PER_MESSAGE = 5;
/** Metrics shown in a version's preview: those with a known direction first, then by name. */
export const PREVIEW_MAX_METRICS = 6;

/** One metric of a preview. */
export interface KeyMetric {
  readonly name: string;
  readonly value: number;
  readonly direction: MetricDirection;
}

/** What a shared registry link is previewed as. */
export type LinkPreview =
  | {
      readonly kind: 'version';
      readonly url: string;
      readonly version: ModelVersion;
      readonly links: VersionLinks;
      readonly metrics: readonly KeyMetric[];
    }
  | {
      readonly kind: 'model';
      readonly url: string;
      readonly model: string;
      readonly modelUrl: string;
      readonly versionCount: number;
      readonly latest?: ModelVersion;
      readonly production: readonly string[];
      readonly staging: readonly string[];
      readonly aliases: readonly { readonly alias: string; readonly version: string }[];
    };

/**
 * Previews of registry pages shared in chat (a model's or a version's page): stage, aliases, key metrics and the
 * three links. Reads go through the registry it is given, the cached view in the app, so a link pasted in a busy
 * channel costs MLflow little. Links that are not this registry's pages, or name a model or version that does not
 * exist, get no preview (the chat shows them as plain links).
 */
export class LinkPreviewQuery {
  constructor(private readonly deps: { registry: RegistryReader }) {}

  async execute(urls: readonly string[]): Promise<LinkPreview[]> {
    const distinct = [...new Set(urls)].slice(0, MAX_PREVIEWS_PER_MESSAGE);
    const previews = await Promise.all(distinct.map((url) => this.preview(url)));
    return previews.filter((p): p is LinkPreview => p !== undefined);
  }

  private async preview(url: string): Promise<LinkPreview | undefined> {
    const { registry } = this.deps;
    const target = registry.linkTarget(url);
    if (!target) return undefined;
    if (target.version !== undefined) {
      const version = await registry.getVersion(target.model, target.version);
      if (!version) return undefined;
      const run = version.runId ? await registry.getRun(version.runId) : undefined;
      return { kind: 'version', url, version, links: linksOf(registry, version), metrics: keyMetrics(run?.metrics ?? {}) };
    }
    if (!(await registry.getModel(target.model))) return undefined;
    const versions = sortNewestFirst(await registry.listVersions(target.model));
    return {
      kind: 'model',
      url,
      model: target.model,
      modelUrl: registry.modelUrl(target.model),
      versionCount: versions.length,
      latest: versions[0],
      production: versions.filter((v) => v.stage === 'Production').map((v) => v.version),
      staging: versions.filter((v) => v.stage === 'Staging').map((v) => v.version),
      aliases: versions.flatMap((v) => (v.aliases ?? []).map((alias) => ({ alias, version: v.version }))).sort((a, b) => a.alias.localeCompare(b.alias)),
    };
  }
}

/** The metrics worth a glance: those whose direction is known first (they carry a verdict elsewhere), then by name. */
export function keyMetrics(metrics: Readonly<Record<string, number>>): KeyMetric[] {
  return Object.entries(metrics)
    .map(([name, value]) => ({ name, value, direction: metricDirection(name) }))
    .sort((a, b) => Number(a.direction === 'unknown') - Number(b.direction === 'unknown') || a.name.localeCompare(b.name))
    .slice(0, PREVIEW_MAX_METRICS);
}
