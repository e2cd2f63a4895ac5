/**
 * The settings as documented are the settings as read: every variable of .env.example is one the config schema
 * knows, and the example is a configuration the app accepts; every schema setting has one row in the admin guide's
 * settings tables, stating the default the schema applies, and saying what an empty value means wherever that is
 * not simply "unset". Derived from the schema, so a setting added there is checked here without touching this file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { envSchema } from '../../src/config/env-schema';
import { parseEnvFile } from '../../src/config/env-file';
import { codeSpans, readDoc, ROOT, section, tableCells } from './support/markdown';

const SCHEMA_SETTINGS = Object.keys(envSchema.shape);
const envExample = readFileSync(path.join(ROOT, '.env.example'), 'utf8');
const adminGuide = readDoc('docs/admin-guide.md').text;

/** Every variable .env.example sets or shows commented out (`NAME=…` or `# NAME=…` at the start of a line). */
function exampleNames(): string[] {
  return [...envExample.matchAll(/^#?[ \t]*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] as string);
}

/** The admin guide's settings rows: `| \`NAME\` | default | meaning |`, keyed by NAME (a repeated NAME is kept twice). */
function settingRows(): Array<{ readonly name: string; readonly cells: readonly string[] }> {
  return section(adminGuide, /^## .*Settings\s*$/)
    .filter((l) => !l.fenced)
    .map((l) => tableCells(l.text))
    .filter((cells): cells is string[] => cells !== undefined)
    .map((cells) => ({ cells, name: /^`([A-Z][A-Z0-9_]*)`$/.exec(cells[0] ?? '')?.[1] }))
    .filter((row): row is { name: string; cells: string[] } => row.name !== undefined);
}

/** What the schema makes of the environment given (with nothing else set). */
function parsed(env: Record<string, string>): Record<string, unknown> {
  return envSchema.parse(env) as Record<string, unknown>;
}

describe('.env.example', () => {
  it('names only settings the config schema knows', () => {
    const names = exampleNames();
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter((n) => !SCHEMA_SETTINGS.includes(n))).toEqual([]);
  });

  it('is, as written, a configuration the app accepts (read by the app’s own env-file parser)', () => {
    expect(() => loadConfig(parseEnvFile(envExample, '.env.example'), 'app')).not.toThrow();
  });
});

describe("the admin guide's settings", () => {
  const rows = settingRows();

  it('document every schema setting, once, in a row of the admin guide settings tables', () => {
    const names = rows.map((r) => r.name);
    expect(SCHEMA_SETTINGS.filter((s) => !names.includes(s))).toEqual([]);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('document no setting the schema does not have', () => {
    expect(rows.map((r) => r.name).filter((n) => !SCHEMA_SETTINGS.includes(n))).toEqual([]);
  });

  it('state the default the schema applies when a setting is unset', () => {
    const defaults = parsed({});
    const wrong = SCHEMA_SETTINGS.flatMap((name) => {
      const value = defaults[name];
      if (!['string', 'number', 'boolean'].includes(typeof value)) return [];
      const cell = rows.find((r) => r.name === name)?.cells[1] ?? '';
      return codeSpans(cell).includes(String(value)) ? [] : [`${name}: default \`${String(value)}\` not in "${cell}"`];
    });
    expect(wrong).toEqual([]);
  });

  it('say what an empty value means wherever it is not the same as unset', () => {
    const unset = parsed({});
    const differs = SCHEMA_SETTINGS.filter((name) => JSON.stringify(parsed({ [name]: '' })[name]) !== JSON.stringify(unset[name]));
    const rule = section(adminGuide, /^## .*Settings\s*$/)
      .map((l) => l.text)
      .join('\n');
    const emptyRule = /\*\*Empty is unset\.\*\*[^\n]*(\n(?!\s*-\s|\s*$)[^\n]*)*/.exec(rule)?.[0] ?? '';
    expect(emptyRule).not.toBe('');
    const undocumented = differs.filter((name) => {
      const row = rows.find((r) => r.name === name)?.cells.join(' ') ?? '';
      return !/empty/i.test(row) || !emptyRule.includes(`\`${name}\``);
    });
    expect(undocumented).toEqual([]);
  });
});
