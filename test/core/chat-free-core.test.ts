/**
 * The core speaks in typed outcomes, never in chat markup: no file under src/core may contain Slack markup (`<@…>`,
 * `<!…>`, `<#…>`, mrkdwn links `<http…|…>`) or slash-command syntax (`/model …`), in code or in comments. Wording
 * lives in the chat layer (src/slack/blocks), which builds mentions and links from structured fields.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const CORE = path.join(__dirname, '../../src/core');

/** What counts as chat markup or chat syntax, with why. */
const FORBIDDEN: readonly { readonly pattern: RegExp; readonly what: string }[] = [
  { pattern: /<@/, what: 'a Slack user mention (<@…>)' },
  { pattern: /<!/, what: 'a Slack broadcast, group mention or date (<!…>)' },
  { pattern: /<#/, what: 'a Slack channel link (<#…>)' },
  { pattern: /<https?:/i, what: 'a mrkdwn link (<http…|…>)' },
  // A slash command as typed in chat; a path such as ../domain/model-version is not one.
  { pattern: /(?<![\w./-])\/model\b/, what: 'slash-command syntax (/model …)' },
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Every forbidden piece in a text, as `line: what`. */
function chatMarkupIn(text: string): string[] {
  return text.split('\n').flatMap((line, i) => FORBIDDEN.filter((f) => f.pattern.test(line)).map((f) => `${i + 1}: ${f.what}: ${line.trim().slice(0, 120)}`));
}

describe('a chat-free core', () => {
  it('recognises chat markup and slash-command syntax, and not import paths', () => {
    expect(chatMarkupIn('reason: `This request was already approved by <@${by}>.`')).toHaveLength(1);
    expect(chatMarkupIn('const m = `<!subteam^${id}>`;')).toHaveLength(1);
    expect(chatMarkupIn('`Only in <#${c}>`')).toHaveLength(1);
    expect(chatMarkupIn('`<https://mlflow/x|MLflow>`')).toHaveLength(1);
    expect(chatMarkupIn('ask again with `/model promote churn 5 production`')).toHaveLength(1);
    expect(chatMarkupIn('/** `/model sync`: the caller shows the report */')).toHaveLength(1);
    expect(chatMarkupIn("import type { ModelVersion } from '../domain/model-version';")).toEqual([]);
    expect(chatMarkupIn('see src/slack/commands/model-subcommands.ts and models:/churn@champion')).toEqual([]);
  });

  it('has no Slack markup or /model syntax in any file under src/core', () => {
    const files = filesUnder(CORE).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((f) => chatMarkupIn(readFileSync(f, 'utf8')).map((hit) => `${path.relative(CORE, f)}:${hit}`));
    expect(found).toEqual([]);
  });
});
