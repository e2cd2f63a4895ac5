import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { failureMessage } from '../../blocks/answer.blocks';
import { refusalMessage } from '../../blocks/refusal.blocks';
import { isBusy } from '../../../core/errors';
import { busyMessage } from '../../blocks/busy.blocks';
import { rejectReasonModal } from '../../blocks/reject-modal.blocks';
import type { ListenerDeps } from '../listener-deps';

/** Reject button: ack, check the clicker may reject, then ask for the reason in a modal (decided on submission). */
export function rejectActionCallback(deps: ListenerDeps) {
  return async ({ ack, body, action, respond, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    try {
      const check = await deps.work.run('change', () => deps.approvals.checkReject(action.value ?? '', body.user.id));
      if (!check.ok) {
        await respond({ response_type: 'ephemeral', replace_original: false, ...refusalMessage(check.refusal) });
        return;
      }
      await client.views.open({ trigger_id: body.trigger_id, view: rejectReasonModal(check.request, body.channel?.id) });
    } catch (e) {
      if (isBusy(e)) {
        await respond({ response_type: 'ephemeral', replace_original: false, ...busyMessage(e.waiting) });
        return;
      }
      deps.logger.error({ err: e, action: 'reject' }, 'reject dialog failed');
      await respond({ response_type: 'ephemeral', replace_original: false, ...failureMessage('Could not open the reject dialog', e) });
    }
  };
}
