import { isActiveStage, type Stage } from '../domain/stage';
import type { ApprovalRequest } from '../approvals/approval';
import type { ApprovalService } from '../approvals/approval.service';
import type { GateReport } from '../gates/gate-report';
import type { PromotionGates } from '../gates/promotion-gates';
import type { ChangePolicy } from '../policy/change-policy';
import type { RegistryPort } from '../ports/registry.port';
import { planPromotion, routePromotion, type PromotionExecutor, type PromotionResult, type PromotionVocabulary, type StageAliases } from './alias-promotion';
import type { CommandContext } from './command';
import { findVersion } from './find-version';

/** How a promotion ended: done at once, waiting for approval, blocked by its gates, or refused with the reason. */
export type PromoteOutcome =
  | { readonly kind: 'approved'; readonly result: PromotionResult }
  | { readonly kind: 'pending'; readonly request: ApprovalRequest; readonly existing: boolean }
  | { readonly kind: 'blocked'; readonly model: string; readonly version: string; readonly target: string; readonly report: GateReport }
  | { readonly kind: 'refused'; readonly reason: string; readonly mentions?: readonly string[] };

export interface PromoteDeps {
  readonly registry: RegistryPort;
  readonly approvals: ApprovalService;
  readonly executor: PromotionExecutor;
  readonly gates: PromotionGates;
  /** Decides whether the move waits for an approver (protected stages entered or left, protected aliases). */
  readonly policy: ChangePolicy;
  /** PROMOTION_VOCABULARY and STAGE_ALIASES: whether a promotion moves the stage, its alias, or both. */
  readonly vocabulary: PromotionVocabulary;
  readonly stageAliases: StageAliases;
  /** ARCHIVE_EXISTING_ON_PROMOTE: the previous holder of Production/Staging is archived. */
  readonly archiveExisting: boolean;
}

/**
 * `/model promote` and `/model archive`: gated, then at once or through an approval when the policy says so (a
 * protected stage entered or left, a protected alias moved).
 */
export class PromoteUseCase {
  constructor(private readonly deps: PromoteDeps) {}

  async execute(input: { model: string; version: string; stage: Stage }, ctx: CommandContext): Promise<PromoteOutcome> {
    const lookup = await findVersion(this.deps.registry, input.model, input.version);
    if (!lookup.found) return { kind: 'refused', reason: lookup.reason };
    const current = lookup.version;
    // Archiving is a stage move in every vocabulary: there is no alias for it.
    const plan =
      input.stage === 'Archived' ? ({ ok: true, stage: 'Archived' } as const) : planPromotion(input.stage, this.deps.vocabulary, this.deps.stageAliases);
    if (!plan.ok) return { kind: 'refused', reason: plan.reason };
    const stage = plan.stage !== undefined && plan.stage !== current.stage ? plan.stage : undefined;
    const alias = plan.alias !== undefined && !(current.aliases ?? []).includes(plan.alias) ? plan.alias : undefined;
    if (stage === undefined && alias === undefined) {
      const has = [plan.stage === undefined ? undefined : `is already in ${plan.stage}`, plan.alias === undefined ? undefined : `already holds @${plan.alias}`]
        .filter(Boolean)
        .join(' and ');
      return { kind: 'refused', reason: `Version ${current.version} of ${current.name} ${has}; nothing to do.` };
    }
    const review = this.deps.policy.review({ kind: 'move', version: current, stage, alias });
    if (review.kind === 'refuse') return { kind: 'refused', reason: review.reason };
    const approval = review.kind === 'approval' ? review.reasons : [];
    // MLflow archives the versions already in the target only for Staging and Production (and answers 500 otherwise).
    const archiveExisting = this.deps.archiveExisting && stage !== undefined && isActiveStage(stage);
    const cause = input.stage === 'Archived' ? 'archived' : 'promoted';
    return routePromotion(this.deps, { current, stage, alias, approval, archiveExisting, cause }, ctx);
  }
}
