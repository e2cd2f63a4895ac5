import type { ModelVersion } from '../domain/model-version';
import type { RegistryReader } from '../ports/registry.port';

/**
 * The aliases to write when MLflow's answers did not report the version's aliases (search answers never do, and
 * MLflow leaves an empty list out of the model's answer): each alias the page shows is looked up by name.
 * Kept when it still points at this version or the lookup fails (unknown stays as it is); dropped when MLflow
 * says it is gone or on another version. Undefined means "leave the column as it is".
 */
export async function confirmPageAliases(
  registry: Pick<RegistryReader, 'getVersionByAlias'>,
  version: Pick<ModelVersion, 'name' | 'version'>,
  pageAliases: readonly string[],
): Promise<string[] | undefined> {
  if (pageAliases.length === 0) return undefined;
  const kept: string[] = [];
  for (const alias of pageAliases) {
    try {
      const holder = await registry.getVersionByAlias(version.name, alias);
      if (holder?.version === version.version) kept.push(alias);
    } catch {
      kept.push(alias);
    }
  }
  return kept.length === pageAliases.length ? undefined : kept.sort();
}
