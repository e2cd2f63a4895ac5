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

/**
 * Runs a promotion plan: the stage through StageTransition, then the alias through AliasMove. A change and its
 * consequences are one post: when both the stage and the alias move, the stage notice (with the versions it
 * archived) carries the alias too, and is posted once both are done.
 */
export class PromotionExecutor {
  constructor(private readonly deps: { transition: StageTransition; aliases: AliasMove }) {}

  async run(input: PromotionInput): Promise<PromotionResult> {
    const stageChanged = input.to !== input.current.stage;
    const both = stageChanged && input.alias !== undefined;
    const staged: TransitionResult = stageChanged
      ? await this.deps.transition.run({ ...input, holdNotice: both })
      : { version: input.current, from: input.current.stage, links: { mlflow: '', notion: null, zenml: null }, replaced: [], syncProblems: [] };
    if (input.alias === undefined) return { ...staged, stageChanged };
    const held = staged.heldNotice;
    let aliasMove: AliasMoveResult;
    try {
      aliasMove = await this.deps.aliases.set(staged.version, input.alias, input.actor, input.requestId, input.thread, { announce: !both });
    } catch (e) {
      // The stage did change: say so, even though the alias did not move.
      if (held) await this.deps.transition.announce(held);
      throw e;
    }
    if (held) {
      const { alias, modelUri, previousVersion } = aliasMove;
      await this.deps.transition.announce({ ...held, alias: { alias, modelUri, ...(previousVersion === undefined ? {} : { previousVersion }) } });
    }
    const { heldNotice: _posted, ...result } = staged;
    return {
      ...result,
      version: aliasMove.version,
      links: aliasMove.links,
      syncProblems: [...new Set([...staged.syncProblems, ...aliasMove.syncProblems])],
      stageChanged,
      aliasMove,
    };
  }
}
