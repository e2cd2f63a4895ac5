import type { ModelCommand } from '../../core/commands/command';
import { aliasArg, isArgError } from '../commands/args';
import {
  ACTION_ACTION_ID,
  ACTION_BLOCK_ID,
  ALIAS_ACTION_ID,
  ALIAS_BLOCK_ID,
  MODAL_ACTIONS,
  MODEL_ACTION_ID,
  MODEL_BLOCK_ID,
  VERSION_ACTION_ID,
  VERSION_BLOCK_ID,
  type ModalAction,
} from './model-modal.ids';

/** A modal's state.values as Slack sends them: block_id → action_id → the element's state. */
export type ViewValues = Readonly<Record<string, Readonly<Record<string, ElementState | undefined>> | undefined>>;

interface ElementState {
  readonly selected_option?: { readonly value?: unknown } | null;
  readonly value?: unknown;
}

/** Inline errors by block_id, as `response_action: "errors"` takes them (plain text). */
export type ViewErrors = Record<string, string>;

/** What a submission asked for, or what was wrong with it. */
export type ModalChoice =
  | { readonly ok: true; readonly model: string; readonly version: string; readonly action: ModalAction; readonly alias?: string }
  | { readonly ok: false; readonly errors: ViewErrors };

function selected(values: ViewValues, block: string, action: string): string | undefined {
  const v = values[block]?.[action]?.selected_option?.value;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function typed(values: ViewValues, block: string, action: string): string | undefined {
  const v = values[block]?.[action]?.value;
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/**
 * Reads a submission, trusting nothing in it: the action must be one the modal offers (MODAL_ACTIONS), the version a
 * whole number, the alias a name MLflow accepts (the typed command's own check). Whether the model and version were
 * offered is checked against the registry by the listener.
 */
export function readModalChoice(values: ViewValues): ModalChoice {
  const errors: ViewErrors = {};
  const model = selected(values, MODEL_BLOCK_ID, MODEL_ACTION_ID);
  const version = selected(values, VERSION_BLOCK_ID, VERSION_ACTION_ID);
  const actionValue = selected(values, ACTION_BLOCK_ID, ACTION_ACTION_ID);
  const action = MODAL_ACTIONS.find((a) => a.value === actionValue);
  if (model === undefined) errors[MODEL_BLOCK_ID] = 'Choose a model.';
  else if (version === undefined) errors[VERSION_BLOCK_ID in values ? VERSION_BLOCK_ID : MODEL_BLOCK_ID] = 'Choose a version of this model.';
  else if (!/^[1-9]\d*$/.test(version)) errors[VERSION_BLOCK_ID] = `"${version}" is not a version number offered here; choose one from the list.`;
  if (actionValue === undefined) errors[ACTION_BLOCK_ID] = 'Choose what to do.';
  else if (!action) errors[ACTION_BLOCK_ID] = `"${actionValue}" is not an action offered here; choose one from the list.`;
  let alias: string | undefined;
  if (action?.command === 'alias') {
    const parsed = aliasArg(tokenOf(typed(values, ALIAS_BLOCK_ID, ALIAS_ACTION_ID)), 'Give the alias to point at this version, e.g. champion.');
    if (isArgError(parsed)) errors[ALIAS_BLOCK_ID] = plainSentence(parsed.error);
    else alias = parsed.value;
  }
  if (Object.keys(errors).length > 0 || model === undefined || version === undefined || !action) return { ok: false, errors };
  return { ok: true, model, version, action, ...(alias === undefined ? {} : { alias }) };
}

/** The command a choice is: exactly what the typed command's parser produces for the same words. */
export function commandOfChoice(choice: Extract<ModalChoice, { ok: true }>): ModelCommand {
  const { model, version, action } = choice;
  switch (action.command) {
    case 'promote':
      return { kind: 'promote', model, version, stage: action.stage };
    case 'archive':
      return { kind: 'archive', model, version };
    case 'alias':
      return { kind: 'alias', model, version, alias: choice.alias ?? '' };
    case 'rollback':
      // The version is the stage's holder now (checked against the registry on submission); the command names the stage.
      return { kind: 'rollback', model, target: { kind: 'stage', stage: action.stage } };
  }
}

function tokenOf(value: string | undefined): { readonly value: string; readonly end: number } | undefined {
  return value === undefined ? undefined : { value, end: value.length };
}

/** The parsers' sentences quote with backticks (mrkdwn); an inline error is plain text. */
function plainSentence(text: string): string {
  return text.replace(/`/g, '"');
}
