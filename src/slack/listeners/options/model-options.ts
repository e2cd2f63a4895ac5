import type { AllMiddlewareArgs, BlockSuggestion, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import { isBusy } from '../../../core/errors';
import { modelOptions } from '../../blocks/model-modal.blocks';
import type { ListenerDeps } from '../listener-deps';

/**
 * The model picker's type-ahead (block_suggestion): managed models matching what was typed, answered inside the
 * ack (Slack waits 3 s). Reads go through the cached registry as a read-only command (shed first under overload,
 * 2 s budget); when MLflow cannot answer in time the list is empty and the person types again.
 */
export function modelOptionsCallback(deps: ListenerDeps) {
  return async ({ ack, options }: SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs): Promise<void> => {
    const picker = deps.picker;
    const typed = (options as BlockSuggestion).value ?? '';
    if (!picker) {
      await ack({ options: [] });
      return;
    }
    try {
      const names = await deps.work.run('read', () => picker.models(typed));
      await ack({ options: modelOptions(names) });
    } catch (e) {
      if (isBusy(e)) deps.logger.debug({ errorCode: e.code }, 'model type-ahead shed: busy');
      else deps.logger.warn({ err: e }, 'model type-ahead failed');
      await ack({ options: [] });
    }
  };
}
