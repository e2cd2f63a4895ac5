import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { Notifier } from '../ports/notifier.port';
import type { ApprovalRequest } from './approval';
import type { ApprovalStore } from './approval-store';
import type { AuditLog } from './audit-log';
import type { PendingIndex } from './pending-index';

/** The final state a request is closed with. */
export type Closing = Pick<ApprovalRequest, 'status' | 'decidedBy' | 'reason' | 'changes'>;

/**
 * Closes a request (approved, rejected, expired or superseded): stored first, then taken off the open and pending
 * indexes, audited, and its message updated in place. A message that cannot be updated is logged: the decision stands.
 */
export class RequestCloser {
  constructor(
    private readonly deps: {
      readonly store: ApprovalStore;
      readonly pending: PendingIndex;
      readonly audit: AuditLog;
      readonly notifier: Notifier;
      readonly clock: Clock;
      readonly logger: Logger;
    },
  ) {}

  async close(req: ApprovalRequest, closing: Closing, event: 'approved' | 'rejected' | 'expired' | 'superseded'): Promise<void> {
    const now = this.deps.clock.now();
    req.status = closing.status;
    req.decidedBy = closing.decidedBy;
    req.reason = closing.reason;
    req.changes = closing.changes;
    req.decidedAt = now;
    await this.deps.store.save(req);
    await this.deps.store.clearOpen(req);
    await this.deps.pending.remove(req.id);
    await this.deps.audit.record({
      event,
      model: req.model,
      version: req.version,
      by: closing.decidedBy ?? 'modelsync',
      from: req.fromStage,
      to: req.toStage,
      requestId: req.id,
      reason: closing.reason,
      changes: closing.changes,
      alias: req.alias,
      at: now,
    });
    await this.refreshMessage(req);
    // Superseded requests are not told: the person who clicked sees why, and the requester asks again when ready.
    if (event !== 'superseded') await this.tellRequester(req);
  }

  /** The requester's direct message about the outcome; a failure is logged, never thrown (the decision stands). */
  private async tellRequester(req: ApprovalRequest): Promise<void> {
    try {
      await this.deps.notifier.tellRequester(req);
    } catch (e) {
      this.deps.logger.warn({ requestId: req.id, err: e }, 'requester not told of the outcome');
    }
  }

  /** Re-renders the request message from its current state; a failure is logged, never thrown. */
  async refreshMessage(req: ApprovalRequest): Promise<void> {
    try {
      await this.deps.notifier.updateApprovalRequest(req);
    } catch (e) {
      this.deps.logger.warn({ requestId: req.id, err: e }, 'approval message not updated');
    }
  }
}
