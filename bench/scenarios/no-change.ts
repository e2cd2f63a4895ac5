/** Items 1, 2 and 6: a reconcile with nothing to do, by the real engine and by the naive baseline. */
import { isWrite } from '../../test/support/counting-proxy';
import { runChild } from '../support/child';
import type { BenchWorld, Tier } from '../support/world';
import type { SyncStats } from '../../src/core/sync/sync-report';
import type { ChildJob } from '../reconcile.child';

/** Notion's documented average rate: what a run's Notion calls cost at least, in seconds, against the real API. */
export const NOTION_RPS = 3;

/** The counts and costs of one measured run. */
export interface RunMeasure {
  readonly label: string;
  readonly mode: 'reconcile' | 'naive';
  readonly versions: number;
  readonly models: number;
  readonly stats: SyncStats | null;
  readonly notionRequests: number;
  /** Queries and GETs. */
  readonly notionReads: number;
  readonly mlflowRequests: number;
  /** Writes to either system (Notion page create/update/trash, MLflow POST/PATCH/DELETE). */
  readonly writes: number;
  readonly wallMs: number;
  /** notionRequests / 3 s: the floor Notion's rate limit puts under the same run against the real API. */
  readonly notionFloorS: number;
  readonly maxRssMb: number;
  readonly notionByRoute: Readonly<Record<string, number>>;
  readonly mlflowByPath: Readonly<Record<string, number>>;
  readonly failures: string[];
  /** Time inside the reconcile call (its report's durationMs). */
  readonly inCallMs?: number;
  /** The reconcile's mode (full / incremental), when it had a state store. */
  readonly runMode?: string;
}

/** Runs one sync of `tier` in a child process and measures it. */
export async function measureRun(world: BenchWorld, tier: Tier, mode: 'reconcile' | 'naive', extra: Partial<ChildJob> = {}): Promise<RunMeasure> {
  world.resetCounts();
  const result = await runChild(world.job(tier, mode, extra));
  const notion = world.notion.counters.snapshot();
  const mlflow = world.mlflowProxy.requests();
  const notionLog = world.notionProxy.requests();
  const mlflowByPath: Record<string, number> = {};
  for (const r of mlflow) {
    const key = `${r.method} ${r.path.replace('/api/2.0/mlflow', '')}`;
    mlflowByPath[key] = (mlflowByPath[key] ?? 0) + 1;
  }
  const notionWrites = notionLog.filter(isWrite).length;
  return {
    label: tier.label,
    mode,
    versions: tier.versions,
    models: tier.models.length,
    stats: result.stats,
    notionRequests: notion.total,
    notionReads: notion.total - notionWrites,
    mlflowRequests: mlflow.length,
    writes: notionWrites + mlflow.filter(isWrite).length,
    wallMs: result.wallMs,
    notionFloorS: notion.total / NOTION_RPS,
    maxRssMb: result.maxRssMb,
    notionByRoute: notion.byRoute,
    mlflowByPath,
    failures: result.failures,
    inCallMs: result.inCallMs,
    runMode: result.mode,
  };
}

/** The RSS floor of a child that loads node, ts-node and the sync modules and then does nothing. */
export async function idleRssMb(world: BenchWorld, tier: Tier): Promise<number> {
  return (await runChild(world.job(tier, 'idle'))).maxRssMb;
}
