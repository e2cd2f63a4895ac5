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
import type { StatePort } from '../core/ports/store.port';
import { MlflowRegistry } from '../adapters/mlflow';
import { NotionPages } from '../adapters/notion';
import { sharedNotionPace } from '../adapters/notion/notion.shared-pace';
import { processNotionPace } from '../adapters/notion/notion.pace';
import { ZenmlLineageAdapter } from '../adapters/zenml';
import { ZenmlLineageLeg } from '../core/sync/lineage-leg';
import { observePages, type NotionObservation } from './observed-pages';
import type { OutboundLoadSource } from '../adapters/http/outbound-load';
import type { RequestObserver } from '../adapters/http/request-route';
import { MLFLOW_MODES } from '../adapters/mlflow/mlflow.http';
import type { MetricsRegistry } from '../adapters/metrics/metrics-registry';
import { observedFetch, requestMetrics } from '../adapters/metrics/request.metrics';
import { syncMetrics } from '../adapters/metrics/sync.metrics';
import { registerNotionLimiterMetrics } from '../adapters/metrics/app.metrics';
import { MeteredSync } from './metered-sync';

/** The sync engine with the adapters it runs on. */
export interface SyncRuntime {
  readonly sync: SyncService;
  /** MLflow for approvals, promotions and other state changes a person waits for: fresh reads, first in line. */
  readonly registry: RegistryPort;
  /** The Notion adapter (a PagesPort; also `whoAmI()` for start-up checks of the token). */
  readonly pages: NotionPages;
  /** What the last real Notion call proved (readiness reports Notion from this, without a request of its own). */
  readonly notionObservation: () => NotionObservation | undefined;
  /** MLflow for the sync and webhook deliveries: fresh reads, ahead of read-only commands. */
  readonly backgroundRegistry: RegistryPort;
  /** MLflow for read-only commands (status, list): shared reads and a short cache, shed first under overload. */
  readonly cachedRegistry: RegistryPort;
  /** The admission load of every outside system with a gate (MLflow, and ZenML when configured). */
  readonly loads: readonly OutboundLoadSource[];
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
  /** The app's /metrics registry: requests by route and status, sync runs, the Notion limiter's queue. */
  readonly metrics?: MetricsRegistry;
  /**
   * The app's state store: the reconcile keeps its watermark there (shared across instances on Redis), so most runs
   * read only what changed. Without it every reconcile is a full sweep.
   */
  readonly state?: StatePort;
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
  const observer = options.metrics ? requestMetrics(options.metrics) : undefined;
  const registry = new MlflowRegistry({
    trackingUri: config.mlflow.trackingUri,
    registryUri: config.mlflow.registryUri,
    uiUrl: config.mlflow.uiUrl,
    token: config.mlflow.token,
    username: config.mlflow.username,
    password: config.mlflow.password,
    admission: config.mlflow.admission,
    readCacheMs: config.mlflow.readCacheMs,
    onResponse: observer?.('mlflow'),
  });
  // One connection (one admission gate, one read cache), one view per kind of caller.
  const backgroundRegistry = registry.withMode(MLFLOW_MODES.background);
  // With Redis, every instance and every CLI run share the integration's one budget (this process alone otherwise).
  const pace = config.store.redisUrl
    ? sharedNotionPace({
        redisUrl: config.store.redisUrl,
        integration: { token: config.notion.token, baseUrl: config.notion.apiUrl },
        requestsPerSecond: config.notion.requestsPerSecond,
        logger,
      })
    : processNotionPace(config.notion.requestsPerSecond);
  const notion = new NotionPages({
    token: config.notion.token,
    databaseId: config.notion.databaseId,
    baseUrl: config.notion.apiUrl,
    pace,
    ...(observer ? { fetch: observedFetch(observer('notion')) } : {}),
    logger,
  });
  if (options.metrics) registerNotionLimiterMetrics(options.metrics, pace);
  const observed = observePages(notion, systemClock);
  const pages = observed.pages;
  const zenml = zenmlAdapter(config, observer?.('zenml'));
  const lineage = zenml && new ZenmlLineageLeg(zenml);
  const reconciler = new Reconciler({
    registry: backgroundRegistry,
    pages,
    lineage,
    managedTag: config.sync.managedTag,
    clock: systemClock,
    logger,
    lock: options.lock ?? new MemoryLock(systemClock),
    newId: randomUUID,
    state: options.state,
    fullSyncEvery: config.sync.fullSyncEvery,
  });
  // Every caller gets the metered service, so each run is counted once whoever started it.
  const sync = options.metrics ? new MeteredSync(reconciler, syncMetrics(options.metrics).observe) : reconciler;
  return {
    sync,
    registry,
    backgroundRegistry,
    cachedRegistry: registry.withMode(MLFLOW_MODES.cachedReads),
    loads: zenml ? [registry.load, zenml.load] : [registry.load],
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

/** The ZenML adapter when ZenML is configured; undefined keeps the leg off (the report says so once). */
function zenmlAdapter(config: Config, onResponse?: RequestObserver): ZenmlLineageAdapter | undefined {
  if (!config.zenml) return undefined;
  const z = config.zenml;
  return new ZenmlLineageAdapter({
    serverUrl: z.serverUrl,
    apiKey: z.apiKey,
    username: z.username,
    password: z.password,
    project: z.project,
    dashboardUrl: z.dashboardUrl,
    admission: z.admission,
    onResponse,
  });
}
