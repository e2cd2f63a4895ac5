/**
 * `npm run bench:100k`: a no-change full sweep of 100,000 versions (2,000 models × 50) against the real MLflow server
 * and the Notion emulator, in its own node process on the compiled JavaScript of dist/ (what the bin runs).
 * `npm run bench:100k-vtag`: the same with the managed tag on the versions instead of the models.
 * `npm run bench:in-call`: the same at N = 1,000 (50 models × 20, the managed tag on the versions), 5 runs, for the
 * in-call target (≤ 0.5 s).
 *
 * Seeding is bulk, so it fits in minutes on a 2-core machine: MLflow's SQLite backend gets its rows in one
 * transaction before the real `mlflow server` starts on it (bench/seed/seed_mlflow.py, "bulk"); the versions are then
 * read back through the server, and their Notion pages are written into the emulator's store in-process as the app's
 * integration (created_by its bot, 100 a minute back in time, the fields the sync computes); the notion_page_url tags
 * go back into SQLite in bulk and MLflow restarts. The measured run must then find every version unchanged.
 *
 * Prints: wall time, in-call time, Notion and MLflow requests (by route), writes, peak RSS of the syncing process,
 * the load average before and after. Knobs: BENCH_SCALE_MODELS (2000), BENCH_SCALE_PER_MODEL (50),
 * BENCH_SCALE_TAG_ON=models|versions, BENCH_SCALE_RUNS (1), BENCH_SCALE_TIMEOUT_S (1800), BENCH_SCALE_SRC=dist|ts,
 * BENCH_SCALE_REPEAT (reconciles per measured process, default 1: the second call runs warm, as an app's hourly run
 * does), BENCH_SCALE_WARMUP (unmeasured runs first, default 0), BENCH_SCALE_SECTION (the marked section of BENCH_DOC, default docs/benchmarks.md, that the figures replace; unset:
 * printed only), BENCH_CPU_PROF=<dir> (a CPU profile of each measured process).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_EMULATOR_TOKEN, startNotionEmulator, type NotionEmulator } from '../emulators/notion';
import { assertMlflowInstalled, freePort } from '../scripts/mlflow-server';
import { MlflowRegistry } from '../src/adapters/mlflow';
import { NotionPages } from '../src/adapters/notion';
import { toNotionProperties } from '../src/adapters/notion/notion.fields';
import { TAG_NOTION_PAGE_URL } from '../src/core/domain/model-version';
import { desiredFields } from '../src/core/sync/desired-fields';
import { startCountingProxy, isWrite } from '../test/support/counting-proxy';
import type { ChildResult } from './reconcile.child';
import { runChild } from './support/child';
import { replaceSection } from './support/doc-section';
import { describeMachine } from './support/machine';
import { restartableMlflow, writeThroughStore, type SeedModelPlan, type SeedTagPlan } from './support/mlflow-store';
import { transpileForChildren } from './support/transpile';
import { UNTHROTTLED_RPS } from './support/world';

const log = (s: string): void => void process.stderr.write(`[bench:scale] ${s}\n`);
const num = (name: string, fallback: number): number => {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${process.env[name]}`);
  return n;
};
const fmt = (n: number): string => n.toLocaleString('en-US');
const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const load = (l: readonly number[]): string => l.map((x) => x.toFixed(2)).join(' / ');

/** Pages a minute, going back in time: Notion's created_time has minute precision and one query lists 10,000 rows. */
const PAGES_PER_MINUTE = 100;

