import type { ModelVersion, RegisteredModel } from '../domain/model-version';
import type { SyncReport } from './sync-report';

/** What a reconcile read from the registry, for a caller that would otherwise read it again (the guard). */
export interface RegistryRead {
  /** When the reading started: whatever was recorded after it is newer than this read. */
  readonly at: number;
  /** The managed models as read (with their aliases where the registry reported them). */
  readonly models: readonly RegisteredModel[];
  readonly versions: readonly ModelVersion[];
  /** Models whose every version is in `versions` (tagged models of a full sweep); others' lists may be partial. */
  readonly complete: ReadonlySet<string>;
}

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
  /**
   * Told what the run read from the registry, part by part as each is synced (a full sweep's batches of models; an
   * incremental run's changed versions), not for dry runs. The run waits for it.
   */
  readonly onRegistryRead?: (read: RegistryRead) => void | Promise<void>;
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
