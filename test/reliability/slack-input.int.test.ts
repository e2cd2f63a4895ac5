/**
 * Input hardening, property-based (fast-check): random and hostile `/model` text never crashes the parser and always
 * yields a command or a precise error that renders as valid Slack blocks; a filter built for any model name cannot
 * be broken out of, and on the real MLflow server finds exactly that name (sampled, bounded).
 */
import fc from 'fast-check';
import { MlflowRegistry } from '../../src/adapters/mlflow';
import { isModelsyncError } from '../../src/core/errors';
import { equalsClause } from '../../src/adapters/mlflow/mlflow.filter';
import { SECTION_TEXT_MAX_CHARS } from '../../src/slack/blocks/block-kit';
import { helpMessage, parseErrorMessage } from '../../src/slack/blocks/help.blocks';
import { MODEL_SLASH_SUBCOMMANDS } from '../../src/slack/commands/model-subcommands';
import { helpEntries } from '../../src/slack/commands/slash-subcommand';
import { parseModelCommand } from '../../src/slack/commands/parse-model-command';
import { mlflowRest } from '../support/mlflow-seed';
import { mlflowTestUrl } from '../support/names';
import { recordSlackFigure } from './support/slack-figures';
import { decodeSlackEscapes } from '../../src/slack/commands/command-text';

jest.setTimeout(120_000);

/** Fragments an attacker or a confused paste would use. */
const HOSTILE = [
  "churn' OR name LIKE '%",
  '" OR 1=1 --',
  '`',
  '``',
  '%',
  '_',
  '\\',
  "\\'",
  '\'"',
  '<!channel>',
  '<@U0ALICE>',
  '&lt;',
  '*bold*',
  '\u202e',
  '\u200f',
  '\u0000',
  '\u0007',
  '\r\n',
  '\t',
  '\u00a0',
  '\u2028',
  '🚀',
  '👩‍👩‍👧',
  'ﷺ',
  'مرحبا',
  'promote',
  'register',
  'archive',
  'status',
  'list',
  'sync',
  'help',
  'alias',
  'unalias',
  'production',
  'Staging',
  'none',
  'v3',
  '0',
  '-1',
  '99999999999999999999',
  '--cleanup-orphans',
  'runs:/abc/model',
  's3://b/m',
  'models:/x@champion',
  '${jndi:x}',
  '{{7*7}}',
  '../../etc/passwd',
];

const token = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.stringMatching(/^[a-z][a-z0-9_.-]{0,15}$/),
);
const spacing = fc.constantFrom(' ', '  ', '\t', '\u00a0', '\n', ' \u3000 ');
/** Sentences of tokens, most starting with a real sub-command so the deeper branches run. */
const commandText = fc
  .tuple(
    fc.constantFrom('', 'promote ', 'register ', 'archive ', 'status ', 'sync ', 'alias ', 'unalias ', 'list ', 'help '),
    fc.array(fc.tuple(token, spacing), { maxLength: 8 }),
  )
  .map(([head, parts]) => head + parts.map(([t, s]) => t + s).join(''));
const hugeText = fc
  .tuple(fc.constantFrom('promote ', 'status ', 'register m ', ''), fc.constantFrom(...HOSTILE), fc.integer({ min: 1_000, max: 50_000 }))
  .map(([head, t, n]) => head + t.repeat(Math.ceil(n / Math.max(t.length, 1))).slice(0, n));

/** Block Kit limits the emulator and Slack enforce on what the command answers. */
function expectRenderable(message: { text?: string; blocks?: unknown[] }): void {
  expect((message.text ?? '').length).toBeLessThanOrEqual(40_000);
  for (const b of (message.blocks ?? []) as { type: string; text?: { text: string } }[]) {
    if (b.type === 'section') expect(b.text?.text.length ?? 0).toBeLessThanOrEqual(SECTION_TEXT_MAX_CHARS);
  }
}

