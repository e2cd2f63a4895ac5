import type { ModelVersion } from '../domain/model-version';
import type { RegistryPort } from '../ports/registry.port';

/** A version, or the sentence explaining why there is none. */
export type VersionLookup = { readonly found: true; readonly version: ModelVersion } | { readonly found: false; readonly reason: string };

/** Looks a version up and, when missing, says precisely what exists ("model churn has no version 9 (latest is 5)"). */
export async function findVersion(registry: RegistryPort, model: string, version: string): Promise<VersionLookup> {
  const mv = await registry.getVersion(model, version);
  if (mv) return { found: true, version: mv };
  const rm = await registry.getModel(model);
  if (!rm) return { found: false, reason: `There is no registered model named ${model}. \`/model list\` shows the managed models.` };
  const versions = await registry.listVersions(model);
  const latest = latestVersion(versions);
  return {
    found: false,
    reason: latest === undefined ? `model ${model} has no versions yet` : `model ${model} has no version ${version} (latest is ${latest})`,
  };
}

/** The highest version number, compared numerically. */
export function latestVersion(versions: readonly ModelVersion[]): string | undefined {
  return sortNewestFirst(versions)[0]?.version;
}

/** Versions newest first (by number, as MLflow numbers them in order). */
export function sortNewestFirst(versions: readonly ModelVersion[]): ModelVersion[] {
  return [...versions].sort((a, b) => Number(b.version) - Number(a.version));
}
