/**
 * The systems a benchmark runs against: the real MLflow server behind a counting proxy, the Notion emulator
 * (its own counters, plus a timing proxy), and the data each scenario needs, seeded the fastest honest way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_EMULATOR_TOKEN, startNotionEmulator, type NotionEmulator } from '../../emulators/notion';
import { freePort } from '../../scripts/mlflow-server';
import { MlflowRegistry } from '../../src/adapters/mlflow';
import { NotionPages } from '../../src/adapters/notion';
import { TAG_NOTION_PAGE_URL } from '../../src/core/domain/model-version';
import { desiredFields } from '../../src/core/sync/desired-fields';
import { runPool } from '../../src/core/sync/run-pool';
import type { ChildJob } from '../reconcile.child';
import { startCountingProxy, type CountingProxy } from '../../test/support/counting-proxy';
import { restartableMlflow, writeThroughStore, type SeedModelPlan, type SeedTagPlan } from './mlflow-store';
import { MODELS_PER_SIZE } from './settings';

/** Client pace for runs that measure calls, not Notion's limit (the emulator's limit is off for them). */
export const UNTHROTTLED_RPS = 1000;

/** One group of managed models with its own managed tag and Notion database. */
export interface Tier {
  readonly label: string;
  readonly managedTag: string;
  readonly models: string[];
  readonly versions: number;
  /** Where the managed tag goes (default: on the models). */
  readonly tagOn?: 'models' | 'versions';
  databaseId: string;
  dataSourceId: string;
}

/** The running systems. */
export interface BenchWorld {
  readonly notion: NotionEmulator;
  readonly notionProxy: CountingProxy;
  readonly mlflowProxy: CountingProxy;
  /** Direct MLflow URL (UI links and set-up calls; not counted). */
  readonly mlflowUrl: string;
  /** How long bulk seeding and server restarts took, for the report. */
  readonly timings: Record<string, number>;
  job(tier: Tier, mode: ChildJob['mode'], extra?: Partial<ChildJob>): ChildJob;
  /** Resets the Notion counters and both proxies' logs. */
  resetCounts(): void;
  stop(): Promise<void>;
}

/** A tier of `versions` versions spread evenly over `models` models. */
export function planTier(label: string, versions: number, models = MODELS_PER_SIZE, tagOn: 'models' | 'versions' = 'models'): Tier {
  const names = Array.from({ length: models }, (_, i) => `bench-${label}-m${String(i).padStart(2, '0')}`);
  return { label, managedTag: `modelsync.bench.${label}`, models: names, versions, tagOn, databaseId: '', dataSourceId: '' };
}

function seedPlan(tier: Tier): SeedModelPlan[] {
  const per = tier.versions / tier.models.length;
  const tag = { [tier.managedTag]: 'true' };
  return tier.models.map((name) => (tier.tagOn === 'versions' ? { name, tags: {}, versions: per, versionTags: tag } : { name, tags: tag, versions: per }));
}

/** Options of startWorld. */
export interface WorldOptions {
  /**
   * Make everything seeded look this much older (MLflow times, Notion page times), like a registry synced an hour
   * ago: an incremental run then sees only what a scenario changes afterwards.
   */
  readonly backdateMs?: number;
}

/**
 * Seeds every tier's models and versions through MLflow's store API, starts the server, proxies and emulator,
 * and brings the `synced` tiers to the state a finished sync leaves (pages created, link tags written back).
 */
