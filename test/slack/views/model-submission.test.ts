import { parseAlias, parseArchive, parsePromote, parseRollback } from '../../../src/slack/commands/model-parsers';
import { readTokens } from '../../../src/slack/commands/command-text';
import { MODAL_ACTIONS } from '../../../src/slack/views/model-modal.ids';
import { commandOfChoice, readModalChoice as readChoice, type ViewValues } from '../../../src/slack/views/model-submission';
import { plainOfMrkdwn } from '../../../src/slack/views/plain-text';
import { mention, mrkdwn, link } from '../../../src/slack/blocks/mrkdwn';
import { choiceValues } from '../support/modal-steps';

function args(text: string) {
  const read = readTokens(text);
  if (!read.ok) throw new Error(read.error);
  return { tokens: read.tokens, text };
}
const readModalChoice = (values: object) => readChoice(values as ViewValues);

describe('the /model modal submission', () => {
  it('becomes exactly the command the typed parser produces for the same choice', () => {
    const cases: [Record<string, string>, unknown][] = [
      [{ model: 'fraud v2', version: '5', action: 'stage:Production' }, parsePromote(args('churn 5 production'))],
      [{ model: 'fraud v2', version: '5', action: 'stage:Staging' }, parsePromote(args('churn 5 staging'))],
      [{ model: 'fraud v2', version: '5', action: 'stage:None' }, parsePromote(args('churn 5 none'))],
      [{ model: 'fraud v2', version: '5', action: 'archive' }, parseArchive(args('churn 5'))],
      [{ model: 'fraud v2', version: '5', action: 'alias', alias: '@champion' }, parseAlias(args('churn 5 @champion'))],
      [{ model: 'fraud v2', version: '5', action: 'rollback:Production' }, parseRollback(args('churn production'))],
      [{ model: 'fraud v2', version: '5', action: 'rollback:Staging' }, parseRollback(args('churn staging'))],
    ];
    for (const [choice, typed] of cases) {
      const read = readModalChoice(choiceValues(choice));
      if (!read.ok) throw new Error(JSON.stringify(read.errors));
      // The modal carries names with spaces that typing cannot (yet); otherwise the commands are the same.
      expect({ ...commandOfChoice(read), model: 'churn' }).toEqual((typed as { command: unknown }).command);
    }
    expect(MODAL_ACTIONS.map((a) => a.value)).toEqual([
      'stage:Production',
      'stage:Staging',
      'stage:None',
      'archive',
      'alias',
      'rollback:Production',
      'rollback:Staging',
    ]);
  });

  it('names every missing or unoffered field by its block', () => {
    expect(readModalChoice({})).toEqual({ ok: false, errors: { model: 'Choose a model.', action: 'Choose what to do.' } });
    expect(readModalChoice(choiceValues({ model: 'churn', action: 'archive' }))).toMatchObject({ ok: false, errors: { version: expect.any(String) } });
    expect(readModalChoice(choiceValues({ model: 'churn', version: '0', action: 'archive' }))).toMatchObject({
      ok: false,
      errors: { version: expect.any(String) },
    });
    expect(readModalChoice(choiceValues({ model: 'churn', version: '5', action: 'stage:Released' }))).toMatchObject({
      ok: false,
      errors: { action: expect.stringContaining('not an action offered') },
    });
    expect(readModalChoice(choiceValues({ model: 'churn', version: '5', action: 'alias', alias: 'a b' }))).toMatchObject({
      ok: false,
      errors: { alias: expect.not.stringContaining('`') },
    });
  });
});

describe('plainOfMrkdwn: the app own mrkdwn as plain text for an inline error', () => {
  it('keeps names whole (underscores, angle brackets, ampersands) and reads mentions, links and emphasis', () => {
    const text = mrkdwn`:no_entry: Only ${mention('U0BOB')} may ask for *${'churn_model_v2'}* (${link('http://x.test/m', 'a<b & c>')}); see \`/model help\`.`;
    expect(plainOfMrkdwn(text.text)).toBe('Only @U0BOB may ask for churn_model_v2 (a<b & c>); see "/model help".');
  });
});
