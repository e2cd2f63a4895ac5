/**
 * The rest of the app's own metrics: the Notion limiter's queue, approvals waiting for a decision, and how long
 * Slack requests took to be acknowledged (Slack shows the user an error past 3 s). Read at scrape time where a
 * value exists anyway; labels from closed sets only.
 */
import { Gauge, Histogram } from 'prom-client';
import type { Logger } from '../../core/ports/logger.port';
import { METRIC_PREFIX, type MetricsRegistry } from './metrics-registry';

/** The Notion limiter as the metrics read it. */
export interface NotionLimiterView {
  /** Calls of this process waiting for their turn. */
  queued(): number;
  /** The limiter new calls use now: `shared` (one budget on Redis for every process) or `process`. */
  current(): 'process' | 'shared';
}

export function registerNotionLimiterMetrics(registry: MetricsRegistry, limiter: NotionLimiterView): void {
  new Gauge({
    name: `${METRIC_PREFIX}notion_limiter_queued`,
    help: "Notion calls of this process waiting for their turn at the rate limiter (Notion's ~3 requests/s per integration).",
    registers: [registry],
    collect() {
      this.set(limiter.queued());
    },
  });
  new Gauge({
    name: `${METRIC_PREFIX}notion_limiter_shared`,
    help: 'Whether Notion calls share one budget with every process on Redis now (1), or are paced by this process alone (0: no Redis configured, or Redis unavailable).',
    registers: [registry],
    collect() {
      this.set(limiter.current() === 'shared' ? 1 : 0);
    },
  });
}

/**
 * `modelsync_approvals_pending`: approval requests waiting for a decision (read from the state store at each scrape).
 * When the store cannot be read the gauge is left out of that scrape instead of failing the whole /metrics.
 */
export function registerPendingApprovals(registry: MetricsRegistry, count: () => Promise<number>, logger: Logger): void {
  new Gauge({
    name: `${METRIC_PREFIX}approvals_pending`,
    help: 'Approval requests waiting for a decision (absent from a scrape when the state store could not be read).',
    registers: [registry],
    async collect() {
      try {
        this.set(await count());
      } catch (err) {
        this.reset();
        logger.debug({ err }, 'pending approvals not counted for /metrics: the state store could not be read');
      }
    },
  });
}

/** What a Slack request was: a slash command, a button click, a modal submission, or anything else. */
export const ACK_KINDS = ['command', 'action', 'view', 'other'] as const;
export type AckKind = (typeof ACK_KINDS)[number];

/** `modelsync_slack_ack_seconds{kind}`; returns the function that records one ack. */
export function ackLatencyMetric(registry: MetricsRegistry): (kind: AckKind, seconds: number) => void {
  const histogram = new Histogram({
    name: `${METRIC_PREFIX}slack_ack_seconds`,
    help: 'Time from a Slack request reaching the app (signature checked) to its acknowledgement, by kind (command, action, view, other). Slack gives up after 3 s.',
    labelNames: ['kind'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [registry],
  });
  for (const kind of ACK_KINDS) histogram.zero({ kind });
  return (kind, seconds) => histogram.observe({ kind }, seconds);
}
