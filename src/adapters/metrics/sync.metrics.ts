/**
 * Sync runs for /metrics: runs by mode and outcome, their duration, and versions by what the run did to them.
 * Labels come from closed sets only (modes, outcomes, the five stats counters); a model name never becomes a label.
 */
import { Counter, Histogram } from 'prom-client';
import { METRIC_PREFIX, type MetricsRegistry } from './metrics-registry';

/**
 * `full`: every managed model (the hourly reconcile, `/model sync`, `modelsync sync`); `incremental`: a run that read
 * only what changed since the last one; `single`: one model or one version (sync-on-write, webhooks, `--model`).
 */
export const SYNC_MODES = ['full', 'incremental', 'single'] as const;
export type SyncMode = (typeof SYNC_MODES)[number];

/** `ok`: finished without errors; `errors`: finished, some versions failed; `busy`: not run (another held the lock or the app was overloaded); `failed`: did not finish (MLflow unreadable). */
export const SYNC_OUTCOMES = ['ok', 'errors', 'busy', 'failed'] as const;
export type SyncOutcome = (typeof SYNC_OUTCOMES)[number];

/** The counters of a sync report, named as the report (and ZenML's integration) names them. */
export const VERSION_OUTCOMES = ['created', 'updated', 'unchanged', 'orphaned', 'errors'] as const;

/** One finished (or failed) run. */
export interface SyncRunObservation {
  readonly mode: SyncMode;
  readonly outcome: SyncOutcome;
  readonly seconds: number;
  /** The report's counters; absent when the run did not finish. */
  readonly stats?: Readonly<Record<(typeof VERSION_OUTCOMES)[number], number>>;
}

/** The sync metrics, registered on `registry`; `observe` records one run. */
export function syncMetrics(registry: MetricsRegistry): { observe(run: SyncRunObservation): void } {
  const registers = [registry];
  const runs = new Counter({
    name: `${METRIC_PREFIX}sync_runs_total`,
    help: 'Sync runs by mode (full, incremental, single) and outcome (ok, errors, busy, failed).',
    labelNames: ['mode', 'outcome'],
    registers,
  });
  const duration = new Histogram({
    name: `${METRIC_PREFIX}sync_duration_seconds`,
    help: 'How long sync runs took, by mode (runs that finished, with or without errors).',
    labelNames: ['mode'],
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
    registers,
  });
  const versions = new Counter({
    name: `${METRIC_PREFIX}sync_versions_total`,
    help: "Model versions (and orphan pages) by what a sync run did with them: created, updated, unchanged, orphaned, errors (the run report's counters).",
    labelNames: ['mode', 'outcome'],
    registers,
  });
  // Zero series from the start, so a rate() over them works before the first run.
  for (const mode of SYNC_MODES) {
    for (const outcome of SYNC_OUTCOMES) runs.inc({ mode, outcome }, 0);
    for (const outcome of VERSION_OUTCOMES) versions.inc({ mode, outcome }, 0);
  }
  return {
    observe({ mode, outcome, seconds, stats }) {
      runs.inc({ mode, outcome });
      if (!stats) return;
      duration.observe({ mode }, seconds);
      for (const o of VERSION_OUTCOMES) versions.inc({ mode, outcome: o }, stats[o]);
    },
  };
}
