import { requestsWaiting } from '../../core/errors';
import { mrkdwn, plain, type SlackMessage } from './block-kit';

/**
 * What a person sees when the app shed their request under overload (an adapter's busy error): how many requests
 * are ahead, and when to try again. The count is the only data in it.
 */
export function busyMessage(waiting: number): SlackMessage {
  return plain(mrkdwn`:hourglass: modelsync is busy (${requestsWaiting(waiting)}), try again in a minute.`);
}
