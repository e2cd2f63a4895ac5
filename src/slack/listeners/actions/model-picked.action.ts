import type { AllMiddlewareArgs, BlockAction, ExternalSelectAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { describeError } from '../../../core/errors';
import { modelModal, type ModelModalState } from '../../blocks/model-modal.blocks';
import { ACTION_ACTION_ID, ACTION_BLOCK_ID, MODEL_VIEW_CALLBACK_ID } from '../../views/model-modal.ids';
import type { ListenerDeps } from '../listener-deps';

/**
 * A model was picked in the `/model` modal (block_actions, the picker's block dispatches its action): read its
 * versions (stage, aliases, key metrics) and update the modal with them. The view's hash makes Slack refuse the
 * update if the modal changed meanwhile (a newer pick wins).
 */
export function modelPickedCallback(deps: ListenerDeps) {
  return async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockAction<ExternalSelectAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const view = body.view;
    const model = action.selected_option?.value;
    const picker = deps.picker;
    if (!view || view.callback_id !== MODEL_VIEW_CALLBACK_ID || !model || !picker) return;
    const chosenAction = view.state.values[ACTION_BLOCK_ID]?.[ACTION_ACTION_ID]?.selected_option?.value ?? undefined;
    let state: ModelModalState;
    try {
      const versions = await deps.work.run('read', () => picker.versions(model));
      state = { model, versions, action: chosenAction };
    } catch (e) {
      state = { model, versionsProblem: describeError(e), action: chosenAction };
    }
    try {
      await client.views.update({ view_id: view.id, hash: view.hash, view: modelModal(state) });
    } catch (e) {
      // hash_conflict: the person picked again meanwhile, and that pick's update shows.
      deps.logger.debug({ err: e }, '/model modal not updated');
    }
  };
}
