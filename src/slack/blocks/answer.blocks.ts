import { describeError } from '../../core/errors';
import { esc, mrkdwn, plain, textOnly, type SlackMessage, type SlackText } from './block-kit';

/** ":warning: <what failed>: <why>", for an error a listener caught; the why is the error's user-safe sentence. */
export function failureMessage(what: string, error: unknown): SlackMessage {
  return plain(mrkdwn`:warning: ${what}: ${esc(describeError(error))}`);
}

/** The ack of a slow command: what the user typed, escaped, is quoted back. */
export function workingText(commandText: string): { readonly text: SlackText } {
  return textOnly(mrkdwn`:hourglass_flowing_sand: Working on \`/model ${commandText.trim()}\`…`);
}

/** What the user sees when something unexpected fails: one safe sentence, never a stack or raw body. */
export function unexpectedErrorText(error: unknown): SlackText {
  const why = describeError(error).replace(/\.$/, '');
  return textOnly(mrkdwn`Sorry, that did not work: ${why}.`).text;
}
