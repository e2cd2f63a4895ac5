/**
 * `/model help` and usage errors read right in Slack: `<name>` and `<staging|production|archived|none>` are Slack
 * link syntax unless escaped (also inside code spans), which made Slack show "production|archived|none" and drop
 * "staging". Checked on the exact text sent and through the playground's mrkdwn renderer.
 */
import { helpMessage, parseErrorMessage } from '../../../src/slack/blocks/help.blocks';
import { listMessage } from '../../../src/slack/blocks/status.blocks';
import { MODEL_SLASH_SUBCOMMANDS } from '../../../src/slack/commands/model-subcommands';
import { parseModelCommand, type ParseResult } from '../../../src/slack/commands/parse-model-command';
import { helpEntries } from '../../../src/slack/commands/slash-subcommand';

const HELP = helpEntries(MODEL_SLASH_SUBCOMMANDS);
import { messageText } from '../support/model-app';
import { mrkdwnHtml, mrkdwnVisibleText } from '../support/playground-mrkdwn';

function failed(text: string): Extract<ParseResult, { ok: false }> {
  const parsed = parseModelCommand(text);
  if (parsed.ok) throw new Error(`"${text}" parsed`);
  return parsed;
}

describe('help and usage text in Slack', () => {
  it('sends every usage line with its angle brackets escaped, inside the code span', () => {
    const text = messageText(helpMessage(HELP));
    expect(text).toContain('`/model promote &lt;name&gt; &lt;version&gt; &lt;staging|production|archived|none&gt;`');
    expect(text).toContain('`/model register &lt;name&gt; &lt;source-uri|runs:/RUN_ID/PATH&gt; [description…]`');
    expect(text).not.toMatch(/<(name|version|alias|source-uri|staging)/);
  });

  it('shows every usage line exactly as written when Slack renders the help', () => {
    const help = helpMessage(HELP);
    const shown = help.blocks.map((b) => mrkdwnVisibleText((b as { text?: { text: string } }).text?.text ?? '')).join('\n');
    for (const { usage } of HELP) expect(shown).toContain(usage);
    expect(shown).toContain('/model promote <name> <version> <staging|production|archived|none>');
    // No part of the help became a link.
    for (const b of help.blocks) expect(mrkdwnHtml((b as { text?: { text: string } }).text?.text ?? '')).not.toContain('<a ');
  });

  it('shows the usage of a mistyped command as written, and quotes what was typed without turning it into markup', () => {
    const e = failed('promote churn 5 <!channel>');
    const m = parseErrorMessage(e, HELP);
    const shown = mrkdwnVisibleText(m.blocks.map((b) => (b as { text?: { text: string } }).text?.text ?? '').join('\n'));
    expect(shown).toContain('Unknown stage <!channel>: use one of');
    expect(shown).toContain('Usage: /model promote <name> <version> <staging|production|archived|none>');
    expect(mrkdwnHtml(m.text)).not.toContain('class="mention"');
  });

  it('keeps the list answer for an empty registry readable', () => {
    const shown = mrkdwnVisibleText(listMessage([]).text);
    expect(shown).toContain('/model register <name> <source-uri> adds one');
  });
});
