import type { App, BlockAction, BlockButtonAction, ExternalSelectAction } from '@slack/bolt';
import { APPROVE_ACTION_ID, REJECT_ACTION_ID } from '../blocks/approval-request.blocks';
import { REJECT_VIEW_CALLBACK_ID } from '../blocks/reject-modal.blocks';
import { MODEL_ACTION_ID, MODEL_VIEW_CALLBACK_ID } from '../views/model-modal.ids';
import { approveActionCallback } from './actions/approve.action';
import { modelPickedCallback } from './actions/model-picked.action';
import { REVERT_ACTION_ID } from '../blocks/guard-alert.blocks';
import { revertActionCallback } from './actions/revert.action';
import { rejectActionCallback } from './actions/reject.action';
import { MODEL_COMMAND, modelCommandCallback } from './commands/model.command';
import { appHomeOpenedCallback } from './events/app-home-opened.event';
import { AfterAckWork } from './after-ack-work';
import { linkSharedCallback } from './events/link-shared.event';
import type { ListenerDeps } from './listener-deps';
import { modelOptionsCallback } from './options/model-options';
import { modelActionViewCallback } from './views/model-action.view';
import { rejectReasonViewCallback } from './views/reject-reason.view';

export type { ListenerDeps } from './listener-deps';

/**
 * Registers every listener of the app (one after-ack work queue for all): the slash command, the approval buttons
 * (on messages and on the Home tab), the reject-reason modal, the `/model` modal (type-ahead, model picked,
 * submitted), the Home tab and link unfurls.
 */
export function registerListeners(app: App, given: Omit<ListenerDeps, 'work'> & { work?: AfterAckWork }): void {
  const deps: ListenerDeps = { ...given, work: given.work ?? new AfterAckWork() };
  app.command(MODEL_COMMAND, modelCommandCallback(deps));
  app.action<BlockButtonAction>(APPROVE_ACTION_ID, approveActionCallback(deps));
  app.action<BlockButtonAction>(REJECT_ACTION_ID, rejectActionCallback(deps));
  if (deps.guard) app.action<BlockButtonAction>(REVERT_ACTION_ID, revertActionCallback(deps, deps.guard));
  app.view({ callback_id: REJECT_VIEW_CALLBACK_ID, type: 'view_submission' }, rejectReasonViewCallback(deps));
  app.options({ action_id: MODEL_ACTION_ID }, modelOptionsCallback(deps));
  app.action<BlockAction<ExternalSelectAction>>({ action_id: MODEL_ACTION_ID, type: 'block_actions' }, modelPickedCallback(deps));
  app.view({ callback_id: MODEL_VIEW_CALLBACK_ID, type: 'view_submission' }, modelActionViewCallback(deps));
  app.event('app_home_opened', appHomeOpenedCallback(deps));
  if (deps.linkPreviews) app.event('link_shared', linkSharedCallback(deps));
}
