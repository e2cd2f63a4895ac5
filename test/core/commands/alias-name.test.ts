import { aliasNameProblem, bareAlias } from '../../../src/core/commands/alias-name';

describe('alias names (MLflow 3.17.2 rules)', () => {
  it.each(['champion', 'challenger-2', 'prod_eu', 'Ünïcode', 'v', 'v1a', 'vx3', 'a'.repeat(255)])('accepts %s', (name) => {
    expect(aliasNameProblem(name)).toBeUndefined();
  });

  it.each([
    ['', /cannot be empty/],
    ['champ.ion', /only letters, digits, underscores \(_\) and dashes \(-\)/],
    ['a/b', /only letters/],
    ['latest', /`latest` is reserved/],
    ['LaTeSt', /`latest` is reserved/],
    ['v3', /reserved by MLflow for version references/],
    ['V12', /reserved by MLflow for version references/],
    ['a'.repeat(256), /at most 255 characters/],
  ])('refuses %j', (name, why) => {
    expect(aliasNameProblem(name)).toMatch(why);
  });

  it('drops one leading @', () => {
    expect(bareAlias('@champion')).toBe('champion');
    expect(bareAlias('champion')).toBe('champion');
  });
});