describe('/model parser under random and hostile text', () => {
  it('returns a command or a precise error for every input, never throws, and the answer renders as valid blocks', () => {
    let commands = 0;
    let errors = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          { arbitrary: commandText, weight: 8 },
          { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 2 },
          { arbitrary: hugeText, weight: 1 },
        ),
        (text) => {
          const parsed = parseModelCommand(text);
          if (parsed.ok) {
            commands += 1;
            // Every name the parser hands on is one token of the input as typed (Slack's &amp;/&lt;/&gt; undone):
            // whitespace-free, or written in quotes (issue 15: names with spaces).
            const c = parsed.command as { model?: string; version?: string };
            if (c.model !== undefined) {
              const typed = decodeSlackEscapes(text);
              const at = typed.indexOf(c.model);
              expect(at).toBeGreaterThan(-1);
              if (/\s/.test(c.model)) expect(`"'“”„‘’`).toContain(typed[at - 1]);
            }
            if (c.version !== undefined) expect(c.version).toMatch(/^[1-9]\d*$/);
          } else {
            errors += 1;
            expect(parsed.error.trim().length).toBeGreaterThan(10);
            expect(parsed.error).not.toMatch(/TypeError|undefined|\bat .*\.ts:\d+/);
            expectRenderable(parseErrorMessage(parsed, helpEntries(MODEL_SLASH_SUBCOMMANDS)));
          }
          if (parsed.ok && parsed.command.kind === 'help') expectRenderable(helpMessage(helpEntries(MODEL_SLASH_SUBCOMMANDS)));
        },
      ),
      { numRuns: 1_500, seed: 7, endOnFailure: true },
    );
    expect(commands).toBeGreaterThan(50);
    expect(errors).toBeGreaterThan(50);
    recordSlackFigure({
      fault: 'random and hostile /model text (fast-check, 1,500 runs, up to 50k chars)',
      injected: 1_500,
      expectedEffects: 1_500,
      observedEffects: commands + errors,
      losses: 0,
      detail: `${commands} commands, ${errors} precise errors, 0 crashes`,
    });
  });
});

describe('MLflow name filters under hostile names', () => {
  it('never lets a name escape its quotes: the literal is one quoted value, or a LIKE pattern flagged for an exact re-check', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.tuple(token, token, token).map((t) => t.join('')),
        ),
        (name) => {
          const clause = equalsClause('name', name);
          const m = /^name (=|LIKE) (['"])([\s\S]*)\2$/.exec(clause.filter);
          expect(m).not.toBeNull();
          const [, op, quote, literal] = m as unknown as [string, string, string, string];
          expect(literal.includes(quote)).toBe(false);
          if (op === '=') {
            expect(literal).toBe(name);
            expect(clause.needsExactRecheck).toBe(false);
          } else {
            expect(clause.needsExactRecheck).toBe(true);
            expect(literal).toHaveLength(name.length);
          }
        },
      ),
      { numRuns: 3_000, seed: 11 },
    );
  });

  it('finds exactly the named model on the real MLflow server, and never its look-alike decoys (sampled)', async () => {
    const url = mlflowTestUrl();
    const base = `inj${Date.now().toString(36)}`;
    // Decoys a broken filter would also return.
    const decoys = [base, `${base}x`, `${base}'`, `${base}%`];
    const samples = fc
      .sample(fc.tuple(fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme', maxLength: 6 })), { numRuns: 14, seed: 3 })
      .map(([h, g]) => `${base}${h}${g}`)
      .concat([`${base}' OR name LIKE '%`, `${base}"' OR "1"="1`, `${base}_`, `${base}\\`]);
    const registry = new MlflowRegistry({ trackingUri: url, retries: 1, retryBaseDelayMs: 10, timeoutMs: 20_000 });
    const created: string[] = [];
    let refusedByMlflow = 0;
    for (const name of [...decoys, ...samples]) {
      try {
        await mlflowRest(url, 'POST', 'registered-models/create', { name });
        await mlflowRest(url, 'POST', 'model-versions/create', { name, source: 's3://bucket/model' });
        created.push(name);
      } catch {
        refusedByMlflow += 1;
      }
    }
    let exact = 0;
    let clearErrors = 0;
    for (const name of samples) {
      try {
        const versions = await registry.listVersions(name);
        expect(versions.map((v) => v.name)).toEqual(created.includes(name) ? [name] : []);
        exact += 1;
      } catch (e) {
        // Refused, but with a typed, user-safe sentence (never a raw body or a crash).
        expect(isModelsyncError(e)).toBe(true);
        clearErrors += 1;
      }
    }
    expect(exact + clearErrors).toBe(samples.length);
    expect(exact).toBeGreaterThan(samples.length / 2);
    recordSlackFigure({
      fault: 'hostile model names searched on the real MLflow server',
      injected: samples.length,
      expectedEffects: samples.length,
      observedEffects: exact + clearErrors,
      losses: 0,
      detail: `${exact} exact matches, ${clearErrors} clear refusals, ${refusedByMlflow} names MLflow refused to create, ${decoys.length} decoys never returned`,
    });
  });
});
