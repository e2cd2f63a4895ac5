import { aliasNameProblem, bareAlias } from '../../../src/core/commands/alias-name';
import { aliasProblemText } from '../../../src/slack/commands/alias-problem';

describe('alias names (MLflow 3.17.2 rules)', () => {
  it.each(['champion', 'challenger-2', 'prod_eu', 'Ünïcode', 'v', 'v1a', 'vx3', 'a'.repeat(255)])('accepts %s', (name) => {
    expect(aliasNameProblem(name)).toBeUndefined();
  });

  it.each([
    ['', 'empty', /cannot be empty/],
    ['champ.ion', 'characters', /only letters, digits, underscores \(_\) and dashes \(-\)/],
    ['a/b', 'characters', /only letters/],
    ['latest', 'reserved_latest', /`latest` is reserved/],
    ['LaTeSt', 'reserved_latest', /`latest` is reserved/],
    ['v3', 'reserved_version', /reserved by MLflow for version references/],
    ['V12', 'reserved_version', /reserved by MLflow for version references/],
    ['a'.repeat(256), 'too_long', /at most 255 characters/],
  ] as const)('refuses %j', (name, problem, why) => {
    expect(aliasNameProblem(name)).toBe(problem);
    expect(aliasProblemText(name, problem)).toMatch(why);
  });

  it('drops one leading @', () => {
    expect(bareAlias('@champion')).toBe('champion');
    expect(bareAlias('champion')).toBe('champion');
  });
});
