import { TAG_NOTION_PAGE_URL, TAG_ZENML_MODEL_URL, type ModelVersion } from '../domain/model-version';
import type { RegistryLinks } from '../ports/registry.port';
import type { VersionLinks } from './stage-change';

/** The three links of a version: MLflow always, Notion and ZenML from the cross-link tags the sync writes. */
export function linksOf(registry: RegistryLinks, version: ModelVersion): VersionLinks {
  return {
    mlflow: registry.versionUrl(version.name, version.version),
    notion: version.tags[TAG_NOTION_PAGE_URL] ?? null,
    zenml: version.tags[TAG_ZENML_MODEL_URL] ?? null,
  };
}
