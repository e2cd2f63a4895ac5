/**
 * The systems a fault test runs on: an MLflow server (the shared test server unless given), a Notion emulator that
 * can be stopped and started again on the same port with its data kept (a real "connection refused" window), and
 * the real adapters and Reconciler over them. Each env uses its own managed tag, so a full reconcile sees only its
 * own models on the shared MLflow server.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startNotionEmulator, type NotionEmulator } from '../../../emulators/notion';
import { MlflowRegistry } from '../../../src/adapters/mlflow';
import { NotionPages } from '../../../src/adapters/notion';
import { systemClock } from '../../../src/core/ports/clock.port';
import { silentLogger } from '../../../src/core/ports/logger.port';
import type { LineageStep } from '../../../src/core/sync/lineage-step';
import { Reconciler } from '../../../src/core/sync/reconciler';
import { mlflowTestUrl } from '../../support/names';

/** Options of the Notion adapter a test may vary. */
export interface PagesKnobs {
  readonly requestsPerSecond?: number;
  readonly maxRetries?: number;
  readonly timeoutMs?: number;
}

export interface ReliabilityEnv {
  /** The current emulator (replaced by restartNotion). */
  readonly notion: NotionEmulator;
  readonly notionPort: number;
  readonly databaseId: string;
  readonly dataSourceId: string;
  readonly managedTag: string;
  readonly mlflowUrl: string;
  readonly registry: MlflowRegistry;
  makePages(knobs?: PagesKnobs): NotionPages;
  makeReconciler(options?: { pages?: NotionPages; lineage?: LineageStep; knobs?: PagesKnobs }): Reconciler;
  /** Stops the emulator: the port refuses connections, requests in flight lose their socket. Data is kept. */
  stopNotion(): Promise<void>;
  /** Starts the emulator again on the same port with the same data. */
  startNotion(): Promise<void>;
  /** Live (non-trashed) pages of the database, as API objects. */
  livePages(): Record<string, unknown>[];
  stop(): Promise<void>;
}

/** Starts a Notion emulator with a data file and a database with only a title column (the sync adds the rest). */
export async function startReliabilityEnv(options: { mlflowUrl?: string; registryRetries?: number } = {}): Promise<ReliabilityEnv> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'modelsync-reliability-'));
  const dataFile = path.join(dir, 'notion.json');
  let notion = await startNotionEmulator({ dataFile });
  const notionPort = Number(new URL(notion.url).port);
  const { databaseId, dataSourceId } = notion.seedDatabase({ title: 'Models', properties: { 'Model Name': { title: {} } } });
  const managedTag = `modelsync.reliability.${randomBytes(4).toString('hex')}`;
  const mlflowUrl = options.mlflowUrl ?? mlflowTestUrl();
  const registry = new MlflowRegistry({ trackingUri: mlflowUrl, retries: options.registryRetries ?? 1, retryBaseDelayMs: 10, timeoutMs: 10_000 });
  const opened: NotionPages[] = [];
  let running = true;
  const makePages = (k: PagesKnobs = {}): NotionPages => {
    const pages = new NotionPages({
      token: notion.token,
      databaseId,
      baseUrl: notion.url,
      requestsPerSecond: k.requestsPerSecond ?? 1000,
      maxRetries: k.maxRetries ?? 2,
      retryBaseDelayMs: 10,
      timeoutMs: k.timeoutMs,
    });
    opened.push(pages);
    return pages;
  };
  return {
    get notion() {
      return notion;
    },
    notionPort,
    databaseId,
    dataSourceId,
    managedTag,
    mlflowUrl,
    registry,
    makePages,
    makeReconciler: (o = {}) =>
      new Reconciler({ registry, pages: o.pages ?? makePages(o.knobs), lineage: o.lineage, managedTag, clock: systemClock, logger: silentLogger }),
    async stopNotion() {
      if (!running) return;
      running = false;
      await notion.stop();
    },
    async startNotion() {
      if (running) return;
      notion = await startNotionEmulator({ dataFile, port: notionPort });
      running = true;
    },
    livePages: () => notion.listPages(dataSourceId).filter((p) => p.in_trash !== true),
    async stop() {
      for (const p of opened) await p.close();
      if (running) await notion.stop();
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
