import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { failureMessage } from '../../blocks/answer.blocks';
import { refusalMessage } from '../../blocks/refusal.blocks';
import { isBusy } from '../../../core/errors';
import { busyMessage } from '../../blocks/busy.blocks';
import type { ListenerDeps } from '../listener-deps';
import { tellClicker } from './tell-clicker';

/**
 * Approve button (on the request message or on the Home tab): ack, decide through the core (four-eyes, one outcome
 * only, stage re-checked). The core updates the request message and posts the notification; a refusal goes to the
 * clicker alone.
 */
export function approveActionCallback(deps: ListenerDeps) {
  return async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    try {
      const outcome = await deps.work.run('change', () => deps.approvals.approve(action.value ?? '', body.user.id));
      if (outcome.kind === 'refused') await tellClicker(deps, body, respond, refusalMessage(outcome.refusal));
    } catch (e) {
      if (isBusy(e)) {
        await tellClicker(deps, body, respond, busyMessage(e.waiting));
        return;
      }
      deps.logger.error({ err: e, action: 'approve' }, 'approval failed');
      await tellClicker(deps, body, respond, failureMessage('The approval failed', e));
    }
  };
}