async function main(): Promise<void> {
  assertMlflowInstalled();
  const models = num('BENCH_SCALE_MODELS', 2000);
  const perModel = num('BENCH_SCALE_PER_MODEL', 50);
  const runs = num('BENCH_SCALE_RUNS', 1);
  const tagOn = process.env.BENCH_SCALE_TAG_ON === 'versions' ? 'versions' : 'models';
  const n = models * perModel;
  const deadline = setTimeout(
    () => {
      log(`gave up after BENCH_SCALE_TIMEOUT_S`);
      process.exit(2);
    },
    num('BENCH_SCALE_TIMEOUT_S', 1800) * 1000,
  );
  deadline.unref();
  const started = performance.now();
  const before = await describeMachine();
  log(`N = ${fmt(n)} (${fmt(models)} models × ${perModel}), managed tag on ${tagOn}; load average ${load(before.loadAvg)}`);
  const fromDist = process.env.BENCH_SCALE_SRC !== 'ts';
  log(`children on ${fromDist ? 'dist/ (compiled by scripts/build.js)' : 'transpiled src/'}: ready in ${secs(transpileForChildren({ fromDist }))}`);

  const managedTag = `modelsync.bench.scale${n}`;
  const tag = { [managedTag]: 'true' };
  const plan: SeedModelPlan[] = Array.from({ length: models }, (_, i) => {
    const name = `bench-scale-m${String(i).padStart(5, '0')}`;
    return tagOn === 'versions' ? { name, tags: {}, versions: perModel, versionTags: tag } : { name, tags: tag, versions: perModel };
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'modelsync-bench-scale-'));
  let notion: NotionEmulator | undefined;
  const stops: (() => Promise<void>)[] = [];
  try {
    const seeded = await writeThroughStore(dataDir, { models: plan, bulk: true });
    log(`MLflow: ${fmt(seeded.versions)} versions of ${fmt(seeded.models)} models written in bulk in ${seeded.seconds.toFixed(1)} s`);
    const port = await freePort();
    const mlflow = await restartableMlflow(dataDir, port);
    stops.push(() => mlflow.stop());
    log(`MLflow server up in ${secs(await mlflow.start())}`);
    const mlflowUrl = `http://127.0.0.1:${port}`;
    notion = await startNotionEmulator();
    const { databaseId, dataSourceId } = notion.seedDatabase({ title: 'Models at scale', properties: { 'Model Name': { title: {} } } });

    const t0 = performance.now();
    const tags = await pagesLikeASync(notion, databaseId, dataSourceId, mlflowUrl, plan, n);
    log(`Notion: ${fmt(tags.length)} pages written into the emulator's store in ${secs(performance.now() - t0)}`);
    await mlflow.stop();
    const tagged = await writeThroughStore(dataDir, { versionTags: tags, bulk: true });
    log(`MLflow: ${fmt(tagged.tags)} notion_page_url tags written in bulk in ${tagged.seconds.toFixed(1)} s; server back up in ${secs(await mlflow.start())}`);
    await fetch(`${mlflowUrl}/api/2.0/mlflow/registered-models/search?max_results=1`).catch(() => undefined);

    const [mlflowProxy, notionProxy] = await Promise.all([startCountingProxy(mlflowUrl), startCountingProxy(notion.url)]);
    stops.push(
      () => mlflowProxy.stop(),
      () => notionProxy.stop(),
    );
    const repeat = num('BENCH_SCALE_REPEAT', 1);
    const job = {
      mode: 'reconcile' as const,
      mlflowUrl: mlflowProxy.url,
      mlflowUiUrl: mlflowUrl,
      notionUrl: notionProxy.url,
      notionToken: DEFAULT_EMULATOR_TOKEN,
      databaseId,
      managedTag,
      requestsPerSecond: UNTHROTTLED_RPS,
      repeat,
    };
    for (let i = 0; i < Number(process.env.BENCH_SCALE_WARMUP ?? 0); i += 1) {
      const w = await runChild(job);
      log(`warm-up run (not counted): in call ${(w.inCallEach ?? []).map(secs).join(', ')}`);
    }
    const results: Run[] = [];
    for (let i = 0; i < runs; i += 1) {
      notion.counters.reset();
      mlflowProxy.reset();
      notionProxy.reset();
      const loadBefore = (await describeMachine()).loadAvg;
      const child = await runChild(job);
      const counts = notion.counters.snapshot();
      const mlflowLog = mlflowProxy.requests();
      const mlflowByPath: Record<string, number> = {};
      for (const r of mlflowLog) {
        const key = `${r.method} ${r.path.replace('/api/2.0/mlflow', '')}`;
        mlflowByPath[key] = (mlflowByPath[key] ?? 0) + 1;
      }
      const writes = notionProxy.requests().filter(isWrite).length + mlflowLog.filter(isWrite).length;
      const result = {
        run: i + 1,
        loadBefore,
        loadAfter: (await describeMachine()).loadAvg,
        child,
        notion: counts.total,
        notionByRoute: counts.byRoute,
        mlflow: mlflowLog.length,
        mlflowByPath,
        writes,
      };
      results.push(result);
      log(
        `run ${i + 1}: ${JSON.stringify(child.stats)}; wall ${secs(child.wallMs)}, in call ${(child.inCallEach ?? []).map(secs).join(', ')} (CPU ${(child.cpuEach ?? []).map(secs).join(', ')}), peak RSS ${child.maxRssMb.toFixed(0)} MB; ` +
          `Notion ${counts.total}, MLflow ${mlflowLog.length} requests, ${writes} writes; load ${load(loadBefore)} → ${load(result.loadAfter)}`,
      );
      if (child.failures.length > 0) log(`failures: ${child.failures.join(' | ')}`);
    }
    const after = await describeMachine();
    const inCall = results.map((r) => r.child.inCallMs ?? NaN).sort((a, b) => a - b);
    const warm = results.map((r) => r.child.inCallEach?.[1] ?? NaN).sort((a, b) => a - b);
    const summary = {
      n,
      models,
      perModel,
      tagOn,
      code: fromDist ? 'dist (compiled JS)' : 'transpiled TS',
      node: before.node,
      mlflow: before.mlflow,
      cpus: before.cpus,
      loadBefore: before.loadAvg,
      loadAfter: after.loadAvg,
      repeat,
      inCallMs: { min: inCall[0], median: inCall[Math.floor(inCall.length / 2)], max: inCall[inCall.length - 1] },
      inCallSecondCallMs: repeat > 1 ? { min: warm[0], median: warm[Math.floor(warm.length / 2)], max: warm[warm.length - 1] } : undefined,
      benchSeconds: (performance.now() - started) / 1000,
      runs: results.map((r) => ({
        stats: r.child.stats,
        wallMs: Math.round(r.child.wallMs),
        inCallMs: r.child.inCallMs,
        peakRssMb: Math.round(r.child.maxRssMb),
        notionRequests: r.notion,
        mlflowRequests: r.mlflow,
        writes: r.writes,
        notionByRoute: r.notionByRoute,
        mlflowByPath: r.mlflowByPath,
        loadBefore: r.loadBefore,
        loadAfter: r.loadAfter,
      })),
    };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    const section = process.env.BENCH_SCALE_SECTION;
    const doc = process.env.BENCH_DOC ?? 'docs/benchmarks.md';
    if (section && doc !== 'none') {
      writeFileSync(doc, replaceSection(readFileSync(doc, 'utf8'), section, sectionBody(summary, results, section)));
      log(`wrote the ${section} section of ${doc}`);
    }
    const bad = results.filter((r) => r.child.stats?.unchanged !== n || r.writes !== 0);
    if (bad.length > 0) throw new Error(`a run was not a no-change sweep of ${n} versions: ${JSON.stringify(bad.map((r) => r.child.stats))}`);
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await notion?.stop();
    if (process.env.BENCH_KEEP_DATA !== '1') rmSync(dataDir, { recursive: true, force: true });
  }
}

