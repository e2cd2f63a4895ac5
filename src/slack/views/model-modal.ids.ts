import type { Stage } from '../../core/domain/stage';

/** callback_id of the `/model` modal (bare `/model`). */
export const MODEL_VIEW_CALLBACK_ID = 'model_action';
/** The model picker: an external select answered by the options listener (block_suggestion). */
export const MODEL_BLOCK_ID = 'model';
export const MODEL_ACTION_ID = 'model_pick';
export const VERSION_BLOCK_ID = 'version';
export const VERSION_ACTION_ID = 'version_pick';
export const ACTION_BLOCK_ID = 'action';
export const ACTION_ACTION_ID = 'action_pick';
export const ALIAS_BLOCK_ID = 'alias';
export const ALIAS_ACTION_ID = 'alias_input';

/**
 * What the modal offers to do with a version, and the sub-command each choice becomes. A choice is only ever one of
 * these values: a submitted value that is not here was not offered and is refused. A rollback is of the stage the
 * chosen version holds now (`/model rollback <name> production|staging`): it puts back the version before it.
 */
export const MODAL_ACTIONS = [
  { value: 'stage:Production', label: 'Promote to Production', command: 'promote', stage: 'Production' },
  { value: 'stage:Staging', label: 'Promote to Staging', command: 'promote', stage: 'Staging' },
  { value: 'stage:None', label: 'Move back to None', command: 'promote', stage: 'None' },
  { value: 'archive', label: 'Archive', command: 'archive' },
  { value: 'alias', label: 'Point an alias at it (give the alias below)', command: 'alias' },
  { value: 'rollback:Production', label: 'Roll back Production (it holds it now)', command: 'rollback', stage: 'Production' },
  { value: 'rollback:Staging', label: 'Roll back Staging (it holds it now)', command: 'rollback', stage: 'Staging' },
] as const satisfies readonly { value: string; label: string; command: string; stage?: Stage }[];

export type ModalAction = (typeof MODAL_ACTIONS)[number];
