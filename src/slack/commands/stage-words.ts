import { parseStage, type Stage } from '../../core/domain/stage';

/**
 * The words people type for a stage, besides MLflow's own names (any case): the short forms used in deploy
 * pipelines and chat. Typing convenience only; the core and MLflow see the canonical stage.
 */
const SYNONYMS: Readonly<Record<string, Stage>> = {
  prod: 'Production',
  stg: 'Staging',
  archive: 'Archived',
};

/** The stage words shown in errors and the help, canonical names first. */
export const STAGE_WORDS = 'staging|production|archived|none (also stg, prod, archive; any case)';

/** A typed stage word → the MLflow stage; undefined when it names none. */
export function typedStage(word: string): Stage | undefined {
  return parseStage(word) ?? SYNONYMS[word.trim().toLowerCase()];
}
