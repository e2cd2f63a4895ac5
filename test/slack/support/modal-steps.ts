/** Steps of the `/model` modal through signed requests into the real app (see model-modal.e2e.int.test.ts). */
import type { StoredView } from '../../../emulators/slack';
import {
  ACTION_ACTION_ID,
  ACTION_BLOCK_ID,
  ALIAS_ACTION_ID,
  ALIAS_BLOCK_ID,
  MODEL_ACTION_ID,
  MODEL_BLOCK_ID,
  VERSION_ACTION_ID,
  VERSION_BLOCK_ID,
} from '../../../src/slack/views/model-modal.ids';
import type { ModelApp } from './model-app';

/** Types a bare `/model` and waits for the modal views.open opened with that command's trigger_id. */
export async function openModal(app: ModelApp, userId: string): Promise<{ view: StoredView; status: number; ack: string }> {
  const sent = await app.slack.command('/model', '', { userId });
  const view = await app.emulator.waitFor(() => [...app.emulator.workspace.views.values()].find((v) => v.triggerId === sent.triggerId), 10_000);
  return { view, status: sent.status, ack: sent.text };
}

/** The options the app answers for what was typed into the model picker. */
export async function suggest(app: ModelApp, userId: string, viewId: string, typed: string): Promise<{ status: number; body: unknown }> {
  const res = await app.views.blockSuggestion({ userId, viewId, blockId: MODEL_BLOCK_ID, actionId: MODEL_ACTION_ID, value: typed });
  return { status: res.status, body: res.text ? JSON.parse(res.text) : undefined };
}

/** Picks a model in the modal and waits for the modal to show its versions. */
export async function pickModel(app: ModelApp, userId: string, viewId: string, model: string): Promise<StoredView> {
  const before = app.emulator.workspace.views.get(viewId)?.hash;
  const selected = { text: { type: 'plain_text', text: model }, value: model };
  await app.views.viewAction({
    userId,
    viewId,
    blockId: MODEL_BLOCK_ID,
    actionId: MODEL_ACTION_ID,
    element: { type: 'external_select', selected_option: selected },
    values: { [MODEL_BLOCK_ID]: { [MODEL_ACTION_ID]: { type: 'external_select', selected_option: selected } } },
  });
  return app.emulator.waitFor(() => {
    const v = app.emulator.workspace.views.get(viewId);
    return v && v.hash !== before ? v : undefined;
  }, 15_000);
}

/** The options of a static select in a stored view, by block id. */
export function selectOptions(view: StoredView, blockId: string): { text: string; value: string }[] {
  const block = (view.view.blocks as { block_id?: string; element?: { options?: { text: { text: string }; value: string }[] } }[]).find(
    (b) => b.block_id === blockId,
  );
  return (block?.element?.options ?? []).map((o) => ({ text: o.text.text, value: o.value }));
}

/** state.values of a submission: what a person (or a forger) chose. */
export function choiceValues(choice: { model?: string; version?: string; action?: string; alias?: string }): Record<string, Record<string, unknown>> {
  const option = (value: string | undefined) => (value === undefined ? null : { text: { type: 'plain_text', text: value }, value });
  return {
    [MODEL_BLOCK_ID]: { [MODEL_ACTION_ID]: { type: 'external_select', selected_option: option(choice.model) } },
    [VERSION_BLOCK_ID]: { [VERSION_ACTION_ID]: { type: 'static_select', selected_option: option(choice.version) } },
    [ACTION_BLOCK_ID]: { [ACTION_ACTION_ID]: { type: 'static_select', selected_option: option(choice.action) } },
    [ALIAS_BLOCK_ID]: { [ALIAS_ACTION_ID]: { type: 'plain_text_input', value: choice.alias ?? null } },
  };
}

/** Submits the modal; the ack's JSON (response_action errors/update), or undefined for an empty ack. */
export async function submit(
  app: ModelApp,
  userId: string,
  viewId: string,
  choice: Parameters<typeof choiceValues>[0],
): Promise<{ status: number; ack: { response_action?: string; errors?: Record<string, string>; view?: { blocks: unknown[] } } | undefined }> {
  const res = await app.views.submit({ userId, viewId, values: choiceValues(choice) });
  return { status: res.status, ack: res.text ? JSON.parse(res.text) : undefined };
}
