import { isActiveStage, type Stage } from '../domain/stage';
import type { ChangePolicy } from '../policy/change-policy';
import type { RegistryReader } from '../ports/registry.port';
import { planPromotion, type PromotionVocabulary, type StageAliases } from './alias-promotion';
import type { CommandContext } from './command';
import { findVersion } from './find-version';
import type { ModelHints } from './model-hints';
import type { PromoteOutcome } from './promote-outcome';
import { routePromotion, type PromotionRouteDeps } from './promotion-route';

export interface PromoteDeps extends PromotionRouteDeps {
  readonly registry: RegistryReader;
  /** Decides whether the move waits for an approver (protected stages entered or left, protected aliases). */
  readonly policy: ChangePolicy;
  /** PROMOTION_VOCABULARY and STAGE_ALIASES: whether a promotion moves the stage, its alias, or both. */
  readonly vocabulary: PromotionVocabulary;
  readonly stageAliases: StageAliases;
  /** ARCHIVE_EXISTING_ON_PROMOTE: the previous holder of Production/Staging is archived. */
  readonly archiveExisting: boolean;
  /** "Did you mean" for a model name that does not exist. */
  readonly hints?: ModelHints;
}

/**
 * Promotions and archiving: gated, then at once or through an approval when the policy says so (a protected stage
 * entered or left, a protected alias moved).
 */
export class PromoteUseCase {
  constructor(private readonly deps: PromoteDeps) {}

  async execute(input: { model: string; version: string; stage: Stage }, ctx: CommandContext): Promise<PromoteOutcome> {
    const lookup = await findVersion(this.deps.registry, input.model, input.version, this.deps.hints);
    if (!lookup.found) return { kind: 'refused', refusal: lookup.refusal };
    const current = lookup.version;
    // Archiving is a stage move in every vocabulary: there is no alias for it.
    const plan =
      input.stage === 'Archived' ? ({ ok: true, stage: 'Archived' } as const) : planPromotion(input.stage, this.deps.vocabulary, this.deps.stageAliases);
    if (!plan.ok) return { kind: 'refused', refusal: plan.refusal };
    const stage = plan.stage !== undefined && plan.stage !== current.stage ? plan.stage : undefined;
    const alias = plan.alias !== undefined && !(current.aliases ?? []).includes(plan.alias) ? plan.alias : undefined;
    if (stage === undefined && alias === undefined) {
      return { kind: 'refused', refusal: { code: 'nothing_to_do', model: current.name, version: current.version, stage: plan.stage, alias: plan.alias } };
    }
    const review = this.deps.policy.review({ kind: 'move', version: current, stage, alias });
    if (review.kind === 'refuse') return { kind: 'refused', refusal: review.refusal };
    const approval = review.kind === 'approval' ? review.reasons : [];
    // MLflow archives the versions already in the target only for Staging and Production (and answers 500 otherwise).
    const archiveExisting = this.deps.archiveExisting && stage !== undefined && isActiveStage(stage);
    const cause = input.stage === 'Archived' ? 'archived' : 'promoted';
    return routePromotion(this.deps, { current, stage, alias, approval, archiveExisting, cause }, ctx);
  }

  /** Archiving: the same path as a promotion to Archived. */
  archive(input: { model: string; version: string }, ctx: CommandContext): Promise<PromoteOutcome> {
    return this.execute({ ...input, stage: 'Archived' }, ctx);
  }
}
