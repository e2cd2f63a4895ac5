import type { ModelVersion, RegisteredModel } from '../domain/model-version';
import type { Stage } from '../domain/stage';

/** A run's logged values, used by approval requests and promotion gates. */
export interface RunSummary {
  readonly runId: string;
  readonly metrics: Readonly<Record<string, number>>;
  readonly params: Readonly<Record<string, string>>;
}

/** Input to create a model version. */
export interface NewModelVersion {
  readonly name: string;
  readonly source: string;
  readonly runId?: string;
  readonly description?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The model registry (MLflow): the source of truth. Implemented by src/adapters/mlflow.
 * Errors are thrown as the adapter's typed errors; `getVersion`/`getModel` return undefined for "not found".
 */
export interface RegistryPort {
  /** Registered models carrying `tag`="true" (all pages). */
  listModelsWithTag(tag: string): Promise<RegisteredModel[]>;
  /** Versions carrying `tag`="true" across all models (all pages). */
  listVersionsWithTag(tag: string): Promise<ModelVersion[]>;
  /** Every version of one model (all pages). */
  listVersions(name: string): Promise<ModelVersion[]>;
  /**
   * Every version of these models, in as few requests as the registry allows (MLflow: `name IN (…)`, all pages).
   * The models' own `aliases`, when given, spare re-reading them. Throws if any part fails: callers that need
   * per-model isolation fall back to `listVersions`.
   */
  listVersionsOfModels(models: readonly RegisteredModel[]): Promise<ModelVersion[]>;
  getModel(name: string): Promise<RegisteredModel | undefined>;
  getVersion(name: string, version: string): Promise<ModelVersion | undefined>;
  /** Creates the registered model; returns false when it already existed. */
  createModel(name: string, tags?: Readonly<Record<string, string>>, description?: string): Promise<boolean>;
  setModelTag(name: string, key: string, value: string): Promise<void>;
  createVersion(input: NewModelVersion): Promise<ModelVersion>;
  transitionStage(name: string, version: string, stage: Stage, archiveExistingVersions: boolean): Promise<ModelVersion>;
  setVersionTag(name: string, version: string, key: string, value: string): Promise<void>;
  deleteVersionTag(name: string, version: string, key: string): Promise<void>;
  updateVersionDescription(name: string, version: string, description: string): Promise<ModelVersion>;
  setAlias(name: string, alias: string, version: string): Promise<void>;
  deleteAlias(name: string, alias: string): Promise<void>;
  getVersionByAlias(name: string, alias: string): Promise<ModelVersion | undefined>;
  deleteVersion(name: string, version: string): Promise<void>;
  getRun(runId: string): Promise<RunSummary | undefined>;
  /** The MLflow UI page of a version (what people click). */
  versionUrl(name: string, version: string): string;
  /** The MLflow UI page of a registered model. */
  modelUrl(name: string): string;
}
