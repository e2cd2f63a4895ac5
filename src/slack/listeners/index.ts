import type { App, BlockButtonAction } from '@slack/bolt';
import { APPROVE_ACTION_ID, REJECT_ACTION_ID } from '../blocks/approval-request.blocks';
import { REJECT_VIEW_CALLBACK_ID } from '../blocks/reject-modal.blocks';
import { approveActionCallback } from './actions/approve.action';
import { rejectActionCallback } from './actions/reject.action';
import { MODEL_COMMAND, modelCommandCallback } from './commands/model.command';
import { AfterAckWork } from './after-ack-work';
import { linkSharedCallback } from './events/link-shared.event';
import type { ListenerDeps } from './listener-deps';
import { rejectReasonViewCallback } from './views/reject-reason.view';

export type { ListenerDeps } from './listener-deps';

/** Registers every listener of the app: one slash command, two buttons, one modal, link unfurls (one after-ack work queue for all). */
export function registerListeners(app: App, given: Omit<ListenerDeps, 'work'> & { work?: AfterAckWork }): void {
  const deps: ListenerDeps = { ...given, work: given.work ?? new AfterAckWork() };
  app.command(MODEL_COMMAND, modelCommandCallback(deps));
  app.action<BlockButtonAction>(APPROVE_ACTION_ID, approveActionCallback(deps));
  app.action<BlockButtonAction>(REJECT_ACTION_ID, rejectActionCallback(deps));
  app.view({ callback_id: REJECT_VIEW_CALLBACK_ID, type: 'view_submission' }, rejectReasonViewCallback(deps));
  if (deps.linkPreviews) app.event('link_shared', linkSharedCallback(deps));
}
