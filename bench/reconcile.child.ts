/**
 * One measured sync in its own process, so each size's peak RSS is its own. Reads its job from the
 * BENCH_CHILD environment variable (JSON) and prints one JSON line: stats, wall time, peak RSS.
 * Modes: "reconcile" (the real Reconciler), "naive" (bench/naive-baseline.ts), "idle" (imports only: the
 * RSS floor of node + ts-node + these modules, subtracted to show what the sync itself costs).
 */
import { MlflowRegistry } from '../src/adapters/mlflow';
import { NotionPages } from '../src/adapters/notion';
import { systemClock } from '../src/core/ports/clock.port';
import { silentLogger } from '../src/core/ports/logger.port';
import { Reconciler } from '../src/core/sync/reconciler';
import { createStore } from '../src/adapters/store/create-store';
import { statsOf, type SyncStats } from '../src/core/sync/sync-report';
import { naiveReconcile } from './naive-baseline';

/** The job a parent hands to this process. */
export interface ChildJob {
  readonly mode: 'reconcile' | 'naive' | 'idle';
  readonly mlflowUrl: string;
  /** Fixed base of MLflow links, so pages written through any proxy compare equal. */
  readonly mlflowUiUrl: string;
  readonly notionUrl: string;
  readonly notionToken: string;
  readonly databaseId: string;
  readonly managedTag: string;
  readonly model?: string;
  readonly requestsPerSecond: number;
  /** A SQLite state store here: the run reads and moves the watermark (incremental runs); none: always a full sweep. */
  readonly statePath?: string;
  /** `--full`. */
  readonly full?: boolean;
  /** Reconciles this many times in the process (default 1): the calls after the first run warm (JIT, heap, schemas). */
  readonly repeat?: number;
}

/** What the child prints. */
export interface ChildResult {
  readonly stats: SyncStats | null;
  readonly wallMs: number;
  readonly maxRssMb: number;
  readonly failures: string[];
  /** The reconcile's own duration (report.durationMs): time inside the call, without process start or imports. */
  readonly inCallMs?: number;
  /** Each call's in-call time, when the job repeats. */
  readonly inCallEach?: number[];
  /** Each call's CPU time (user + system) in this process: what the load of the machine changes least. */
  readonly cpuEach?: number[];
  readonly mode?: string;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.env.BENCH_CHILD ?? '{}') as ChildJob;
  const registry = new MlflowRegistry({ trackingUri: job.mlflowUrl, uiUrl: job.mlflowUiUrl });
  const pages = new NotionPages({ token: job.notionToken, databaseId: job.databaseId, baseUrl: job.notionUrl, requestsPerSecond: job.requestsPerSecond });
  const t0 = performance.now();
  let stats: SyncStats | null = null;
  let failures: string[] = [];
  let inCallMs: number | undefined;
  const inCallEach: number[] = [];
  const cpuEach: number[] = [];
  let mode: string | undefined;
  if (job.mode === 'reconcile') {
    const store = job.statePath ? createStore({ sqlitePath: job.statePath, clock: systemClock }) : undefined;
    const reconciler = new Reconciler({ registry, pages, managedTag: job.managedTag, clock: systemClock, logger: silentLogger, state: store?.state });
    for (let i = 0; i < (job.repeat ?? 1); i += 1) {
      const cpu0 = process.cpuUsage();
      const report = await reconciler.reconcile({ ...(job.model ? { model: job.model } : {}), ...(job.full ? { full: true } : {}) });
      stats = statsOf(report);
      inCallMs ??= report.durationMs;
      inCallEach.push(report.durationMs);
      const cpu = process.cpuUsage(cpu0);
      cpuEach.push((cpu.user + cpu.system) / 1000);
      mode = report.mode;
      failures = report.failures.slice(0, 5).map((f) => `${f.system}: ${f.reason}`);
    }
    await store?.close();
  } else if (job.mode === 'naive') {
    stats = await naiveReconcile(
      registry,
      pages,
      { baseUrl: job.notionUrl, token: job.notionToken, databaseId: job.databaseId, requestsPerSecond: job.requestsPerSecond },
      job.managedTag,
    );
  }
  const wallMs = performance.now() - t0;
  await pages.close();
  const result: ChildResult = { stats, wallMs, maxRssMb: process.resourceUsage().maxRSS / 1024, failures, inCallMs, inCallEach, cpuEach, mode };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
