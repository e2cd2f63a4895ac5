import { AdmissionGate, AdmissionRefused, type AdmissionSettings } from '../../adapters/http/admission-gate';
import { withDeadline } from '../../adapters/http/call-deadline';
import { outboundLoadSource, type OutboundLoadSource } from '../../adapters/http/outbound-load';
import { ModelsyncError, requestsWaiting, type BusySignal } from '../../core/errors';

/**
 * What listeners do after their ack (run the use case, answer through respond) runs through one admission gate:
 * a bounded number at once, changes people asked for first, and a read-only command that cannot start soon is
 * answered "busy" instead of waiting. Without it a burst answered from one shared read resumes hundreds of
 * commands at once, whose store reads, renders and answers delay the next requests' acks (measured with 1,000
 * commands for one model on a loaded machine: ack p99 1.2–3.9 s without, 0.2–0.9 s with, event-loop delay p99
 * 86–721 ms without, 44–83 ms with).
 */
export type AfterAckKind = 'change' | 'read';

/**
 * 32 at once keeps answers flowing (each mostly waits for the store or Slack) while the burst's CPU work stays in
 * small slices. A read-only command has 2 s from its ack to get everything it waits for (a slot here, then its
 * MLflow slots): past that it is told "busy", within Slack users' 3 s (the rest is for the answer's own trip).
 * Changes wait up to a minute.
 */
export const DEFAULT_AFTER_ACK: AdmissionSettings = { maxInFlight: 32, maxQueued: 1_000, readMaxWaitMs: 2_000, priorityMaxWaitMs: 60_000 };

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
   * A read's remaining budget goes with it as a deadline, so its MLflow waits end when the budget does.
   */
  async run<T>(kind: AfterAckKind, work: () => Promise<T>): Promise<T> {
    try {
      if (kind === 'change') return await this.gate.run('interactive', work);
      const deadline = Date.now() + this.gate.settings.readMaxWaitMs;
      return await this.gate.run('read', () => withDeadline(deadline, work));
    } catch (e) {
      if (e instanceof AdmissionRefused) throw new CommandsBusyError(e.waiting, e.reason);
      throw e;
    }
  }
}
