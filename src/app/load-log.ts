import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { totalShed } from '../adapters/http/admission-gate';
import type { OutboundLoadSnapshot, OutboundLoadSource } from '../adapters/http/outbound-load';
import type { Logger } from '../core/ports/logger.port';

/** How often the load summary may be logged (only when something happened since the last one). */
export const LOAD_LOG_INTERVAL_MS = 10_000;

/** Figures of one system over one interval. */
export interface LoadLine {
  readonly inFlight: number;
  readonly queued: number;
  readonly peakInFlight: number;
  readonly peakQueued: number;
  readonly started: number;
  readonly shed: number;
  readonly coalesced: number;
  readonly cacheHits: number;
}

export interface LoadLog {
  /** Logs a summary now if anything happened since the last one (the timer calls this). */
  report(): void;
  stop(): void;
}

function delta(now: OutboundLoadSnapshot, before: OutboundLoadSnapshot | undefined): Omit<LoadLine, 'peakInFlight' | 'peakQueued'> {
  return {
    inFlight: now.inFlight,
    queued: now.queued,
    started: now.started - (before?.started ?? 0),
    shed: totalShed(now) - (before ? totalShed(before) : 0),
    coalesced: now.coalesced - (before?.coalesced ?? 0),
    cacheHits: now.cacheHits - (before?.cacheHits ?? 0),
  };
}

/**
 * One `outbound load` line per interval in which any outside system was called (never one per request): per
 * system the calls in flight and waiting now, their peaks, and the calls started, shed, coalesced and answered
 * from cache during the interval, plus the event loop's delay p99 over the interval (perf_hooks).
 */
export function startLoadLog(options: { sources: readonly OutboundLoadSource[]; logger: Logger; intervalMs?: number }): LoadLog {
  const previous = new Map<string, OutboundLoadSnapshot>();
  const delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const report = (): void => {
    const systems: Record<string, LoadLine> = {};
    let busy = false;
    for (const source of options.sources) {
      const now = source.snapshot();
      const d = delta(now, previous.get(source.system));
      const peaks = source.takePeaks();
      previous.set(source.system, now);
      if (d.started + d.shed + d.coalesced + d.cacheHits + d.inFlight + d.queued === 0) continue;
      busy = true;
      systems[source.system] = { ...d, peakInFlight: peaks.inFlight, peakQueued: peaks.queued };
    }
    const eventLoopDelayP99Ms = Math.round(delay.percentile(99) / 1e5) / 10;
    delay.reset();
    if (busy) options.logger.info({ ...systems, eventLoopDelayP99Ms }, 'outbound load');
  };
  const timer = setInterval(report, options.intervalMs ?? LOAD_LOG_INTERVAL_MS);
  timer.unref();
  return {
    report,
    stop: () => {
      clearInterval(timer);
      delay.disable();
    },
  };
}
