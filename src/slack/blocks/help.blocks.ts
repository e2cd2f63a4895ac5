import type { KnownBlock } from '@slack/web-api';
import { cut, joinMrkdwn, message, mrkdwn, plain, section, SECTION_TEXT_MAX_CHARS, context, type Mrkdwn, type SlackMessage } from './block-kit';

/** One line of the help: a sub-command's right form and what it does. */
export interface HelpEntry {
  readonly usage: string;
  readonly summary: string;
}

/** A parse failure: what was wrong, the right form, and whether to show the full help. */
export interface ParseError {
  readonly error: string;
  readonly usage?: string;
  readonly showHelp: boolean;
}

/** The help: every declared sub-command's usage (escaped, so `<name>` shows as typed) and what it does. */
export function helpMessage(entries: readonly HelpEntry[], intro?: Mrkdwn): SlackMessage {
  const lines = entries.map((e) => mrkdwn`\`${e.usage}\`\n      ${e.summary}`);
  const blocks: KnownBlock[] = [];
  if (intro) blocks.push(section(intro));
  blocks.push(section(mrkdwn`*Model registry commands*\n${joinMrkdwn(lines, '\n')}`));
  blocks.push(
    context(
      mrkdwn`Stages: staging (stg), production (prod), archived (archive), none, any case. Names with spaces go in quotes: "fraud v2". Aliases: letters, digits, _ and -. Promotions to protected stages and aliases wait for an approver; promotion gates may block them.`,
    ),
  );
  return message(intro ?? mrkdwn`modelsync: /model commands`, blocks);
}

/** What was wrong with the command and its right form; the whole help when the sub-command itself was unknown. */
export function parseErrorMessage(e: ParseError, help: readonly HelpEntry[]): SlackMessage {
  // Errors quote what was typed, which may be 50k characters: keep the answer within Slack's message limits.
  const error = cut(e.error, SECTION_TEXT_MAX_CHARS - 200);
  const text = e.usage ? mrkdwn`${error}\nUsage: \`${e.usage}\`` : mrkdwn`${error}`;
  return e.showHelp ? helpMessage(help, text) : plain(text);
}
