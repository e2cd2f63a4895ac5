/**
 * Builds the sync engine from the config: the one place that turns settings into adapters for the
 * reconcile. Used by the CLI and by the Slack app's composition root.
 */
import { randomUUID } from 'node:crypto';
import { secretValues, type Config } from '../config';
import { systemClock } from '../core/ports/clock.port';
import type { RegistryPort } from '../core/ports/registry.port';
import type { LineageStep } from '../core/sync/lineage-step';
import { Reconciler } from '../core/sync/reconciler';
import type { SyncService } from '../core/sync/sync.service';
import { createLogger, type AppLogger } from '../adapters/log/logger';
import { MemoryLock } from '../adapters/store/memory.lock';
import type { LockPort } from '../core/ports/lock.port';
import { MlflowRegistry } from '../adapters/mlflow';
import { NotionPages } from '../adapters/notion';
import { ZenmlLineageAdapter } from '../adapters/zenml';
import { ZenmlLineageLeg } from '../core/sync/lineage-leg';
import { observePages, type NotionObservation } from './observed-pages';

/** The sync engine with the adapters it runs on. */
export interface SyncRuntime {
  readonly sync: SyncService;
  readonly registry: RegistryPort;
  /** The Notion adapter (a PagesPort; also `whoAmI()` for start-up checks of the token). */
  readonly pages: NotionPages;
  /** What the last real Notion call proved (readiness reports Notion from this, without a request of its own). */
  readonly notionObservation: () => NotionObservation | undefined;
  readonly lineage?: LineageStep;
  readonly logger: AppLogger;
  close(): Promise<void>;
}

export interface SyncRuntimeOptions {
  /** Only warnings and errors (e.g. when stdout carries JSON for a script). */
  readonly quietLogs?: boolean;
  /** Use this logger instead of creating one. */
  readonly logger?: AppLogger;
  /** Where the created logger writes; stderr when omitted. */
  readonly logDestination?: { write(line: string): void };
  /**
   * The app's shared LockPort (Redis when configured), so syncs exclude each other per model across instances.
   * Default: a lock in this process's memory (the CLI, or one process on SQLite).
   */
  readonly lock?: LockPort;
}

export function buildSyncRuntime(config: Config, options: SyncRuntimeOptions = {}): SyncRuntime {
  const logger =
    options.logger ??
    createLogger({
      level: options.quietLogs ? 'warn' : config.logLevel,
      secrets: secretValues(config),
      name: 'modelsync',
      // Logs go to stderr so stdout stays clean for reports and --json.
      destination: options.logDestination ?? process.stderr,
    });
  const registry = new MlflowRegistry({
    trackingUri: config.mlflow.trackingUri,
    registryUri: config.mlflow.registryUri,
    uiUrl: config.mlflow.uiUrl,
    token: config.mlflow.token,
    username: config.mlflow.username,
    password: config.mlflow.password,
  });
  const notion = new NotionPages({
    token: config.notion.token,
    databaseId: config.notion.databaseId,
    baseUrl: config.notion.apiUrl,
    requestsPerSecond: config.notion.requestsPerSecond,
    logger,
  });
  const observed = observePages(notion, systemClock);
  const pages = observed.pages;
  const lineage = zenmlLeg(config);
  const sync = new Reconciler({
    registry,
    pages,
    lineage,
    managedTag: config.sync.managedTag,
    clock: systemClock,
    logger,
    lock: options.lock ?? new MemoryLock(systemClock),
    newId: randomUUID,
  });
  return {
    sync,
    registry,
    pages,
    notionObservation: observed.observation,
    lineage,
    logger,
    close: async () => {
      await notion.close();
      logger.flush();
    },
  };
}

/** The ZenML leg when ZenML is configured; undefined keeps it off (the report says so once). */
function zenmlLeg(config: Config): LineageStep | undefined {
  if (!config.zenml) return undefined;
  const z = config.zenml;
  return new ZenmlLineageLeg(
    new ZenmlLineageAdapter({
      serverUrl: z.serverUrl,
      apiKey: z.apiKey,
      username: z.username,
      password: z.password,
      project: z.project,
      dashboardUrl: z.dashboardUrl,
    }),
  );
}
