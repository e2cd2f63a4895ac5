import type { ModelVersion } from '../domain/model-version';

/** What the lineage leg found for one MLflow version before the Notion write. */
export interface LineageResolution {
  /** The ZenML twin's URL, or null when it has none (a gap, reported separately). */
  readonly url: string | null;
  /** Opaque handle for `apply` (the twin itself). */
  readonly twin?: unknown;
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
  readonly stageBefore?: string;
}

/**
 * The ZenML leg of a sync, as the reconcile drives it. Implemented in lineage-leg.ts over the LineagePort;
 * absent when ZenML is not configured.
 */
export interface LineageStep {
  /** Loads what a run needs for these models (one listing per model). Failures are per model. */
  prepare(modelNames: readonly string[]): Promise<void>;
  resolve(version: ModelVersion): Promise<LineageResolution>;
  apply(version: ModelVersion, resolution: LineageResolution, input: LineageApplyInput, dryRun: boolean): Promise<LineageApplyResult>;
}
