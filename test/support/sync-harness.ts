/**
 * A sync engine on real parts: the real MLflow test server (global setup), the Notion emulator through the
 * real @notionhq/client, and the real adapters. Each harness uses its own managed tag, so a full reconcile
 * sees only this test's models even though all test files share one MLflow server.
 */
import { randomBytes } from 'node:crypto';
import { startNotionEmulator, type NotionEmulator } from '../../emulators/notion';
import { MlflowRegistry } from '../../src/adapters/mlflow';
import { NotionPages } from '../../src/adapters/notion';
import { MemoryLock } from '../../src/adapters/store/memory.lock';
import type { PagesPort } from '../../src/core/ports/pages.port';
import type { RegistryPort } from '../../src/core/ports/registry.port';
import { silentLogger } from '../../src/core/ports/logger.port';
import { systemClock } from '../../src/core/ports/clock.port';
import { Reconciler } from '../../src/core/sync/reconciler';
import type { LineageStep } from '../../src/core/sync/lineage-step';
import { mlflowTestUrl } from './names';

export interface SyncHarness {
  readonly notion: NotionEmulator;
  readonly databaseId: string;
  readonly dataSourceId: string;
  readonly managedTag: string;
  readonly mlflowUrl: string;
  readonly registry: MlflowRegistry;
  readonly pages: NotionPages;
  readonly reconciler: Reconciler;
  /** A fresh Reconciler (e.g. with other adapter options) on the same systems, sharing the harness's lock. */
  makeReconciler(overrides?: ReconcilerOverrides): Reconciler;
  makePages(options?: { requestsPerSecond?: number; maxRetries?: number; timeoutMs?: number }): NotionPages;
  /** Live (non-trashed) pages of the database as API objects. */
  livePages(): Record<string, unknown>[];
  stop(): Promise<void>;
}

export interface ReconcilerOverrides {
  readonly pages?: PagesPort;
  readonly registry?: RegistryPort;
  readonly lineage?: LineageStep;
  readonly syncOnWriteLockWaitMs?: number;
}

export interface SyncHarnessOptions {
  /** Properties of the seeded database; default: only the title "Model Name" (the sync adds the rest). */
  readonly properties?: Record<string, unknown>;
  readonly requestsPerSecond?: number;
  /** The emulator's clock (page created / edited times); default real time. */
  readonly notionNow?: () => Date;
}

export async function startSyncHarness(options: SyncHarnessOptions = {}): Promise<SyncHarness> {
  const notion = await startNotionEmulator({ now: options.notionNow });
  const { databaseId, dataSourceId } = notion.seedDatabase({ title: 'Models', properties: options.properties ?? { 'Model Name': { title: {} } } });
  const managedTag = `modelsync.test.${randomBytes(4).toString('hex')}`;
  const mlflowUrl = mlflowTestUrl();
  const registry = new MlflowRegistry({ trackingUri: mlflowUrl, retries: 1, retryBaseDelayMs: 10 });
  const makePages = (o: { requestsPerSecond?: number; maxRetries?: number; timeoutMs?: number } = {}) =>
    new NotionPages({
      token: notion.token,
      databaseId,
      baseUrl: notion.url,
      requestsPerSecond: o.requestsPerSecond ?? options.requestsPerSecond ?? 1000,
      maxRetries: o.maxRetries ?? 2,
      retryBaseDelayMs: 10,
      timeoutMs: o.timeoutMs,
    });
  const pages = makePages();
  // One lock for the harness, like the one store of an app process: its reconcilers exclude each other per model.
  const lock = new MemoryLock(systemClock);
  const makeReconciler = (o: ReconcilerOverrides = {}) =>
    new Reconciler({
      registry: o.registry ?? registry,
      pages: o.pages ?? pages,
      lineage: o.lineage,
      managedTag,
      clock: systemClock,
      logger: silentLogger,
      lock,
      syncOnWriteLockWaitMs: o.syncOnWriteLockWaitMs,
    });
  return {
    notion,
    databaseId,
    dataSourceId,
    managedTag,
    mlflowUrl,
    registry,
    pages,
    reconciler: makeReconciler(),
    makeReconciler,
    makePages,
    livePages: () => notion.listPages(dataSourceId).filter((p) => p.in_trash !== true),
    stop: () => notion.stop(),
  };
}

/** Reads a page's plain-text property ("Model Name", "Version", …) from an API page object. */
export function pageText(page: Record<string, unknown>, property: string): string {
  const prop = (page.properties as Record<string, Record<string, unknown>>)[property];
  if (!prop) return '';
  const type = prop.type as string;
  if (type === 'title' || type === 'rich_text') return (prop[type] as { plain_text: string }[]).map((t) => t.plain_text).join('');
  if (type === 'select') return (prop.select as { name: string } | null)?.name ?? '';
  if (type === 'url') return (prop.url as string | null) ?? '';
  return JSON.stringify(prop[type]);
}
