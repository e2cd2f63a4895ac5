import type { Stage } from '../domain/stage';
import { assertNever } from '../errors';
import { describeTarget } from '../gates/gate-rule';
import type { MoveRefusal } from '../outcomes/refusal';

/** PROMOTION_VOCABULARY: what a promotion to a stage moves. */
export const PROMOTION_VOCABULARIES = ['stages', 'aliases', 'both'] as const;
export type PromotionVocabulary = (typeof PROMOTION_VOCABULARIES)[number];

/** STAGE_ALIASES: the alias a promotion to a stage moves under the `aliases` and `both` vocabularies. */
export type StageAliases = Readonly<Partial<Record<Stage, string>>>;
export const DEFAULT_STAGE_ALIASES: StageAliases = { Production: 'champion', Staging: 'challenger' };

/** What a promotion changes: the stage, an alias, or both. */
export type PromotionPlan = { readonly ok: true; readonly stage?: Stage; readonly alias?: string } | { readonly ok: false; readonly refusal: MoveRefusal };

/**
 * Reads a promotion to `stage` in the configured vocabulary. Archived and None have no alias and stay stage moves in
 * every vocabulary; under `aliases`, Staging/Production need an alias in STAGE_ALIASES.
 */
export function planPromotion(stage: Stage, vocabulary: PromotionVocabulary, stageAliases: StageAliases): PromotionPlan {
  const alias = stageAliases[stage];
  switch (vocabulary) {
    case 'stages':
      return { ok: true, stage };
    case 'aliases':
      if (alias !== undefined) return { ok: true, alias };
      if (stage === 'Production' || stage === 'Staging') return { ok: false, refusal: { code: 'no_alias_for_stage', stage } };
      return { ok: true, stage };
    case 'both':
      return { ok: true, stage, alias };
    default:
      return assertNever(vocabulary, 'promotion vocabulary');
  }
}

/** "Production", "@champion" or "Production + @champion". */
export function targetText(move: { readonly stage?: Stage; readonly alias?: string }): string {
  const parts: string[] = [];
  if (move.stage !== undefined) parts.push(describeTarget({ kind: 'stage', stage: move.stage }));
  if (move.alias !== undefined) parts.push(describeTarget({ kind: 'alias', alias: move.alias }));
  return parts.join(' + ');
}
