import type { ModelVersion } from '../domain/model-version';
import type { Stage } from '../domain/stage';

/** What the lineage leg found for one MLflow version before the Notion write. */
export interface LineageResolution {
  /** The ZenML twin's URL, or null when it has none. */
  readonly url: string | null;
  /** Opaque handle for `apply` (the twin itself); absent for a gap. */
  readonly twin?: unknown;
  /** Why there is no twin (reported as `zenml_missing`, never as an error). */
  readonly gap?: string;
}

/** Links and the Notion outcome handed to the lineage leg after the Notion write. */
export interface LineageApplyInput {
  readonly mlflowUrl: string;
  readonly notionUrl: string | null;
  /** Why the Notion write failed this run, recorded on the ZenML side (`notion_sync_error`). */
  readonly notionError: string | null;
}

/** What `apply` changed on the ZenML side (empty when nothing). */
export interface LineageApplyResult {
  readonly changed: readonly string[];
  /** The twin's stage before this run, when it differed from MLflow's. */
  readonly stageBefore?: Stage;
  /** Remarks for the report (e.g. a stage ZenML cannot mirror). */
  readonly notes?: readonly string[];
}

/** One run's view of the lineage system, loaded by `LineageStep.prepare`. */
export interface LineageRun {
  resolve(version: ModelVersion, mlflowUrl: string): Promise<LineageResolution>;
  apply(version: ModelVersion, resolution: LineageResolution, input: LineageApplyInput, dryRun: boolean): Promise<LineageApplyResult>;
}

/**
 * The ZenML leg of a sync, as the reconcile drives it; absent when ZenML is not configured.
 * `prepare` never throws: a model that cannot be read fails each of its versions in `resolve`.
 */
export interface LineageStep {
  prepare(versions: readonly ModelVersion[]): Promise<LineageRun>;
}
