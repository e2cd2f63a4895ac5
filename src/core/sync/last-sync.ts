import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { StatePort } from '../ports/store.port';
import { statsOf, type SyncReport, type SyncStats } from './sync-report';

/** Where the last reconcile's summary is kept (shared by every instance through the state store). */
export const LAST_SYNC_KEY = 'sync:last-run';

/** What a person needs to know about the last reconcile: when, what it did, what failed. Small, unlike the report. */
export interface LastSync {
  readonly stats: SyncStats;
  readonly startedAt: string;
  readonly finishedAt: number;
  readonly durationMs: number;
  /** The model it was limited to, when it was. */
  readonly model?: string;
  readonly scheduled: boolean;
  readonly driftRepaired: number;
  readonly failures: number;
}

/**
 * The last reconcile's summary in the state store, for the Home tab. Recording never fails a sync: a store error is
 * logged and the summary is simply older. `onRecorded` lets a chat layer refresh what shows it.
 */
export class LastSyncStore {
  private readonly listeners: ((last: LastSync) => void)[] = [];

  constructor(private readonly deps: { readonly state: StatePort; readonly clock: Clock; readonly logger: Logger }) {}

  /** Called after each recorded run (listeners must not throw; they run after the store write). */
  onRecorded(listener: (last: LastSync) => void): void {
    this.listeners.push(listener);
  }

  async record(report: SyncReport, scheduled: boolean): Promise<void> {
    const last: LastSync = {
      stats: statsOf(report),
      startedAt: report.startedAt,
      finishedAt: this.deps.clock.now(),
      durationMs: report.durationMs,
      ...(report.scope.model === undefined ? {} : { model: report.scope.model }),
      scheduled,
      driftRepaired: report.stageDrift.length,
      failures: report.failures.length,
    };
    try {
      await this.deps.state.set(LAST_SYNC_KEY, last);
    } catch (e) {
      this.deps.logger.warn({ err: e }, 'last sync summary not stored');
      return;
    }
    for (const listener of this.listeners) listener(last);
  }

  last(): Promise<LastSync | undefined> {
    return this.deps.state.get<LastSync>(LAST_SYNC_KEY);
  }
}
