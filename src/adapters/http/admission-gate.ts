/**
 * The one admission point in front of an outside system (MLflow, ZenML): at most `maxInFlight` calls at once,
 * behind a wait queue bounded by length and by age, with priorities. A call that cannot start within its budget
 * is refused at once, so the system is never handed work whose caller has already given up.
 */
import Bottleneck from 'bottleneck';

/**
 * Who is waiting for a call, most important first:
 * - `interactive`: approvals, promotions, registrations and other state changes a person asked for;
 * - `background`: the scheduled and on-demand sync, webhook deliveries;
 * - `read`: read-only commands (status, list; later App Home and unfurls): shed first under overload.
 */
export type CallPriority = 'interactive' | 'background' | 'read';

export const CALL_PRIORITIES: readonly CallPriority[] = ['interactive', 'background', 'read'];

/** Bottleneck runs lower numbers first (0–9); the gaps leave room for classes in between. */
const BOTTLENECK_PRIORITY: Readonly<Record<CallPriority, number>> = { interactive: 1, background: 3, read: 7 };

/** Why a call was refused. */
export type ShedReason = 'queue_full' | 'wait_expired';

export interface AdmissionSettings {
  /** Calls running at once (the system's real capacity, e.g. a few per MLflow worker). */
  readonly maxInFlight: number;
  /** Calls waiting at once; past this, a new call is refused unless it outranks a waiting one (which is then refused). */
  readonly maxQueued: number;
  /** How long a `read` call may wait for a slot. */
  readonly readMaxWaitMs: number;
  /** How long an `interactive` or `background` call may wait for a slot. */
  readonly priorityMaxWaitMs: number;
}

/** Thrown by `run` when a call is refused; each adapter turns it into its own typed "busy" error. */
export class AdmissionRefused extends Error {
  constructor(
    readonly reason: ShedReason,
    /** Calls in flight or waiting for the system when this one was refused (what the user is told). */
    readonly waiting: number,
    readonly priority: CallPriority,
  ) {
    super(reason === 'queue_full' ? `the wait queue is full (${waiting} calls ahead)` : `no slot freed within the wait budget (${waiting} calls ahead)`);
    this.name = 'AdmissionRefused';
  }
}

/** Counters since start, for metrics and the periodic load log. */
export interface AdmissionCounts {
  readonly inFlight: number;
  readonly queued: number;
  readonly started: number;
  /** Calls refused, by why and by who was waiting. */
  readonly shed: Readonly<Record<ShedReason, Readonly<Record<CallPriority, number>>>>;
}

/** All calls refused, whatever the reason or priority. */
export function totalShed(counts: Pick<AdmissionCounts, 'shed'>): number {
  return Object.values(counts.shed).reduce((sum, byPriority) => sum + Object.values(byPriority).reduce((a, b) => a + b, 0), 0);
}

/** Bottleneck's queue holds a job until a slot frees even when its caller was refused; such a job then does nothing. */
const ABANDONED = Symbol('abandoned');

/** Bounded concurrency and queue with priorities and a wait budget per call (Bottleneck underneath). */
export class AdmissionGate {
  private readonly limiter: Bottleneck;
  private inFlight = 0;
  /** Callers waiting for a slot: not started, not refused (Bottleneck also counts jobs whose caller left). */
  private waitingCallers = 0;
  private started = 0;
  private readonly shed: Record<ShedReason, Record<CallPriority, number>> = {
    queue_full: { interactive: 0, background: 0, read: 0 },
    wait_expired: { interactive: 0, background: 0, read: 0 },
  };
  private peakInFlight = 0;
  private peakQueued = 0;

  constructor(readonly settings: AdmissionSettings) {
    for (const [name, value] of Object.entries(settings)) {
      if (!Number.isFinite(value) || value < (name === 'maxInFlight' ? 1 : 0))
        throw new RangeError(`admission ${name} must be a non-negative number, got ${value}`);
    }
    this.limiter = new Bottleneck({
      maxConcurrent: settings.maxInFlight,
      highWater: settings.maxQueued,
      // When the queue is full: refuse the oldest waiting call of a lower priority than the newcomer (reads go
      // first), or the newcomer itself when nothing waiting ranks below it.
      strategy: Bottleneck.strategy.OVERFLOW_PRIORITY,
      rejectOnDrop: true,
    });
  }

  /**
   * Calls waiting for a slot now. Callers already refused are not counted; calls submitted a moment ago and about
   * to be refused for a full queue may be, so the figure is capped at the queue's size.
   */
  waiting(): number {
    return Math.min(this.waitingCallers, this.settings.maxQueued);
  }

  counts(): AdmissionCounts {
    return {
      inFlight: this.inFlight,
      queued: this.waiting(),
      started: this.started,
      shed: { queue_full: { ...this.shed.queue_full }, wait_expired: { ...this.shed.wait_expired } },
    };
  }

  /** Highest in-flight and queued figures since the last call (for the periodic load log). */
  takePeaks(): { inFlight: number; queued: number } {
    const peaks = { inFlight: this.peakInFlight, queued: this.peakQueued };
    this.peakInFlight = this.inFlight;
    this.peakQueued = this.waiting();
    return peaks;
  }

  /** Runs `task` when a slot is free; throws AdmissionRefused when the queue is full or the wait budget ran out. */
  async run<T>(priority: CallPriority, task: () => Promise<T>): Promise<T> {
    const maxWaitMs = priority === 'read' ? this.settings.readMaxWaitMs : this.settings.priorityMaxWaitMs;
    let state: 'waiting' | 'started' | 'refused' = 'waiting';
    let timer: NodeJS.Timeout | undefined;
    this.waitingCallers += 1;
    const job = this.limiter.schedule({ priority: BOTTLENECK_PRIORITY[priority] }, async (): Promise<T | typeof ABANDONED> => {
      if (state === 'refused') return ABANDONED;
      state = 'started';
      this.waitingCallers -= 1;
      clearTimeout(timer);
      this.started += 1;
      this.inFlight += 1;
      this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
      try {
        return await task();
      } finally {
        this.inFlight -= 1;
      }
    });
    this.peakQueued = Math.max(this.peakQueued, this.waiting());
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        if (state !== 'waiting') return;
        reject(this.refuse('wait_expired', priority));
        state = 'refused';
      }, maxWaitMs);
    });
    // The job may settle after its caller was refused (dropped from the queue, or run as a no-op): never unhandled.
    const outcome = job.catch((e: unknown) => {
      if (!(e instanceof Bottleneck.BottleneckError)) throw e;
      if (state === 'refused') return ABANDONED;
      const refused = this.refuse('queue_full', priority);
      state = 'refused';
      throw refused;
    });
    outcome.catch(() => undefined);
    expired.catch(() => undefined);
    try {
      // ABANDONED only ever reaches a caller that `expired` already refused, so the race never yields it.
      return (await Promise.race([outcome, expired])) as T;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Counts the refusal; the caller stops waiting. */
  private refuse(reason: ShedReason, priority: CallPriority): AdmissionRefused {
    this.waitingCallers -= 1;
    this.shed[reason][priority] += 1;
    return new AdmissionRefused(reason, this.inFlight + this.waiting(), priority);
  }

  /** Refuses everything still waiting (at shutdown). */
  async stop(): Promise<void> {
    await this.limiter.stop({ dropWaitingJobs: true });
  }
}
