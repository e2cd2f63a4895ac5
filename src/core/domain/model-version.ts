import type { Stage } from './stage';

/** Names of the MLflow version tags this app reads and writes (compatible with ZenML's mlflow_notion flavor). */
export const TAG_NOTION_PAGE_URL = 'notion_page_url';
export const TAG_ZENML_MODEL_URL = 'zenml_model_url';

/** A registered model as the sync needs it. */
export interface RegisteredModel {
  readonly name: string;
  readonly description: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Alias → version, as read with the model (absent when the source did not say). */
  readonly aliases?: Readonly<Record<string, string>>;
  /**
   * Milliseconds since the epoch of the model's last change as MLflow counts it (a version created, deleted or moved
   * between stages, the model's description); aliases and tags do not move it (verified on mlflow 3.17.2).
   */
  readonly lastUpdatedAt?: number;
}

/** One MLflow model version: the source of truth the other systems mirror. */
export interface ModelVersion {
  readonly name: string;
  /** MLflow sends versions as strings; kept as a string to avoid lossy conversions. */
  readonly version: string;
  readonly stage: Stage;
  readonly description: string;
  readonly source: string;
  readonly runId: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly lastUpdatedAt: number;
  readonly userId: string;
  readonly status: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly aliases?: readonly string[];
}

/** A stable key for a (model, version) pair. */
export function versionKey(name: string, version: string): string {
  return `${name}\u0000${version}`;
}

/** True when the model or the version carries the managed tag with value "true". */
export function isManaged(model: Pick<RegisteredModel, 'tags'> | undefined, version: Pick<ModelVersion, 'tags'>, managedTag: string): boolean {
  return model?.tags[managedTag] === 'true' || version.tags[managedTag] === 'true';
}