type Summary = { n: number; models: number; perModel: number; tagOn: string; code: string; node: string; mlflow: string; cpus: number };
type Run = {
  run: number;
  loadBefore: number[];
  loadAfter: number[];
  child: ChildResult;
  notion: number;
  mlflow: number;
  writes: number;
  notionByRoute: Record<string, number>;
  mlflowByPath: Record<string, number>;
};

/** The figures as a markdown section (generated: a rerun replaces it). */
function sectionBody(s: Summary & { repeat: number }, runs: readonly Run[], section: string): string {
  const each = (r: Run): string => (r.child.inCallEach ?? [r.child.inCallMs ?? NaN]).map(secs).join(' / ');
  const stat = (xs: number[]): string => {
    const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
    return v.length === 0 ? '–' : `${secs(v[0] as number)} / ${secs(v[Math.floor(v.length / 2)] as number)} / ${secs(v[v.length - 1] as number)}`;
  };
  const routes = (r: Record<string, number>): string =>
    Object.entries(r)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
  const command = section.startsWith('in-call') ? 'npm run bench:in-call' : section.endsWith('-vtag') ? 'npm run bench:100k-vtag' : 'npm run bench:100k';
  return [
    `### No-change full sweep, N = ${fmt(s.n)} (${fmt(s.models)} models × ${s.perModel}, managed tag on the ${s.tagOn}) — \`${command}\``,
    '',
    `Generated by \`${command}\` (bench/scale.ts) on ${new Date().toISOString()}; do not edit the figures by hand. ${s.cpus} CPUs, node ${s.node}, ` +
      `mlflow ${s.mlflow}; the syncing process runs ${s.code}, emulator limit off, adapter unthrottled. Load average (1 / 5 / 15 min) is taken ` +
      'right before and after each run: the machine is shared, and the figures move with it.',
    '',
    s.repeat > 1
      ? `Each run is a fresh process that reconciles ${s.repeat} times: "in call" lists each call (the first pays for a cold process: JIT, ` +
        "schema compilation, a small heap; the next ones run as an app's hourly sync does); requests and writes are of all its calls."
      : 'Each run is a fresh process that reconciles once.',
    '',
    '| run | load before → after | wall | in call | CPU in call | peak RSS | Notion requests | MLflow requests | writes | outcome (last call) |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...runs.map(
      (r) =>
        `| ${r.run} | ${load(r.loadBefore)} → ${load(r.loadAfter)} | ${secs(r.child.wallMs)} | ${each(r)} | ${(r.child.cpuEach ?? []).map(secs).join(' / ')} | ${r.child.maxRssMb.toFixed(0)} MB | ${r.notion} | ${r.mlflow} | ${r.writes} | ${JSON.stringify(r.child.stats)} |`,
    ),
    '',
    `In call, min / median / max over the runs — first call: ${stat(runs.map((r) => r.child.inCallEach?.[0] ?? r.child.inCallMs ?? NaN))}` +
      (s.repeat > 1 ? `; second call: ${stat(runs.map((r) => r.child.inCallEach?.[1] ?? NaN))}.` : '.'),
    '',
    `Requests of run 1 by route — Notion: ${routes(runs[0]?.notionByRoute ?? {})}; MLflow: ${routes(runs[0]?.mlflowByPath ?? {})}.`,
  ].join('\n');
}

