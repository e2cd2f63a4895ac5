/**
 * The app's one Prometheus registry (prom-client), served on GET /metrics. Every module that measures something
 * registers its metrics here: create them with `registers: [metrics]` (or `collect()` reading a snapshot), name
 * them `modelsync_…` with the unit in the name, and use labels only from small closed sets (system, route, outcome,
 * reason): never a model name, user, channel or anything else a user typed.
 */
import { collectDefaultMetrics, Registry } from 'prom-client';

/** The registry type others add metrics to. */
export type MetricsRegistry = Registry;

/** Prefix of every metric this app defines (process and Node.js metrics keep prom-client's standard names). */
export const METRIC_PREFIX = 'modelsync_';

/**
 * A new registry with prom-client's process and Node.js metrics (RSS, CPU, heap, GC, event-loop delay from
 * `perf_hooks.monitorEventLoopDelay`: nodejs_eventloop_lag_p99_seconds and friends, reset at every scrape).
 * One per app, not the global default, so several apps in one process (tests) do not collide.
 */
export function createMetricsRegistry(options: { readonly defaultMetrics?: boolean } = {}): MetricsRegistry {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  return registry;
}
