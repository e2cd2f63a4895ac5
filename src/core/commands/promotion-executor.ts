import type { AliasMove, AliasMoveResult } from './alias-move';
import type { StageTransition, TransitionInput, TransitionResult } from './stage-transition';

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
    const aliasMove = await this.deps.aliases.set(staged.version, input.alias, input.actor, input.requestId, input.thread);
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
