import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Guard } from '../../../core/guard/guard.service';
import { isBusy } from '../../../core/errors';
import { failureMessage } from '../../blocks/answer.blocks';
import { busyMessage } from '../../blocks/busy.blocks';
import { refusalMessage } from '../../blocks/refusal.blocks';
import type { ListenerDeps } from '../listener-deps';

/**
 * The guard's Revert button: ack, then the core decides (approvers only, once across clicks and instances, and only
 * while MLflow still shows what the alert showed). The core updates the alert; a refusal goes to the clicker alone.
 */
export function revertActionCallback(deps: ListenerDeps, guard: Guard) {
  return async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    try {
      const outcome = await deps.work.run('change', () => guard.revert(action.value ?? '', body.user.id));
      if (outcome.kind === 'refused') await respond({ response_type: 'ephemeral', replace_original: false, ...refusalMessage(outcome.refusal) });
    } catch (e) {
      if (isBusy(e)) {
        await respond({ response_type: 'ephemeral', replace_original: false, ...busyMessage(e.waiting) });
        return;
      }
      deps.logger.error({ err: e, action: 'revert' }, 'revert failed');
      await respond({ response_type: 'ephemeral', replace_original: false, ...failureMessage('The revert failed', e) });
    }
  };
}
