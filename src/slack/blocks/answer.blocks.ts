import type { ApprovalRequest } from '../../core/approvals/approval';
import { describeError } from '../../core/errors';
import { coreText, mrkdwn, plain, textOnly, type SlackMessage, type SlackText } from './block-kit';

/** A refusal the core phrased, with the Slack references (`<@U…>`, `<#C…>`) it names on purpose. */
export interface Refusal {
  readonly reason: string;
  readonly mentions?: readonly string[];
}

/** ":no_entry: <reason>": the sentence escaped, only its listed references kept as mentions. */
export function refusalMessage(refusal: Refusal): SlackMessage {
  return plain(mrkdwn`:no_entry: ${coreText(refusal.reason, refusal.mentions)}`);
}

/** A refused approve/reject: the decider of a decided request is the one person its sentence may mention. */
export function decisionRefusal(outcome: { readonly reason: string; readonly request?: ApprovalRequest }): Refusal {
  const decidedBy = outcome.request?.status !== 'pending' ? outcome.request?.decidedBy : undefined;
  return { reason: outcome.reason, mentions: decidedBy === undefined ? [] : [`<@${decidedBy}>`] };
}

/** The same refusal as text only (chat.postEphemeral from a modal submission has no blocks). */
export function refusalText(refusal: Refusal): { readonly text: SlackText } {
  return textOnly(mrkdwn`:no_entry: ${coreText(refusal.reason, refusal.mentions)}`);
}

/** ":warning: <what failed>: <why>", for an error a listener caught; the why is the error's user-safe sentence. */
export function failureMessage(what: string, error: unknown): SlackMessage {
  return plain(mrkdwn`:warning: ${what}: ${coreText(describeError(error))}`);
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
