import type { KnownBlock, PlainTextOption, View } from '@slack/web-api';
import type { VersionChoice } from '../../core/commands/model-picker.query';
import {
  ACTION_ACTION_ID,
  ACTION_BLOCK_ID,
  ALIAS_ACTION_ID,
  ALIAS_BLOCK_ID,
  MODAL_ACTIONS,
  MODEL_ACTION_ID,
  MODEL_BLOCK_ID,
  MODEL_VIEW_CALLBACK_ID,
  VERSION_ACTION_ID,
  VERSION_BLOCK_ID,
} from '../views/model-modal.ids';
import { capBlocks, context, cut, esc, joinMrkdwn, mrkdwn, plain, type SlackMessage } from './block-kit';

/** Slack's limits for an option (plain_text ≤ 75 characters, value ≤ 150) and a modal's title (≤ 24). */
const OPTION_TEXT_MAX = 75;
const OPTION_VALUE_MAX = 150;
const TITLE = 'modelsync';
const MODAL_MAX_BLOCKS = 100;

/** What the modal shows: the chosen model's versions once a model is picked (who opened it and where is kept server-side). */
export interface ModelModalState {
  readonly model?: string;
  /** The chosen model's versions (newest first); undefined before a model is picked. */
  readonly versions?: readonly VersionChoice[];
  /** Why the versions could not be read (shown in place of the version list). */
  readonly versionsProblem?: string;
  /** Kept across updates so picking a model does not clear what was already chosen. */
  readonly action?: string;
}

function plainOption(text: string, value: string): PlainTextOption {
  return { text: { type: 'plain_text', text: text.trim() === '' ? '—' : cut(text, OPTION_TEXT_MAX) }, value };
}

/** The model picker's options for a block_suggestion answer: names that fit an option value (≤ 150 characters). */
export function modelOptions(names: readonly string[]): PlainTextOption[] {
  return names.filter(fitsValue).map((n) => plainOption(n, n));
}

function fitsValue(value: string): boolean {
  return value.length > 0 && value.length <= OPTION_VALUE_MAX;
}

/** "v5 · Production · @champion · accuracy 0.93 · f1 0.88" (plain text: Slack shows it as typed, cut to 75). */
export function versionOptionText(v: VersionChoice): string {
  const parts = [`v${v.version}`, v.stage, ...v.aliases.map((a) => `@${a}`), ...v.keyMetrics.map((m) => `${m.name} ${formatMetric(m.value)}`)];
  return cut(parts.join(' · '), OPTION_TEXT_MAX);
}

function formatMetric(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(3).replace(/\.?0+$/, '');
}

/** The `/model` modal: pick a model (type-ahead), a version, what to do, and an alias when moving one. */
export function modelModal(state: ModelModalState): View {
  const modelSelect = {
    type: 'external_select' as const,
    action_id: MODEL_ACTION_ID,
    placeholder: { type: 'plain_text' as const, text: 'Type to search managed models' },
    min_query_length: 0,
    ...(state.model === undefined || !fitsValue(state.model) ? {} : { initial_option: plainOption(state.model, state.model) }),
  };
  const blocks: KnownBlock[] = [
    { type: 'input', block_id: MODEL_BLOCK_ID, dispatch_action: true, label: { type: 'plain_text', text: 'Model' }, element: modelSelect },
    ...versionBlocks(state),
    {
      type: 'input',
      block_id: ACTION_BLOCK_ID,
      label: { type: 'plain_text', text: 'Action' },
      element: {
        type: 'static_select',
        action_id: ACTION_ACTION_ID,
        placeholder: { type: 'plain_text', text: 'What to do with this version' },
        options: MODAL_ACTIONS.map((a) => plainOption(a.label, a.value)),
        ...actionInitial(state.action),
      },
    },
    {
      type: 'input',
      block_id: ALIAS_BLOCK_ID,
      optional: true,
      label: { type: 'plain_text', text: 'Alias' },
      hint: { type: 'plain_text', text: 'Only for "Point an alias at it", e.g. champion. Deployments load models:/<name>@<alias>.' },
      element: { type: 'plain_text_input', action_id: ALIAS_ACTION_ID, max_length: 255, placeholder: { type: 'plain_text', text: 'champion' } },
    },
    context(mrkdwn`Same rules as the typed command: protected stages and aliases wait for an approver.`),
  ];
  return {
    type: 'modal',
    callback_id: MODEL_VIEW_CALLBACK_ID,
    title: { type: 'plain_text', text: TITLE },
    submit: { type: 'plain_text', text: 'Submit' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

function actionInitial(value: string | undefined): { initial_option?: PlainTextOption } {
  const action = MODAL_ACTIONS.find((a) => a.value === value);
  return action ? { initial_option: plainOption(action.label, action.value) } : {};
}

function versionBlocks(state: ModelModalState): KnownBlock[] {
  if (state.model === undefined) return [context(mrkdwn`Pick a model to see its versions.`)];
  if (state.versionsProblem !== undefined) return [context(mrkdwn`:warning: The versions of ${state.model} could not be read: ${state.versionsProblem}`)];
  const versions = (state.versions ?? []).filter((v) => fitsValue(v.version));
  if (versions.length === 0) return [context(mrkdwn`${state.model} has no versions yet.`)];
  return [
    {
      type: 'input',
      block_id: VERSION_BLOCK_ID,
      label: { type: 'plain_text', text: 'Version' },
      element: {
        type: 'static_select',
        action_id: VERSION_ACTION_ID,
        placeholder: { type: 'plain_text', text: 'Version (stage, aliases, key metrics)' },
        options: versions
          .filter((v) => fitsValue(v.version))
          .slice(0, 100)
          .map((v) => plainOption(versionOptionText(v), v.version)),
      },
    },
  ];
}

/** The modal while the submitted command runs (Slack wants the submission answered within 3 s). */
export function modalWorking(summary: string): View {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: TITLE },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [context(mrkdwn`:hourglass_flowing_sand: Working on ${esc(summary)}…`)],
  };
}

/** The modal showing a command's answer: the same blocks the typed command answers with. */
export function modalResult(answer: SlackMessage): View {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: TITLE },
    close: { type: 'plain_text', text: 'Done' },
    blocks: capBlocks(answer.blocks, MODAL_MAX_BLOCKS),
  };
}

/** Why a submitted choice was refused after the modal was answered (the sentences of its inline errors). */
export function modalRefusal(sentences: readonly string[]): SlackMessage {
  return plain(
    mrkdwn`:no_entry: Nothing was changed: ${joinMrkdwn(
      sentences.map((t) => esc(t)),
      ' ',
    )}`,
  );
}
