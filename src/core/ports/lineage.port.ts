import type { Stage } from '../domain/stage';

/** A ZenML model version as the sync needs it. */
export interface LineageVersion {
  readonly id: string;
  readonly modelName: string;
  /** ZenML's own counter: independent of MLflow's version number. */
  readonly number: number;
  readonly stage: Stage;
  /** Latest value per run-metadata key. */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Dashboard page of this version, or the best link the server offers. */
  readonly url: string;
}

/** Links stored on the ZenML side as metadata `registry_links`. */
export interface RegistryLinks {
  readonly mlflow_model_url: string;
  readonly notion_page_url: string | null;
}

/** The lineage system (ZenML). Implemented by src/adapters/zenml (issue 5). */
export interface LineagePort {
  /** All versions of a model; empty when ZenML has no such model. */
  listVersions(modelName: string): Promise<LineageVersion[]>;
  getVersion(id: string): Promise<LineageVersion | undefined>;
  /** Sets the stage, demoting any other holder (`force`), as MLflow is the source of truth. */
  setStage(id: string, stage: Stage): Promise<void>;
  /**
   * Writes run metadata on the version (append-only on the ZenML side; latest value wins). ZenML refuses a
   * top-level null, so a key is cleared by writing '' (nulls inside objects are fine).
   */
  setMetadata(id: string, values: Readonly<Record<string, unknown>>): Promise<void>;
  /**
   * Versions of `modelName` that ZenML linked to this pipeline run: the run whose id ZenML's MLflow registry
   * wrote on the MLflow version as tag `zenml_pipeline_run_uuid`. Empty for an unknown or malformed run id.
   */
  findByPipelineRun(modelName: string, pipelineRunId: string): Promise<LineageVersion[]>;
}
