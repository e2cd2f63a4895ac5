import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { failureMessage } from '../../blocks/answer.blocks';
import { modelModal } from '../../blocks/model-modal.blocks';
import type { ListenerDeps } from '../listener-deps';

/**
 * A bare `/model`: ack at once, then open the modal with the command's trigger_id (valid for 3 s after the command
 * was sent, so nothing is read before views.open: the model list comes later, as the person types). Who opened
 * it and where is kept by the view's id (FormSessions), so the submission runs as the typed command would have.
 */
export async function openModelModal(
  deps: ListenerDeps,
  { command, ack, client, respond }: Pick<SlackCommandMiddlewareArgs & AllMiddlewareArgs, 'command' | 'ack' | 'client' | 'respond'>,
): Promise<void> {
  await ack();
  try {
    const opened = await client.views.open({ trigger_id: command.trigger_id, view: modelModal({}) });
    // Stored after opening (the trigger id expires within 3 s): the submission runs in this context, whatever it says.
    if (opened.view?.id) await deps.forms?.open(opened.view.id, { userId: command.user_id, channelId: command.channel_id });
  } catch (e) {
    deps.logger.warn({ err: e }, '/model modal not opened');
    await respond({ response_type: 'ephemeral', ...failureMessage('The form could not be opened (type `/model help` for the commands)', e) });
  }
}
