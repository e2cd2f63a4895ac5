import type { ModelVersion } from '../domain/model-version';
import type { LookupRefusal } from '../outcomes/refusal';
import type { RegistryReader } from '../ports/registry.port';
import { modelMissing, type ModelHints } from './model-hints';

/** A version, or why there is none. */
export type VersionLookup = { readonly found: true; readonly version: ModelVersion } | { readonly found: false; readonly refusal: LookupRefusal };

/** Looks a version up and, when missing, says precisely what exists (no such model; no such version, the latest being 5). */
export async function findVersion(registry: RegistryReader, model: string, version: string, hints?: ModelHints): Promise<VersionLookup> {
  const mv = await registry.getVersion(model, version);
  if (mv) return { found: true, version: mv };
  const rm = await registry.getModel(model);
  if (!rm) return { found: false, refusal: await modelMissing(model, hints) };
  const latest = latestVersion(await registry.listVersions(model));
  return { found: false, refusal: { code: 'version_missing', model, version, ...(latest === undefined ? {} : { latest }) } };
}

/** The highest version number, compared numerically. */
export function latestVersion(versions: readonly ModelVersion[]): string | undefined {
  return sortNewestFirst(versions)[0]?.version;
}

/** Versions newest first (by number, as MLflow numbers them in order). */
export function sortNewestFirst(versions: readonly ModelVersion[]): ModelVersion[] {
  return [...versions].sort((a, b) => Number(b.version) - Number(a.version));
}
