/**
 * One overload burst against a running app, measured the way issue 19's acceptance table reads: acks, answers
 * (status or "busy") from each ack, MLflow requests and in-flight peak at the counting proxy, shed and coalesced
 * calls and the event loop's delay from the app's own /metrics, and a promotion asked and approved mid-burst.
 * Shared by the integration test (which asserts) and the benchmark (which prints).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { burstFigures, ResponseTracker, sendBurst, type BurstFigures } from './command-burst';
import { promoteAndApprove, type PromotionTimings } from './overload-promotion';
import type { OverloadWorld } from './overload-world';
import type { SlackRequestHarness } from './slack-requests';

/** The shed answer's words (src/slack/blocks/busy.blocks.ts). */
export const isBusyAnswer = (text: string): boolean => /modelsync is busy \(\d+ requests? waiting\)/.test(text);

/** Sums the samples of one metric in Prometheus text, optionally only those whose labels include `labels`. */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = m[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => have.includes(`${k}="${v}"`))) sum += Number(m[3]);
  }
  return sum;
}

/** GET /metrics from loopback (no token: the app serves loopback clients). */
export async function scrapeMetrics(appUrl: string): Promise<string> {
  const res = await fetch(`${appUrl}/metrics`);
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  return res.text();
}

export interface BurstRun extends BurstFigures {
  readonly label: string;
  /** Answers later than the limit after their ack (or none at all). */
  readonly late: number;
  readonly mlflowRequests: number;
  readonly mlflowPeakInFlight: number;
  /** From the app's /metrics, over the burst: MLflow calls shed, and commands the app's own queue shed. */
  readonly shed: number;
  readonly commandsShed: number;
  readonly coalesced: number;
  readonly cacheHits: number;
  readonly eventLoopDelayP99Ms: number;
  readonly eventLoopDelayMaxMs: number;
  /** The sending process's own event-loop delay p99: when high, acks and answers are measured late. */
  readonly senderEventLoopDelayP99Ms: number;
  readonly promotion?: PromotionTimings;
}

export interface BurstPlan {
  readonly label: string;
  readonly count: number;
  readonly concurrency: number;
  /** Which model the i-th command asks about. */
  readonly model: (i: number) => string;
  /** Answers are waited for this long after each ack. */
  readonly answerLimitMs: number;
  /** Ask and approve this promotion once the burst is under way. */
  readonly promote?: { readonly model: string; readonly version: string; readonly afterCommands: number; readonly limitMs: number };
}

/** Runs one burst (and its promotion) and collects its figures. */
export async function runBurst(world: OverloadWorld, appUrl: string, harness: SlackRequestHarness, plan: BurstPlan): Promise<BurstRun> {
  const tracker = new ResponseTracker(world.slack);
  const senderDelay = monitorEventLoopDelay({ resolution: 10 });
  try {
    const before = await scrapeMetrics(appUrl); // also resets the event-loop histogram: its figures cover the burst
    world.proxy.reset();
    senderDelay.enable();
    let sentSoFar = 0;
    let promotion: Promise<PromotionTimings> | undefined;
    const burst = sendBurst({
      harness,
      count: plan.count,
      concurrency: plan.concurrency,
      text: (i) => {
        sentSoFar = i + 1;
        if (plan.promote && !promotion && sentSoFar >= plan.promote.afterCommands) {
          promotion = promoteAndApprove({
            harness,
            slack: world.slack,
            mlflowUrl: world.mlflow.url,
            model: plan.promote.model,
            version: plan.promote.version,
            timeoutMs: plan.promote.limitMs * 2,
          });
        }
        return `status ${plan.model(i)}`;
      },
    });
    const sent = await burst;
    const figures = await burstFigures(sent, tracker, plan.answerLimitMs, isBusyAnswer);
    const promoted = await promotion;
    senderDelay.disable();
    const after = await scrapeMetrics(appUrl);
    const delta = (name: string, labels: Record<string, string> = { system: 'mlflow' }) => metricValue(after, name, labels) - metricValue(before, name, labels);
    const { unanswered, answerMs, ...rest } = figures;
    void answerMs;
    return {
      label: plan.label,
      ...rest,
      late: unanswered.length,
      mlflowRequests: world.proxy.requests().length,
      mlflowPeakInFlight: world.proxy.peakInFlight(),
      shed: delta('modelsync_outbound_shed_total'),
      commandsShed: delta('modelsync_after_ack_shed_total', { system: 'commands' }),
      coalesced: delta('modelsync_outbound_coalesced_total'),
      cacheHits: delta('modelsync_outbound_cache_hits_total'),
      eventLoopDelayP99Ms: metricValue(after, 'nodejs_eventloop_lag_p99_seconds') * 1000,
      eventLoopDelayMaxMs: metricValue(after, 'nodejs_eventloop_lag_max_seconds') * 1000,
      senderEventLoopDelayP99Ms: senderDelay.percentile(99) / 1e6,
      promotion: promoted,
    };
  } finally {
    senderDelay.disable();
    tracker.stop();
  }
}

/** After a burst: one `/model status` timed from send to answer, and /healthz's status. */
export async function measureRecovery(
  world: OverloadWorld,
  appUrl: string,
  harness: SlackRequestHarness,
  model: string,
): Promise<{ statusMs: number; answer: string; healthz: number }> {
  const tracker = new ResponseTracker(world.slack);
  try {
    const t0 = performance.now();
    const sent = await harness.command('/model', `status ${model}`);
    const answer = await tracker.waitFor(sent.responseUrl, 30_000);
    const statusMs = (answer?.at ?? Number.POSITIVE_INFINITY) - t0;
    const healthz = (await fetch(`${appUrl}/healthz`)).status;
    return { statusMs, answer: answer?.text ?? '', healthz };
  } finally {
    tracker.stop();
  }
}
