import type { SyncReport } from './sync-report';

/** Options of a full or per-model reconcile. */
export interface ReconcileOptions {
  /** Only this registered model. */
  readonly model?: string;
  /** Move orphan pages (no MLflow version any more) to the trash instead of only listing them. */
  readonly cleanupOrphans?: boolean;
  /** Compute and report what would change without writing anything. */
  readonly dryRun?: boolean;
  /** A full sweep even when an incremental run would do (what `--full` asks for). */
  readonly full?: boolean;
}

/**
 * The sync use cases, as callers (Slack listeners, scheduler, webhook endpoint, CLI) see them.
 * Expected outcomes are values: failures of Notion/ZenML are counted in the report, never thrown.
 * Throws only when MLflow itself cannot be read (nothing to sync from).
 */
export interface SyncService {
  reconcile(options?: ReconcileOptions): Promise<SyncReport>;
  /** Sync-on-write for one version: best effort; the MLflow change it follows is never undone. */
  syncVersion(name: string, version: string): Promise<SyncReport>;
}
