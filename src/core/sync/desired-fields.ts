import { TAG_NOTION_PAGE_URL, TAG_ZENML_MODEL_URL, type ModelVersion } from '../domain/model-version';
import type { PageFields } from '../ports/pages.port';
import { TAG_LAST_DECISION } from '../history/last-decision';

/** Links known for a version when its page is written. */
export interface VersionLinks {
  readonly mlflowUrl: string;
  /** The ZenML twin's page, if resolved this run or recorded earlier as an MLflow tag. */
  readonly zenmlUrl: string | null;
}

/** What the Notion row of a version should say: MLflow decides every field. */
export function desiredFields(version: ModelVersion, links: VersionLinks): PageFields {
  return {
    modelName: version.name,
    version: version.version,
    stage: version.stage,
    sourceUri: version.source === '' ? null : version.source,
    description: version.description,
    createdAt: Number.isFinite(version.createdAt) && version.createdAt > 0 ? new Date(version.createdAt).toISOString() : null,
    mlflowUrl: links.mlflowUrl,
    zenmlUrl: links.zenmlUrl ?? version.tags[TAG_ZENML_MODEL_URL] ?? null,
    // Unknown (MLflow did not report them) stays unknown: the column is left alone, not cleared.
    aliases: version.aliases && [...version.aliases].sort(),
    lastDecision: version.tags[TAG_LAST_DECISION] ?? '',
  };
}

/** The names of fields that differ (empty when the page is up to date); fields left unknown are never "changed". */
export function changedFields(current: PageFields, wanted: PageFields): (keyof PageFields)[] {
  const keys = Object.keys(wanted) as (keyof PageFields)[];
  return keys.filter((k) => wanted[k] !== undefined && !sameValue(k, current[k], wanted[k]));
}

function sameValue(key: keyof PageFields, a: unknown, b: unknown): boolean {
  if (key === 'aliases') return [...((a ?? []) as string[])].sort().join('\u0000') === [...(b as string[])].sort().join('\u0000');
  if (key === 'createdAt') return sameInstant(a as string | null, b as string | null);
  return (a ?? null) === (b ?? null);
}

/** Notion may return a date with another precision or offset: compare instants, not strings. */
function sameInstant(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return Date.parse(a) === Date.parse(b);
}

/** The page URL recorded on the MLflow version, if any. */
export function recordedPageUrl(version: ModelVersion): string | undefined {
  return version.tags[TAG_NOTION_PAGE_URL];
}
