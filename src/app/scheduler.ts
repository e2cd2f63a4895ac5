import schedule, { type Job } from 'node-schedule';
import type { ApprovalService } from '../core/approvals/approval.service';
import type { Logger } from '../core/ports/logger.port';
import type { ReconcileRun, ReconcileRunner } from '../core/notifications/reconcile-runner';

/** How often overdue approval requests are marked expired (their messages updated). */
export const EXPIRY_SWEEP_CRON = '*/5 * * * *';
/** How often expired entries are deleted from the SQLite store (dedupe marks live 10 minutes and are never read again). */
export const STORE_PURGE_CRON = '*/15 * * * *';

/** The scheduled jobs; `runReconcile`/`sweepExpired` are what the jobs call, exposed so tests need not wait for the clock. */
export interface Scheduler {
  /** `tick`: the time the run was scheduled for; instances sharing a store run each tick once. */
  runReconcile(tick?: Date): Promise<ReconcileRun | undefined>;
  sweepExpired(): Promise<number>;
  /** Deletes expired store entries; returns how many (0 when the job failed: logged). */
  purgeExpired(): Promise<number>;
  stop(): void;
}

/**
 * SYNC_CRON runs the reconcile and posts its report; a run never overlaps the previous one (the runner's lock).
 * Failures are logged here, in the one scheduler handler, and never crash the process.
 */
export function startScheduler(options: {
  cron: string;
  reconcile: ReconcileRunner;
  approvals: ApprovalService;
  /** The store's purge (SQLite); absent: nothing to purge. */
  purgeExpired?: () => Promise<number>;
  logger: Logger;
  enabled?: boolean;
}): Scheduler {
  const { logger } = options;
  const runReconcile = async (tick?: Date): Promise<ReconcileRun | undefined> => {
    try {
      const run = await options.reconcile.scheduled(tick);
      if (run.kind === 'busy') logger.warn({ cron: options.cron, cause: run.cause }, 'scheduled sync skipped');
      return run;
    } catch (e) {
      logger.error({ err: e }, 'scheduled sync failed');
      return undefined;
    }
  };
  const sweepExpired = async (): Promise<number> => {
    try {
      return await options.approvals.expireDue();
    } catch (e) {
      logger.error({ err: e }, 'approval expiry sweep failed');
      return 0;
    }
  };
  const purgeExpired = async (): Promise<number> => {
    if (!options.purgeExpired) return 0;
    try {
      const purged = await options.purgeExpired();
      if (purged > 0) logger.debug({ purged }, 'expired store entries purged');
      return purged;
    } catch (e) {
      logger.error({ err: e }, 'store purge failed');
      return 0;
    }
  };
  const jobs: Job[] = [];
  if (options.enabled !== false) {
    // node-schedule passes the time the job was due (not when the timer fired): the same on every instance.
    const sync = schedule.scheduleJob('modelsync-reconcile', options.cron, (fireDate: Date) => void runReconcile(fireDate));
    // loadConfig validated SYNC_CRON with the same parser; this guards callers that build the options themselves.
    if (!sync) throw new Error(`SYNC_CRON is not a valid cron expression`);
    jobs.push(sync);
    const sweep = schedule.scheduleJob('modelsync-approval-expiry', EXPIRY_SWEEP_CRON, () => void sweepExpired());
    if (sweep) jobs.push(sweep);
    const purge = schedule.scheduleJob('modelsync-store-purge', STORE_PURGE_CRON, () => void purgeExpired());
    if (purge) jobs.push(purge);
  }
  return {
    runReconcile,
    sweepExpired,
    purgeExpired,
    stop: () => jobs.forEach((j) => j.cancel()),
  };
}
