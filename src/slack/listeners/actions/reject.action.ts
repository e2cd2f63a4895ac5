import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { failureMessage } from '../../blocks/answer.blocks';
import { refusalMessage } from '../../blocks/refusal.blocks';
import { isBusy } from '../../../core/errors';
import { busyMessage } from '../../blocks/busy.blocks';
import { rejectReasonModal } from '../../blocks/reject-modal.blocks';
import type { ListenerDeps } from '../listener-deps';
import { tellClicker } from './tell-clicker';

/**
 * Reject button (on the request message or on the Home tab): ack, check the clicker may reject, then ask for the
 * reason in a modal (decided on submission).
 */
export function rejectActionCallback(deps: ListenerDeps) {
  return async ({ ack, body, action, respond, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    try {
      const check = await deps.work.run('change', () => deps.approvals.checkReject(action.value ?? '', body.user.id));
      if (!check.ok) {
        await tellClicker(deps, body, respond, refusalMessage(check.refusal));
        return;
      }
      await client.views.open({ trigger_id: body.trigger_id, view: rejectReasonModal(check.request, body.channel?.id) });
    } catch (e) {
      if (isBusy(e)) {
        await tellClicker(deps, body, respond, busyMessage(e.waiting));
        return;
      }
      deps.logger.error({ err: e, action: 'reject' }, 'reject dialog failed');
      await tellClicker(deps, body, respond, failureMessage('Could not open the reject dialog', e));
    }
  };
}
