/**
 * `npm run bench:guard`: what the guard (GUARD_MODE=alert, the default) adds to a no-change reconcile's MLflow
 * requests (issue 14), against the real MLflow server behind a counting proxy and the Notion emulator. Runs the
 * real ReconcileRunner of the app's core (the guard inspects after each run), in this process; prints a table.
 * For each tier: one run that records every model, then a no-change full sweep (counted), then the same guard
 * inspection without the run's listing (one read per model, what it cost before), counted too.
 * Knobs: BENCH_GUARD_SIZES=1000 (versions, over 50 models each, model-tagged; add `v` for version-tagged: 1000v).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertMlflowInstalled } from '../scripts/mlflow-server';
import { MlflowRegistry } from '../src/adapters/mlflow';
import { NotionPages } from '../src/adapters/notion';
import { createStore } from '../src/adapters/store/create-store';
import { guardedCore } from '../test/support/guarded-core';
import { systemClock } from '../src/core/ports/clock.port';
import { planTier, startWorld, type BenchWorld, type Tier } from './support/world';

const log = (s: string): void => void process.stderr.write(`[bench:guard] ${s}\n`);

interface Row {
  readonly tier: string;
  readonly sweepAlone: number;
  readonly sweepWithGuard: number;
  readonly guardPerModelReads: number;
}

async function measure(world: BenchWorld, tier: Tier): Promise<Row> {
  const job = world.job(tier, 'reconcile');
  const registry = new MlflowRegistry({ trackingUri: job.mlflowUrl, uiUrl: job.mlflowUiUrl });
  const pages = new NotionPages({ token: job.notionToken, databaseId: job.databaseId, baseUrl: job.notionUrl, requestsPerSecond: job.requestsPerSecond });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'modelsync-bench-guard-'));
  const store = createStore({ sqlitePath: path.join(dir, 'state.sqlite'), clock: systemClock });
  try {
    const { sync, core } = guardedCore({ registry, pages, store, managedTag: tier.managedTag });
    if (core.guard.mode !== 'alert') throw new Error(`the default GUARD_MODE is ${core.guard.mode}, not alert`);
    await core.reconcile.onDemand({ full: true }); // the guard records every model
    world.resetCounts();
    const run = await core.reconcile.onDemand({ full: true });
    if (run.kind !== 'ran' || run.report.created + run.report.updated + run.report.errors > 0)
      throw new Error(`the sweep was not a no-change run: ${JSON.stringify(run)}`);
    const sweepWithGuard = world.mlflowProxy.requests().length;
    world.resetCounts();
    await sync.reconcile({ full: true });
    const sweepAlone = world.mlflowProxy.requests().length;
    world.resetCounts();
    await core.guard.inspect(tier.models, 'sync');
    return { tier: tier.label, sweepAlone, sweepWithGuard, guardPerModelReads: world.mlflowProxy.requests().length };
  } finally {
    await store.close();
    await pages.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  assertMlflowInstalled();
  const sizes = (process.env.BENCH_GUARD_SIZES ?? '1000').split(',').map((s) => s.trim());
  const tiers = sizes.map((s) => planTier(`guard${s}`, Number(s.replace(/v$/, '')), undefined, s.endsWith('v') ? 'versions' : 'models'));
  const world = await startWorld(tiers, tiers, log);
  const rows: Row[] = [];
  try {
    for (const tier of tiers) {
      log(`no-change full sweep of ${tier.versions} versions (${tier.models.length} models, tag on ${tier.tagOn}) with the guard`);
      rows.push(await measure(world, tier));
    }
  } finally {
    await world.stop();
  }
  process.stdout.write('| tier | MLflow requests: sweep alone | sweep + guard (alert) | guard reading each model itself |\n|---|---|---|---|\n');
  for (const r of rows) process.stdout.write(`| ${r.tier} | ${r.sweepAlone} | ${r.sweepWithGuard} | ${r.guardPerModelReads} |\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
