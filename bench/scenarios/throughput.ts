/** Item 3: an initial sync under the emulator's Notion rate limit (3 requests/s, burst 10). */
import { NOTION_RATE_LIMIT } from '../../emulators/notion';
import { runChild } from '../support/child';
import type { BenchWorld, Tier } from '../support/world';
import type { SyncStats } from '../../src/core/sync/sync-report';
import { DEFAULT_REQUESTS_PER_SECOND } from '../../src/adapters/notion';

/** What an initial sync under the limit achieved. */
export interface ThroughputMeasure {
  readonly versions: number;
  readonly stats: SyncStats | null;
  readonly notionRequests: number;
  /** Requests per second between the first and the last Notion request. */
  readonly achievedRps: number;
  readonly limitRps: number;
  readonly percentOfLimit: number;
  readonly answers429: number;
  /** Requests that started less than one second (the smallest Retry-After) after a 429 reached the client. */
  readonly sentDuringPause: number;
  readonly wallMs: number;
  readonly mlflowRequests: number;
  /** Median MLflow round trip during the run (the other leg each version waits for). */
  readonly mlflowMedianMs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : (s[Math.floor(s.length / 2)] as number);
}

/** Creates every page of `tier` (not synced before) with the limit on and the adapter at its default pace. */
export async function measureThroughput(world: BenchWorld, tier: Tier): Promise<ThroughputMeasure> {
  world.resetCounts();
  world.notion.setRateLimit(NOTION_RATE_LIMIT);
  let result;
  try {
    result = await runChild(world.job(tier, 'reconcile', { requestsPerSecond: DEFAULT_REQUESTS_PER_SECOND }));
  } finally {
    world.notion.setRateLimit(null);
  }
  const log = [...world.notionProxy.requests()].sort((a, b) => a.startMs - b.startMs);
  const first = log[0];
  const last = log[log.length - 1];
  const spanS = first && last && log.length > 1 ? (last.startMs - first.startMs) / 1000 : 0;
  const achievedRps = spanS > 0 ? (log.length - 1) / spanS : 0;
  const pauses = log.filter((r) => r.status === 429).map((r) => r.endMs);
  const sentDuringPause = log.filter((r) => pauses.some((t) => r.startMs > t && r.startMs < t + 1000)).length;
  const mlflow = world.mlflowProxy.requests();
  return {
    versions: tier.versions,
    stats: result.stats,
    notionRequests: world.notion.counters.snapshot().total,
    achievedRps,
    limitRps: NOTION_RATE_LIMIT.requestsPerSecond,
    percentOfLimit: (achievedRps / NOTION_RATE_LIMIT.requestsPerSecond) * 100,
    answers429: world.notion.counters.snapshot().byStatus['429'] ?? 0,
    sentDuringPause,
    wallMs: result.wallMs,
    mlflowRequests: mlflow.length,
    mlflowMedianMs: median(mlflow.map((r) => r.endMs - r.startMs)),
  };
}
