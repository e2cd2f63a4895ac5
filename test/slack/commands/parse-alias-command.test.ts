import { parseModelCommand } from '../../../src/slack/commands/parse-model-command';

describe('/model alias and /model unalias parsing', () => {
  it('reads alias with or without @ and a v-prefixed version', () => {
    expect(parseModelCommand('alias churn 5 champion')).toEqual({ ok: true, command: { kind: 'alias', model: 'churn', version: '5', alias: 'champion' } });
    expect(parseModelCommand('ALIAS churn v7 @challenger')).toEqual({
      ok: true,
      command: { kind: 'alias', model: 'churn', version: '7', alias: 'challenger' },
    });
    expect(parseModelCommand('unalias churn @challenger')).toEqual({ ok: true, command: { kind: 'unalias', model: 'churn', alias: 'challenger' } });
  });

  it('asks for the missing alias with the right form', () => {
    expect(parseModelCommand('alias churn 5')).toMatchObject({
      ok: false,
      error: expect.stringContaining('Which alias?'),
      usage: '/model alias <name> <version> <alias>',
      showHelp: false,
    });
    expect(parseModelCommand('unalias churn')).toMatchObject({
      ok: false,
      error: expect.stringContaining('Which alias?'),
      usage: '/model unalias <name> <alias>',
    });
  });

  it('refuses alias names MLflow would refuse, saying why', () => {
    expect(parseModelCommand('alias churn 5 latest')).toMatchObject({ ok: false, error: expect.stringContaining('`latest` is reserved') });
    expect(parseModelCommand('alias churn 5 v3')).toMatchObject({ ok: false, error: expect.stringContaining('reserved by MLflow for version references') });
    expect(parseModelCommand('alias churn 5 champ.ion')).toMatchObject({ ok: false, error: expect.stringContaining('only letters, digits, underscores') });
    expect(parseModelCommand('unalias churn @')).toMatchObject({ ok: false, error: 'An alias name cannot be empty.' });
  });

  it('refuses a non-numeric version and extra arguments', () => {
    expect(parseModelCommand('alias churn champion 5')).toMatchObject({ ok: false, error: 'The version must be a whole number such as 5, not `champion`.' });
    expect(parseModelCommand('alias churn 5 champion now')).toMatchObject({ ok: false, error: 'Unexpected extra argument `now`.' });
    expect(parseModelCommand('unalias churn champion 5')).toMatchObject({ ok: false, error: 'Unexpected extra argument `5`.' });
  });

  it('suggests alias for a typo', () => {
    expect(parseModelCommand('aliass churn 5 champion')).toMatchObject({
      ok: false,
      error: expect.stringContaining('Did you mean `/model alias`?'),
      showHelp: true,
    });
  });
});
