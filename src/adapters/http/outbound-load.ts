/**
 * How loaded the app's path to one outside system is: calls in flight and waiting, started, shed (refused by the
 * admission gate) and coalesced (served by a read already in flight, or by the short read cache). Read by the
 * metrics endpoint and the periodic load log; carries no user data.
 */
import type { AdmissionCounts, AdmissionGate } from './admission-gate';
import type { CoalescerCounts, ReadCoalescer } from './read-coalescer';

/** The outside systems with an admission gate, and `commands`: the app's own queue of work after each Slack ack. */
export type OutboundSystem = 'mlflow' | 'zenml' | 'commands';

/** Current values and counters since start. */
export interface OutboundLoadSnapshot extends AdmissionCounts, CoalescerCounts {
  readonly system: OutboundSystem;
  readonly maxInFlight: number;
  readonly maxQueued: number;
}

/** One system's load, as the adapters report it. */
export interface OutboundLoadSource {
  readonly system: OutboundSystem;
  snapshot(): OutboundLoadSnapshot;
  /** Highest in-flight and queued figures since the previous call. */
  takePeaks(): { readonly inFlight: number; readonly queued: number };
}

/** The load source of a gate and, where the adapter has one, its read coalescer. */
export function outboundLoadSource(
  system: OutboundSystem,
  gate: AdmissionGate,
  coalescer?: ReadCoalescer,
  extra?: () => Partial<CoalescerCounts>,
): OutboundLoadSource {
  return {
    system,
    snapshot: () => {
      const more = extra?.() ?? {};
      const reads = coalescer?.counts() ?? { coalesced: 0, cacheHits: 0 };
      return {
        system,
        maxInFlight: gate.settings.maxInFlight,
        maxQueued: gate.settings.maxQueued,
        ...gate.counts(),
        coalesced: reads.coalesced + (more.coalesced ?? 0),
        cacheHits: reads.cacheHits + (more.cacheHits ?? 0),
      };
    },
    takePeaks: () => gate.takePeaks(),
  };
}