/**
 * The pages the first sync would have written: each version read back through the server (MLflow decides every
 * field), its page made in the emulator's store as the integration (so the app owns it), 100 per minute back in time.
 */
async function pagesLikeASync(
  notion: NotionEmulator,
  databaseId: string,
  dataSourceId: string,
  mlflowUrl: string,
  plan: readonly SeedModelPlan[],
  n: number,
): Promise<SeedTagPlan[]> {
  const registry = new MlflowRegistry({ trackingUri: mlflowUrl });
  const adapter = new NotionPages({ token: notion.token, databaseId, baseUrl: notion.url, requestsPerSecond: UNTHROTTLED_RPS });
  await adapter.ensureSchema();
  await adapter.close();
  const bot = notion.botUser().id;
  const firstMinute = Date.now() - Math.ceil(n / PAGES_PER_MINUTE) * 60_000 - 3_600_000;
  const tags: SeedTagPlan[] = [];
  for (let i = 0; i < plan.length; i += 100) {
    const models = plan.slice(i, i + 100).map((m) => ({ name: m.name, description: '', tags: m.tags }));
    const versions = await registry.listVersionsOfModels(models);
    versions.sort((a, b) => a.name.localeCompare(b.name) || Number(a.version) - Number(b.version));
    for (const v of versions) {
      const fields = adapter.normalize(desiredFields(v, { mlflowUrl: registry.versionUrl(v.name, v.version), zenmlUrl: null }));
      const createdTime = new Date(firstMinute + Math.floor(tags.length / PAGES_PER_MINUTE) * 60_000).toISOString();
      const page = notion.createPageAs(bot, dataSourceId, toNotionProperties(fields), { createdTime });
      tags.push({ name: v.name, version: v.version, key: TAG_NOTION_PAGE_URL, value: String(page.url) });
    }
  }
  return tags;
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
