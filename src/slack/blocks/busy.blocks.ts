import { plain, type SlackMessage } from './block-kit';

/**
 * What a person sees when the app shed their request under overload (an adapter's busy error): how many requests
 * are ahead, and when to try again. The count is the only data in it.
 */
export function busyMessage(waiting: number): SlackMessage {
  const n = Math.max(0, Math.round(waiting));
  return plain(`:hourglass: modelsync is busy (${n} ${n === 1 ? 'request' : 'requests'} waiting), try again in a minute.`);
}
