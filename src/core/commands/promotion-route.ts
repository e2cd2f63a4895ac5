import type { RollbackContext } from '../approvals/approval';
import { rollbackReason } from '../approvals/approval-requests';
import type { ApprovalService } from '../approvals/approval.service';
import type { ModelVersion } from '../domain/model-version';
import type { Stage } from '../domain/stage';
import type { PromotionGates } from '../gates/promotion-gates';
import type { ApprovalReason } from '../policy/planned-change';
import { targetText } from './alias-promotion';
import type { CommandContext } from './command';
import type { PromoteOutcome } from './promote-outcome';
import type { PromotionExecutor } from './promotion-executor';

/** One promotion as asked: the version, what moves, and whether an approver is needed anyway. */
export interface PromotionAsk {
  readonly current: ModelVersion;
  /** The new stage, when the stage changes. */
  readonly stage?: Stage;
  /** The alias to point at the version, when it moves. */
  readonly alias?: string;
  /** Why the policy wants an approver to decide (empty: it may happen at once, unless failing gates are overridable). */
  readonly approval: readonly ApprovalReason[];
  readonly archiveExisting: boolean;
  readonly cause: 'promoted' | 'archived';
  /** Set for a rollback: shown on the approval request, kept in the history. */
  readonly rollback?: RollbackContext;
}

export interface PromotionRouteDeps {
  readonly approvals: Pick<ApprovalService, 'openRequestFor' | 'request'>;
  readonly executor: PromotionExecutor;
  readonly gates: PromotionGates;
}

/**
 * Checks the gates, then promotes at once, asks for approval, or refuses. Failing gates block the promotion; with
 * GATE_OVERRIDE=approvers they turn it into an approval request instead, so an approver (never the requester) may
 * override them.
 */
export async function routePromotion(deps: PromotionRouteDeps, ask: PromotionAsk, ctx: CommandContext): Promise<PromoteOutcome> {
  const { current } = ask;
  const move = { stage: ask.stage, alias: ask.alias };
  const gates = await deps.gates.evaluate(current, move);
  if (gates && !gates.passed && !deps.gates.overridable) {
    await deps.gates.recordBlocked(current, move, ctx.userId, gates);
    return { kind: 'blocked', model: current.name, version: current.version, target: targetText(ask), report: gates };
  }
  const to = ask.stage ?? current.stage;
  if (ask.approval.length > 0 || (gates !== undefined && !gates.passed)) {
    const open = await deps.approvals.openRequestFor(current.name, current.version, to, ask.alias);
    if (open) return { kind: 'pending', request: open, existing: true };
    const request = await deps.approvals.request({
      version: current,
      to,
      requester: ctx.userId,
      originChannel: ctx.channelId,
      archiveExisting: ask.archiveExisting,
      alias: ask.alias,
      gates,
      why: ask.approval,
      rollback: ask.rollback,
    });
    return { kind: 'pending', request, existing: false };
  }
  const result = await deps.executor.run({
    current,
    to,
    actor: { kind: 'user', userId: ctx.userId },
    cause: ask.cause,
    archiveExisting: ask.archiveExisting,
    alias: ask.alias,
    reason: rollbackReason(ask),
  });
  return { kind: 'approved', result };
}
