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

/** Where people see a model and a version in the registry's own UI (what they click). Pure: no call is made. */
export interface RegistryLinks {
  /** The UI page of a version. */
  versionUrl(name: string, version: string): string;
  /** The UI page of a registered model. */
  modelUrl(name: string): string;
  /** The UI page of a run (a version's source run). */
  runUrl(runId: string): string;
  /**
   * What a UI page address points at, when it is a registered model's or a version's page of this registry (what
   * people paste in chat); undefined for any other address.
   */
  linkTarget(url: string): RegistryLinkTarget | undefined;
}

/** A registered model (and a version of it, when the page was a version's) named by a UI page address. */
export interface RegistryLinkTarget {
  readonly model: string;
  readonly version?: string;
}

/**
 * What the use cases read from the model registry (MLflow), the source of truth: the sync, the queries, the webhook
 * handler and the checks before every change. Errors are thrown as the adapter's typed errors; `getModel`,
 * `getVersion`, `getVersionByAlias` and `getRun` return undefined for "not found".
 */
export interface RegistryReader extends RegistryLinks {
  /** Registered models carrying `tag`="true" (all pages). */
  listModelsWithTag(tag: string): Promise<RegisteredModel[]>;
  /**
   * Versions carrying `tag`="true" across all models (all pages), with their aliases: from `knownModels` (answers read
   * moments before) where given, else read in batches of models (not one read per model).
   */
  listVersionsWithTag(tag: string, knownModels?: readonly RegisteredModel[]): Promise<ModelVersion[]>;
  /**
   * Versions of any model (managed or not) whose last change is at or after `sinceMs`, aliases not filled in (undefined).
   * What moves the time: creating, describing, moving between stages, deleting (the version then is no longer listed).
   * Tags and aliases do not move it (MLflow 3.17.2), so a reader of changes must look at those some other way.
   */
  listVersionsChangedSince(sinceMs: number): Promise<ModelVersion[]>;
  /** The registered models of these names that exist (with their aliases), in as few requests as the registry allows. */
  getModels(names: readonly string[]): Promise<RegisteredModel[]>;
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
  getVersionByAlias(name: string, alias: string): Promise<ModelVersion | undefined>;
  getRun(runId: string): Promise<RunSummary | undefined>;
}

/** Writes one version tag: the sync's cross-links, the audit trail, the gate-override record. */
export interface VersionTagWriter {
  setVersionTag(name: string, version: string, key: string, value: string): Promise<void>;
}

/** The sync's registry: it reads everything and writes only the cross-link tags back (notion_page_url, zenml_model_url). */
export interface SyncRegistry extends RegistryReader, VersionTagWriter {}

/** What the commands change in the registry: new models and versions, stages, aliases, tags. */
export interface RegistryWriter extends VersionTagWriter {
  /** Creates the registered model; returns false when it already existed. */
  createModel(name: string, tags?: Readonly<Record<string, string>>, description?: string): Promise<boolean>;
  createVersion(input: NewModelVersion): Promise<ModelVersion>;
  transitionStage(name: string, version: string, stage: Stage, archiveExistingVersions: boolean): Promise<ModelVersion>;
  setAlias(name: string, alias: string, version: string): Promise<void>;
  deleteAlias(name: string, alias: string): Promise<void>;
}

/**
 * A registry the commands read fresh and change: what the MLflow adapter implements (src/adapters/mlflow). Use cases
 * ask for the narrowest of the interfaces above; only the ones that change the registry take all of it.
 */
export interface RegistryPort extends RegistryReader, RegistryWriter {}
