/**
 * Admission metrics of the outside systems (MLflow, ZenML), read from the adapters' load snapshots at scrape time:
 * calls in flight and waiting now, and since start the calls started, shed by the app (busy) and served by a read
 * already in flight or by the short read cache. Labels: system, reason, priority (closed sets).
 */
import { Counter, Gauge } from 'prom-client';
import { CALL_PRIORITIES } from '../http/admission-gate';
import type { OutboundLoadSnapshot, OutboundLoadSource } from '../http/outbound-load';
import { METRIC_PREFIX, type MetricsRegistry } from './metrics-registry';

const SHED_REASONS = ['queue_full', 'wait_expired'] as const;

/**
 * Registers admission metrics for these sources: `modelsync_<family>_in_flight{system}` and so on. Family
 * `outbound` for the outside systems; `after_ack` for the app's own queue of work after each Slack ack.
 */
export function registerOutboundMetrics(registry: MetricsRegistry, sources: readonly OutboundLoadSource[], family = 'outbound'): void {
  const snapshots = (): OutboundLoadSnapshot[] => sources.map((s) => s.snapshot());
  const registers = [registry];
  // Gauges show the value now; counters mirror the adapters' own monotonic totals: reset, then set to the total, at
  // each scrape.
  const perSystem = (kind: 'gauge' | 'total', name: string, help: string, value: (s: OutboundLoadSnapshot) => number): void => {
    const options = { name: `${METRIC_PREFIX}${family}_${name}`, help, labelNames: ['system'], registers };
    if (kind === 'gauge') {
      new Gauge({
        ...options,
        collect() {
          for (const s of snapshots()) this.set({ system: s.system }, value(s));
        },
      });
    } else {
      new Counter({
        ...options,
        collect() {
          this.reset();
          for (const s of snapshots()) this.inc({ system: s.system }, value(s));
        },
      });
    }
  };
  const gauge = (name: string, help: string, value: (s: OutboundLoadSnapshot) => number) => perSystem('gauge', name, help, value);
  const total = (name: string, help: string, value: (s: OutboundLoadSnapshot) => number) => perSystem('total', name, help, value);
  gauge('in_flight', 'Calls to the system running now (never above its max in flight).', (s) => s.inFlight);
  gauge('queued', 'Calls waiting for a free slot now.', (s) => s.queued);
  gauge('max_in_flight', 'The configured most calls in flight at once (e.g. MLFLOW_MAX_IN_FLIGHT).', (s) => s.maxInFlight);
  gauge('max_queued', 'The configured most calls waiting at once (e.g. MLFLOW_MAX_QUEUED).', (s) => s.maxQueued);
  total('started_total', 'Calls that got a slot and were sent.', (s) => s.started);
  total('coalesced_total', 'Calls that joined an identical call already in flight instead of sending their own.', (s) => s.coalesced);
  total('cache_hits_total', 'Reads answered from the short read cache without a call.', (s) => s.cacheHits);
  new Counter({
    name: `${METRIC_PREFIX}${family}_shed_total`,
    help: 'Calls refused by the app before reaching the system (the user is told modelsync is busy).',
    labelNames: ['system', 'reason', 'priority'],
    registers,
    collect() {
      this.reset();
      for (const s of snapshots()) {
        for (const reason of SHED_REASONS) for (const priority of CALL_PRIORITIES) this.inc({ system: s.system, reason, priority }, s.shed[reason][priority]);
      }
    },
  });
}
