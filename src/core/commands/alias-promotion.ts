import type { ApprovalService } from '../approvals/approval.service';
import type { ModelVersion } from '../domain/model-version';
import type { Stage } from '../domain/stage';
import { assertNever } from '../errors';
import { describeTarget } from '../gates/gate-rule';
import type { PromotionGates } from '../gates/promotion-gates';
import type { ApprovalReason } from '../policy/planned-change';
import type { AliasMove, AliasMoveResult } from './alias-move';
import type { CommandContext } from './command';
import type { PromoteOutcome } from './promote.command';
import type { StageTransition, TransitionInput, TransitionResult } from './stage-transition';

/** PROMOTION_VOCABULARY: what `/model promote … production` moves. */
export const PROMOTION_VOCABULARIES = ['stages', 'aliases', 'both'] as const;
export type PromotionVocabulary = (typeof PROMOTION_VOCABULARIES)[number];

/** STAGE_ALIASES: the alias a promotion to a stage moves under the `aliases` and `both` vocabularies. */
export type StageAliases = Readonly<Partial<Record<Stage, string>>>;
export const DEFAULT_STAGE_ALIASES: StageAliases = { Production: 'champion', Staging: 'challenger' };

/** What a promotion changes: the stage, an alias, or both. */
export type PromotionPlan = { readonly ok: true; readonly stage?: Stage; readonly alias?: string } | { readonly ok: false; readonly reason: string };

/**
 * Reads `/model promote <v> <stage>` in the configured vocabulary. Archived and None have no alias and stay stage
 * moves in every vocabulary; under `aliases`, Staging/Production need an alias in STAGE_ALIASES.
 */
export function planPromotion(stage: Stage, vocabulary: PromotionVocabulary, stageAliases: StageAliases): PromotionPlan {
  const alias = stageAliases[stage];
  switch (vocabulary) {
    case 'stages':
      return { ok: true, stage };
    case 'aliases':
      if (alias !== undefined) return { ok: true, alias };
      if (stage === 'Production' || stage === 'Staging') {
        return {
          ok: false,
          reason: `Promotions move aliases here (PROMOTION_VOCABULARY=aliases), but no alias is mapped to ${stage} in STAGE_ALIASES. Use \`/model alias <name> <version> <alias>\`.`,
        };
      }
      return { ok: true, stage };
    case 'both':
      return { ok: true, stage, alias };
    default:
      return assertNever(vocabulary, 'promotion vocabulary');
  }
}

/** A transition that may also move an alias, or only move the alias (`to` equal to the current stage). */
export interface PromotionInput extends TransitionInput {
  readonly alias?: string;
}

/** What a promotion did: the stage part (possibly unchanged) and the alias move, if any. */
export interface PromotionResult extends TransitionResult {
  readonly stageChanged: boolean;
  readonly aliasMove?: AliasMoveResult;
}

/** Runs a promotion plan: the stage through StageTransition, then the alias through AliasMove. */
export class PromotionExecutor {
  constructor(private readonly deps: { transition: StageTransition; aliases: AliasMove }) {}

  async run(input: PromotionInput): Promise<PromotionResult> {
    const stageChanged = input.to !== input.current.stage;
    const staged: TransitionResult = stageChanged
      ? await this.deps.transition.run(input)
      : { version: input.current, from: input.current.stage, links: { mlflow: '', notion: null, zenml: null }, replaced: [], syncProblems: [] };
    if (input.alias === undefined) return { ...staged, stageChanged };
    const aliasMove = await this.deps.aliases.set(staged.version, input.alias, input.actor, input.requestId);
    return {
      ...staged,
      version: aliasMove.version,
      links: aliasMove.links,
      syncProblems: [...new Set([...staged.syncProblems, ...aliasMove.syncProblems])],
      stageChanged,
      aliasMove,
    };
  }
}

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
}

export interface PromotionRouteDeps {
  readonly approvals: ApprovalService;
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
  });
  return { kind: 'approved', result };
}

/** "Production", "@champion" or "Production + @champion". */
export function targetText(move: { readonly stage?: Stage; readonly alias?: string }): string {
  const parts: string[] = [];
  if (move.stage !== undefined) parts.push(describeTarget({ kind: 'stage', stage: move.stage }));
  if (move.alias !== undefined) parts.push(describeTarget({ kind: 'alias', alias: move.alias }));
  return parts.join(' + ');
}
