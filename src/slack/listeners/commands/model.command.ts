import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { isBusy, isModelsyncError } from '../../../core/errors';
import { changesOf } from '../../../core/commands/subcommands';
import { failureMessage, workingText } from '../../blocks/answer.blocks';
import { busyMessage } from '../../blocks/busy.blocks';
import { commandResultMessage, helpMessage, parseErrorMessage } from '../../blocks/command-result.blocks';
import { parseModelCommand } from '../../commands/parse-model-command';
import type { ListenerDeps } from '../listener-deps';

/** The slash command this listener answers (must match manifest.json). */
export const MODEL_COMMAND = '/model';

/**
 * `/model …`: answers help and parse errors inside the ack; everything else is acked at once (Slack allows
 * 3 seconds) and answered through `respond` when the use case finishes.
 */
export function modelCommandCallback(deps: ListenerDeps) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const parsed = parseModelCommand(command.text ?? '');
    if (!parsed.ok) {
      await ack({ response_type: 'ephemeral', ...parseErrorMessage(parsed) });
      return;
    }
    if (parsed.command.kind === 'help') {
      await ack({ response_type: 'ephemeral', ...helpMessage() });
      return;
    }
    const slow = parsed.command.kind === 'register' || parsed.command.kind === 'sync';
    if (slow) await ack({ response_type: 'ephemeral', ...workingText(command.text) });
    else await ack();

    const ctx = { userId: command.user_id, channelId: command.channel_id };
    const answer = async (): Promise<void> => {
      const result = await deps.commands.execute(parsed.command, ctx);
      // A sync report concerns everyone in the channel; other answers are for the person who asked.
      const inChannel = result.kind === 'sync' && result.run.kind === 'ran';
      await respond({ response_type: inChannel ? 'in_channel' : 'ephemeral', ...commandResultMessage(result) });
    };
    try {
      // Read-only commands (the declared list says they change nothing) are shed first under overload.
      await deps.work.run(changesOf(parsed.command).length === 0 ? 'read' : 'change', answer);
    } catch (e) {
      if (isBusy(e)) {
        // Shed under overload: expected, counted in the load log and /metrics, so not an error line per command.
        deps.logger.debug({ errorCode: e.code, waiting: e.waiting, command: parsed.command.kind }, '/model command shed: busy');
        await respond({ response_type: 'ephemeral', ...busyMessage(e.waiting) });
        return;
      }
      deps.logger.error({ err: e, errorCode: isModelsyncError(e) ? e.code : undefined, command: parsed.command.kind }, '/model command failed');
      await respond({ response_type: 'ephemeral', ...failureMessage(`\`/model ${parsed.command.kind}\` failed`, e) });
    }
  };
}
