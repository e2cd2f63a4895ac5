import type { BlockAction, RespondFn } from '@slack/bolt';
import type { SlackMessage } from '../../blocks/block-kit';
import type { ListenerDeps } from '../listener-deps';

/**
 * Tells the person who clicked a button why nothing happened: ephemeral through the click's response_url for a
 * button on a message; on their Home tab, as a notice on top of a fresh tab, for a button there (a click in a view
 * carries no response_url).
 */
export async function tellClicker(deps: ListenerDeps, body: BlockAction, respond: RespondFn | undefined, answer: SlackMessage): Promise<void> {
  if (body.container?.type !== 'view' && respond) {
    await respond({ response_type: 'ephemeral', replace_original: false, ...answer });
    return;
  }
  if (body.view?.type === 'home' && deps.home) {
    await deps.home.publish(body.user.id, answer);
    return;
  }
  deps.logger.warn({ action: body.actions[0]?.action_id }, 'clicker not told: no response URL and not the Home tab');
}
