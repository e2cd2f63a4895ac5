/**
 * The README is a front door: short, with the two commands that work on a fresh clone (the test command being the one
 * .ci/run runs), and a table saying why each dependency of package.json is there.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { codeSpans, lines, readDoc, ROOT, section, tableCells } from './support/markdown';

const MAX_README_LINES = 150;

const readme = readDoc('README.md').text;
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The commands of the "Two commands" block, without their comments. */
function twoCommands(): string[] {
  return section(readme, /^## Two commands/)
    .filter((l) => l.fenced && !/^\s*(```|~~~)/.test(l.text))
    .map((l) => l.text.replace(/#.*$/, '').trim())
    .filter((c) => c !== '');
}

/** The npm script an `npm test` / `npm run x` / `npm start` command runs. */
function scriptOf(command: string): string | undefined {
  const m = /^npm (?:run(?:-script)? (\S+)|(test|start))$/.exec(command);
  return m?.[1] ?? m?.[2];
}

/** The package names (or `@scope/*` patterns) of the dependency table's first column. */
function tabledPackages(): string[] {
  return section(readme, /^## Dependencies and why/)
    .filter((l) => !l.fenced)
    .map((l) => tableCells(l.text)?.[0])
    .filter((cell): cell is string => cell !== undefined && cell !== 'package' && !/^-+$/.test(cell))
    .flatMap((cell) => codeSpans(cell));
}

function covers(pattern: string, name: string): boolean {
  return pattern.endsWith('/*') ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

describe('the README', () => {
  it(`is a front door of at most ${MAX_README_LINES} lines`, () => {
    expect(lines(readme.replace(/\n$/, '')).length).toBeLessThanOrEqual(MAX_README_LINES);
  });

  it('shows two commands, each an npm script of package.json', () => {
    const commands = twoCommands();
    expect(commands).toHaveLength(2);
    for (const command of commands) {
      const script = scriptOf(command);
      expect({ command, script: script !== undefined && pkg.scripts[script] !== undefined }).toEqual({ command, script: true });
    }
  });

  it('runs, in .ci/run, exactly its test command (the second one)', () => {
    const ci = readFileSync(path.join(ROOT, '.ci/run'), 'utf8')
      .split('\n')
      .map((l) => l.replace(/#.*$/, '').trim());
    expect(ci).toContain(twoCommands()[1]);
  });

  it('says why each dependency of package.json is there, and names none it does not have', () => {
    const tabled = tabledPackages();
    const installed = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)];
    expect(installed.filter((name) => !tabled.some((p) => covers(p, name)))).toEqual([]);
    expect(tabled.filter((p) => !installed.some((name) => covers(p, name)))).toEqual([]);
  });
});
