import type { RegistryReader } from '../ports/registry.port';
import { sortNewestFirst } from './find-version';

/** One managed model as the list query shows it. */
export interface ModelSummary {
  readonly name: string;
  readonly url: string;
  readonly production: readonly string[];
  readonly staging: readonly string[];
  readonly latest?: string;
  readonly versionCount: number;
}

/** The list query: managed models (by the managed tag on the model or on any version) with their Production/Staging versions. */
export class ListQuery {
  constructor(private readonly deps: { registry: RegistryReader; managedTag: string }) {}

  async execute(): Promise<ModelSummary[]> {
    const { registry, managedTag } = this.deps;
    const [models, versions] = await Promise.all([registry.listModelsWithTag(managedTag), registry.listVersionsWithTag(managedTag)]);
    const names = [...new Set([...models.map((m) => m.name), ...versions.map((v) => v.name)])].sort();
    const summaries: ModelSummary[] = [];
    for (const name of names) {
      const all = sortNewestFirst(await registry.listVersions(name));
      summaries.push({
        name,
        url: registry.modelUrl(name),
        production: all.filter((v) => v.stage === 'Production').map((v) => v.version),
        staging: all.filter((v) => v.stage === 'Staging').map((v) => v.version),
        latest: all[0]?.version,
        versionCount: all.length,
      });
    }
    return summaries;
  }
}
