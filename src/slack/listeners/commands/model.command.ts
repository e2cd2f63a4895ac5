import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { isBusy, isModelsyncError } from '../../../core/errors';
import { failureMessage, workingText } from '../../blocks/answer.blocks';
import { busyMessage } from '../../blocks/busy.blocks';
import type { ListenerDeps } from '../listener-deps';
import { openModelModal } from './open-model-modal';

export { MODEL_COMMAND } from '../../commands/model-subcommands';

/**
 * `/model …`: parse errors, and sub-commands declared to answer at once (help), are answered inside the ack;
 * everything else is acked at once (Slack allows 3 seconds) and answered through `respond` when the use case finishes.
 * What each sub-command is, changes and shows comes from the declared lists, never from this listener.
 */
export function modelCommandCallback(deps: ListenerDeps) {
  return async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const { commands } = deps;
    // Nothing typed: the form (when the app offers one), as Slack apps do; `/model help` lists the commands.
    if ((command.text ?? '').trim() === '' && deps.picker && deps.forms) {
      await openModelModal(deps, { command, ack, client, respond });
      return;
    }
    const parsed = commands.parse(command.text ?? '');
    if (!parsed.ok) {
      await ack({ response_type: 'ephemeral', ...commands.parseErrorMessage(parsed) });
      return;
    }
    const invocation = parsed.command;
    const ctx = { userId: command.user_id, channelId: command.channel_id };
    const mode = commands.ackOf(invocation);
    if (mode === 'answer') {
      await ack({ response_type: 'ephemeral', ...(await commands.reply(invocation, ctx)).message });
      return;
    }
    if (mode === 'working') await ack({ response_type: 'ephemeral', ...workingText(command.text) });
    else await ack();

    const answer = async (): Promise<void> => {
      const reply = await commands.reply(invocation, ctx);
      await respond({ response_type: reply.inChannel ? 'in_channel' : 'ephemeral', ...reply.message });
    };
    try {
      // Read-only commands (the declared list says they change nothing) are shed first under overload.
      await deps.work.run(commands.isRead(invocation) ? 'read' : 'change', answer);
    } catch (e) {
      if (isBusy(e)) {
        // Shed under overload: expected, counted in the load log and /metrics, so not an error line per command.
        deps.logger.debug({ errorCode: e.code, waiting: e.waiting, command: invocation.kind }, '/model command shed: busy');
        await respond({ response_type: 'ephemeral', ...busyMessage(e.waiting) });
        return;
      }
      deps.logger.error({ err: e, errorCode: isModelsyncError(e) ? e.code : undefined, command: invocation.kind }, '/model command failed');
      await respond({ response_type: 'ephemeral', ...failureMessage(`\`/model ${invocation.kind}\` failed`, e) });
    }
  };
}