export async function startWorld(tiers: Tier[], synced: Tier[], log: (s: string) => void, options: WorldOptions = {}): Promise<BenchWorld> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'modelsync-bench-'));
  const timings: Record<string, number> = {};
  let notionBackdateMs = options.backdateMs ?? 0;
  const seeded = await writeThroughStore(dataDir, { models: tiers.flatMap(seedPlan), backdateMs: options.backdateMs });
  timings.seedVersionsS = seeded.seconds;
  timings.seededVersions = seeded.versions;
  log(`seeded ${seeded.versions} versions of ${seeded.models} models through MLflow's store API in ${seeded.seconds.toFixed(1)} s`);

  const port = await freePort();
  const mlflow = await restartableMlflow(dataDir, port);
  timings.mlflowStartS = (await mlflow.start()) / 1000;
  const mlflowUrl = `http://127.0.0.1:${port}`;
  const notion = await startNotionEmulator({ now: () => new Date(Date.now() - notionBackdateMs) });
  const [mlflowProxy, notionProxy] = await Promise.all([startCountingProxy(mlflowUrl), startCountingProxy(notion.url)]);
  for (const tier of tiers) Object.assign(tier, notion.seedDatabase({ title: `Models ${tier.label}`, properties: { 'Model Name': { title: {} } } }));

  const t0 = performance.now();
  const tags: SeedTagPlan[] = [];
  for (const tier of synced) tags.push(...(await createPagesLikeASync(tier, mlflowUrl, notion)));
  timings.seedPagesS = (performance.now() - t0) / 1000;
  notionBackdateMs = 0;
  log(`created ${tags.length} Notion pages as a sync would, in ${timings.seedPagesS.toFixed(1)} s`);
  await mlflow.stop();
  const tagged = await writeThroughStore(dataDir, { versionTags: tags });
  timings.seedTagsS = tagged.seconds;
  timings.mlflowRestartS = (await mlflow.start()) / 1000;
  // Uncounted reads first, a few at once so every worker answers some: the first requests after a start pay
  // for Python imports and SQLite caches.
  const warm = synced[0]?.models.slice(0, 8) ?? [];
  // A warm-up read that fails (a worker still starting on a loaded machine) costs nothing: the measured runs retry.
  await Promise.all(
    warm.map((m) => fetch(`${mlflowUrl}/api/2.0/mlflow/model-versions/search?filter=${encodeURIComponent(`name='${m}'`)}`).catch(() => undefined)),
  );
  log(`wrote ${tagged.tags} notion_page_url tags through the store API in ${tagged.seconds.toFixed(1)} s; MLflow back up`);

  return {
    notion,
    notionProxy,
    mlflowProxy,
    mlflowUrl,
    timings,
    job: (tier, mode, extra = {}) => ({
      mode,
      mlflowUrl: mlflowProxy.url,
      mlflowUiUrl: mlflowUrl,
      notionUrl: notionProxy.url,
      notionToken: DEFAULT_EMULATOR_TOKEN,
      databaseId: tier.databaseId,
      managedTag: tier.managedTag,
      requestsPerSecond: UNTHROTTLED_RPS,
      ...extra,
    }),
    resetCounts() {
      notion.counters.reset();
      mlflowProxy.reset();
      notionProxy.reset();
    },
    async stop() {
      await Promise.all([mlflowProxy.stop(), notionProxy.stop()]);
      await notion.stop();
      await mlflow.stop();
      if (process.env.BENCH_KEEP_DATA !== '1') rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Writes what the first sync of a tier would write -- the page of each version, with the fields the core
 * computes, through the real Notion adapter -- and returns the link tags to write back into MLflow. The first
 * measured reconcile then proves the state is the synced one by reporting every version unchanged.
 */
async function createPagesLikeASync(tier: Tier, mlflowUrl: string, notion: NotionEmulator): Promise<SeedTagPlan[]> {
  const registry = new MlflowRegistry({ trackingUri: mlflowUrl });
  const pages = new NotionPages({ token: notion.token, databaseId: tier.databaseId, baseUrl: notion.url, requestsPerSecond: UNTHROTTLED_RPS });
  try {
    await pages.ensureSchema();
    const versions = [];
    for (const model of tier.models) versions.push(...(await registry.listVersions(model)));
    const tags: SeedTagPlan[] = [];
    await runPool(versions, 8, async (v) => {
      const page = await pages.createPage(pages.normalize(desiredFields(v, { mlflowUrl: registry.versionUrl(v.name, v.version), zenmlUrl: null })));
      tags.push({ name: v.name, version: v.version, key: TAG_NOTION_PAGE_URL, value: page.url });
    });
    return tags;
  } finally {
    await pages.close();
  }
}
