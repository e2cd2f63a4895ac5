/**
 * The one admission point in front of an outside system (MLflow, ZenML): at most `maxInFlight` calls at once,
 * behind a wait queue bounded by length and by age, with priorities. A call that cannot start within its budget
 * is refused at once, so the system is never handed work whose caller has already given up.
 *
 * p-queue runs the calls (concurrency, priority order). Not Bottleneck, which the Notion limiter uses: its local
 * datastore waits a timer tick in every submit, start and free, and behind a busy event loop (exactly during a
 * burst) it started half as many 20 ms calls per second as p-queue (76 vs 140 of an ideal 200, measured).
 */
import PQueue from 'p-queue';
import { currentDeadline } from './call-deadline';

/**
 * Who is waiting for a call, most important first:
 * - `interactive`: approvals, promotions, registrations and other state changes a person asked for;
 * - `background`: the scheduled and on-demand sync, webhook deliveries;
 * - `read`: read-only commands (status, list; later App Home and unfurls): shed first under overload.
 */
export type CallPriority = 'interactive' | 'background' | 'read';

/** Most important first. */
export const CALL_PRIORITIES: readonly CallPriority[] = ['interactive', 'background', 'read'];

/** p-queue runs higher numbers first. */
const QUEUE_PRIORITY: Readonly<Record<CallPriority, number>> = { interactive: 2, background: 1, read: 0 };

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

/** A caller waiting for a slot. */
interface Waiter {
  readonly priority: CallPriority;
  /** Refuses the caller if it is still waiting; its queued task then does nothing when its turn comes. */
  refuse(reason: ShedReason): void;
}

/** Bounded concurrency and queue with priorities and a wait budget per call. */
export class AdmissionGate {
  private readonly queue: PQueue;
  /** Callers waiting for a slot, per priority, oldest first (Sets keep insertion order). */
  private readonly waiters: Record<CallPriority, Set<Waiter>> = { interactive: new Set(), background: new Set(), read: new Set() };
  private inFlight = 0;
  private started = 0;
  private readonly shed: Record<ShedReason, Record<CallPriority, number>> = {
    queue_full: { interactive: 0, background: 0, read: 0 },
    wait_expired: { interactive: 0, background: 0, read: 0 },
  };
  private peakInFlight = 0;
  private peakQueued = 0;

  constructor(readonly settings: AdmissionSettings) {
    for (const [name, value] of Object.entries(settings)) {
      const min = name === 'maxInFlight' ? 1 : 0;
      if (!Number.isFinite(value) || value < min) throw new RangeError(`admission ${name} must be a number of at least ${min}, got ${value}`);
    }
    this.queue = new PQueue({ concurrency: settings.maxInFlight });
  }

  /** Calls waiting for a slot now (refused callers are not counted). */
  waiting(): number {
    return this.waiters.interactive.size + this.waiters.background.size + this.waiters.read.size;
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

  /**
   * Runs `task` when a slot is free; throws AdmissionRefused when the queue is full or the wait budget ran out. The
   * budget is the priority's, cut short by the deadline of the work this call is made for (see call-deadline.ts).
   */
  run<T>(priority: CallPriority, task: () => Promise<T>): Promise<T> {
    const budgetMs = priority === 'read' ? this.settings.readMaxWaitMs : this.settings.priorityMaxWaitMs;
    const deadline = currentDeadline();
    const maxWaitMs = deadline === undefined ? budgetMs : Math.min(budgetMs, deadline - Date.now());
    const slotFree = this.queue.pending < this.settings.maxInFlight && this.waiting() === 0;
    // Past its deadline a call may still start on a free slot (the caller still waits for it), but never queue.
    if (maxWaitMs <= 0 && !slotFree) return Promise.reject(this.refusal('wait_expired', priority));
    if (this.waiting() >= this.settings.maxQueued && !slotFree) {
      // Full: the oldest waiting call of the lowest priority below this one makes room, or this one is refused.
      const victim = this.oldestWaitingBelow(priority);
      if (!victim) return Promise.reject(this.refusal('queue_full', priority));
      victim.refuse('queue_full');
    }
    return new Promise<T>((resolve, reject) => {
      let state: 'waiting' | 'started' | 'refused' = 'waiting';
      const waiter: Waiter = {
        priority,
        refuse: (reason) => {
          if (state !== 'waiting') return;
          state = 'refused';
          this.leave(waiter, timer);
          reject(this.refusal(reason, priority));
        },
      };
      const timer = setTimeout(() => waiter.refuse('wait_expired'), Math.max(1, maxWaitMs));
      this.waiters[priority].add(waiter);
      // With a free slot p-queue starts the task within add(), before this returns.
      void this.queue.add(
        async () => {
          // Refused while waiting: the slot is released at once and nothing is sent.
          if (state !== 'waiting') return;
          state = 'started';
          this.leave(waiter, timer);
          this.started += 1;
          this.inFlight += 1;
          this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
          try {
            resolve(await task());
          } catch (e) {
            reject(e);
          } finally {
            this.inFlight -= 1;
          }
        },
        { priority: QUEUE_PRIORITY[priority] },
      );
      this.peakQueued = Math.max(this.peakQueued, this.waiting());
    });
  }

  private leave(waiter: Waiter, timer: NodeJS.Timeout): void {
    clearTimeout(timer);
    this.waiters[waiter.priority].delete(waiter);
  }

  private oldestWaitingBelow(priority: CallPriority): Waiter | undefined {
    const rank = CALL_PRIORITIES.indexOf(priority);
    for (const lower of [...CALL_PRIORITIES].reverse()) {
      if (CALL_PRIORITIES.indexOf(lower) <= rank) return undefined;
      const oldest = this.waiters[lower].values().next();
      if (!oldest.done) return oldest.value;
    }
    return undefined;
  }

  /** Counts a refusal and describes it for the caller. */
  private refusal(reason: ShedReason, priority: CallPriority): AdmissionRefused {
    this.shed[reason][priority] += 1;
    return new AdmissionRefused(reason, this.inFlight + this.waiting(), priority);
  }
}
