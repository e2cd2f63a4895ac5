import type { ErrorSystem } from '../errors';
import type { Stage } from '../domain/stage';

/** The five counters, named exactly as ZenML's mlflow_notion integration names them. */
export interface SyncStats {
  created: number;
  updated: number;
  unchanged: number;
  orphaned: number;
  errors: number;
}

/** What a sync did to one version (or page). */
export type SyncChangeKind =
  | 'created' // a Notion page was created
  | 'updated' // a Notion page was updated (fields lists which)
  | 'linked' // a cross-link tag was written back to MLflow
  | 'duplicate_trashed' // an extra page for the same version was moved to trash
  | 'orphan_trashed' // a page without an MLflow version was moved to trash
  | 'zenml_updated'; // the ZenML twin was updated (stage or metadata)

export interface SyncChange {
  readonly kind: SyncChangeKind;
  readonly model: string;
  readonly version: string;
  readonly detail: string;
  readonly fields?: readonly string[];
}

/** A stage that differed between MLflow and a mirror: someone changed MLflow outside this app. */
export interface StageDrift {
  readonly model: string;
  readonly version: string;
  readonly from: Stage;
  readonly to: Stage;
  readonly system: 'notion' | 'zenml';
}

export interface SyncFailure {
  readonly model: string;
  readonly version?: string;
  readonly system: ErrorSystem;
  readonly reason: string;
}

/**
 * A page that shares a managed version's model name and version but that the app does not own (a person made
 * it, or another integration that no MLflow tag links to): left alone, never updated, deduplicated or trashed.
 */
export interface UnmanagedPage {
  readonly pageId: string;
  readonly url: string;
  readonly model: string;
  readonly version: string;
}

/** A managed page a person (or another integration) had edited; the sync wrote MLflow's values over the edit. */
export interface OverwrittenEdit {
  readonly pageId: string;
  readonly url: string;
  readonly model: string;
  readonly version: string;
  /** The fields the edit had changed and the sync set back (e.g. stage, description). */
  readonly fields: readonly string[];
  /** The collaboration tool's id of the last editor (not a Slack id). */
  readonly editedBy: string | null;
  /** When the page was last edited (ISO-8601, minute precision in Notion). */
  readonly editedAt: string;
}

/** A single-version sync that did not run because another sync of the model held its lock; that sync picks it up. */
export interface DeferredSync {
  readonly model: string;
  readonly version: string;
  readonly reason: string;
}

export interface OrphanPage {
  readonly pageId: string;
  readonly url: string;
  readonly model: string;
  readonly version: string;
  readonly trashed: boolean;
}

/** A version with no ZenML twin: not an error (registered outside a ZenML pipeline). */
export interface LineageGap {
  readonly model: string;
  readonly version: string;
  readonly reason: 'zenml_missing';
  readonly hint: string;
}

/** The result of a reconcile or a single-version sync. */
export interface SyncReport extends SyncStats {
  readonly startedAt: string;
  durationMs: number;
  readonly dryRun: boolean;
  readonly scope: { readonly model?: string; readonly version?: string };
  /**
   * For a reconcile of every model: `full` read everything, `incremental` only what changed since the previous run
   * (what it cannot see waits for the next full sweep). Absent for a one-model or one-version sync.
   */
  mode?: 'full' | 'incremental';
  readonly perModel: Record<string, SyncStats>;
  readonly changes: SyncChange[];
  readonly stageDrift: StageDrift[];
  readonly failures: SyncFailure[];
  readonly orphans: OrphanPage[];
  readonly lineageGaps: LineageGap[];
  /** Pages with a managed version's name and version that the app does not own: listed, never touched. */
  readonly notManaged: UnmanagedPage[];
  /** Hand edits of managed pages that MLflow's values replaced (not stage drift: MLflow did not change). */
  readonly notionEditsOverwritten: OverwrittenEdit[];
  /** Single-version syncs left to the sync already running for the model. */
  readonly deferred: DeferredSync[];
  /** One-off remarks, e.g. "ZenML is not configured: lineage sync skipped". */
  readonly notes: string[];
}

/** What a single-version sync did not do, one sentence each (failures and deferrals), for the command that asked. */
export function syncProblemsOf(report: Pick<SyncReport, 'failures' | 'deferred'>): string[] {
  return [...report.failures.map((f) => `${f.system}: ${f.reason}`), ...report.deferred.map((d) => d.reason)];
}

/** The five counters of a report, as a plain object (what the CLI and the ZenML flavor print). */
export function statsOf(report: SyncStats): SyncStats {
  const { created, updated, unchanged, orphaned, errors } = report;
  return { created, updated, unchanged, orphaned, errors };
}
