import { AdmissionGate, AdmissionRefused, type AdmissionSettings } from '../../adapters/http/admission-gate';
import { withDeadline } from '../../adapters/http/call-deadline';
import { outboundLoadSource, type OutboundLoadSource } from '../../adapters/http/outbound-load';
import { ModelsyncError, requestsWaiting, type BusySignal } from '../../core/errors';

/**
 * What listeners do after their ack (run the use case, answer through respond) runs through one admission gate:
 * a bounded number at once, changes people asked for first; a read-only command that cannot start within 8 s is
 * answered "busy" instead of waiting longer, and its waits for MLflow end 2 s after its ack. Without it a burst answered from one shared read resumes hundreds of
 * commands at once, whose store reads, renders and answers delay the next requests' acks (measured with 1,000
 * commands for one model on a loaded machine: ack p99 1.2–3.9 s without, 0.2–0.9 s with, event-loop delay p99
 * 86–721 ms without, 44–83 ms with).
 */
export type AfterAckKind = 'change' | 'read';

/**
 * 32 at once keeps answers flowing (each mostly waits for the store or Slack) while the burst's CPU work stays in
 * small slices. Waiting here is waiting for this app's own CPU: a read may wait up to 8 s (its answer is still due
 * within 10 s), a change up to a minute.
 */
export const DEFAULT_AFTER_ACK: AdmissionSettings = { maxInFlight: 32, maxQueued: 1_000, readMaxWaitMs: 8_000, priorityMaxWaitMs: 60_000 };

/**
 * A read-only command's budget for waiting on MLflow, from its ack: its MLflow waits end 2 s after the ack (a call
 * may still start on a free slot), so when MLflow is the bottleneck the "busy" answer comes within Slack users' 3 s.
 */
export const READ_COMMAND_BUDGET_MS = 2_000;

/** The app's own queue refused the command before it started: nothing was done. */
export class CommandsBusyError extends ModelsyncError implements BusySignal {
  readonly code = 'slack_busy' as const;
  readonly system = 'slack' as const;
  readonly busy = true as const;

  constructor(
    readonly waiting: number,
    readonly reason: 'queue_full' | 'wait_expired',
  ) {
    super(`modelsync is busy (${requestsWaiting(waiting)}); nothing was done, try again in a minute.`);
  }
}

export class AfterAckWork {
  private readonly gate: AdmissionGate;
  /** Commands being worked on and waiting (system `commands` in the load log and /metrics). */
  readonly load: OutboundLoadSource;

  constructor(settings: AdmissionSettings = DEFAULT_AFTER_ACK) {
    this.gate = new AdmissionGate(settings);
    this.load = outboundLoadSource('commands', this.gate);
  }

  /**
   * Runs `work` when a slot is free (changes before reads); its result or error is the caller's, or CommandsBusyError.
   * A read carries the deadline of its budget (READ_COMMAND_BUDGET_MS from now) into its MLflow waits.
   */
  async run<T>(kind: AfterAckKind, work: () => Promise<T>): Promise<T> {
    try {
      if (kind === 'change') return await this.gate.run('interactive', work);
      const deadline = Date.now() + READ_COMMAND_BUDGET_MS;
      return await this.gate.run('read', () => withDeadline(deadline, work));
    } catch (e) {
      if (e instanceof AdmissionRefused) throw new CommandsBusyError(e.waiting, e.reason);
      throw e;
    }
  }
}
