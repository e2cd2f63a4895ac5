/**
 * What people type into `/model`, as Slack sends it: names with spaces in quotes (straight or the curly quotes
 * clients substitute), `&`, `<`, `>` escaped as entities, short stage words.
 */
import { decodeSlackEscapes, readTokens, typedName } from '../../../src/slack/commands/command-text';
import { parseModelCommand } from '../../../src/slack/commands/parse-model-command';

const ok = (text: string) => {
  const r = parseModelCommand(text);
  if (!r.ok) throw new Error(`expected ${text} to parse, got: ${r.error}`);
  return r.command;
};
const err = (text: string) => {
  const r = parseModelCommand(text);
  if (r.ok) throw new Error(`expected ${text} to fail, got ${JSON.stringify(r.command)}`);
  return r;
};

describe('model names with spaces', () => {
  it('reads a name in straight double quotes as one word', () => {
    expect(ok('status "fraud v2"')).toEqual({ kind: 'status', model: 'fraud v2' });
    expect(ok('promote "fraud v2" 3 production')).toEqual({ kind: 'promote', model: 'fraud v2', version: '3', stage: 'Production' });
  });

  it('reads the curly quotes Slack clients substitute, in every pairing they send', () => {
    expect(ok('status “fraud v2”')).toEqual({ kind: 'status', model: 'fraud v2' });
    expect(ok('status ‘fraud v2’')).toEqual({ kind: 'status', model: 'fraud v2' });
    expect(ok('status “fraud v2"')).toEqual({ kind: 'status', model: 'fraud v2' });
    expect(ok("status 'fraud v2'")).toEqual({ kind: 'status', model: 'fraud v2' });
    expect(ok('archive „fraud v2“ 4')).toEqual({ kind: 'archive', model: 'fraud v2', version: '4' });
  });

  it('keeps an apostrophe inside a word and inside a quoted name', () => {
    expect(ok("status o'brien")).toEqual({ kind: 'status', model: "o'brien" });
    expect(ok("status 'o'brien v2'")).toEqual({ kind: 'status', model: "o'brien v2" });
  });

  it('keeps non-ASCII names and Unicode spaces', () => {
    expect(ok('status\u00a0"fraud modèle"')).toEqual({ kind: 'status', model: 'fraud modèle' });
  });

  it('takes a quoted name that starts with a dash as a name, not an option', () => {
    expect(ok('status "-odd"')).toEqual({ kind: 'status', model: '-odd' });
    expect(err('status -odd').error).toContain('looks like an option');
  });

  it('says how to quote a name when its second word was left over', () => {
    expect(err('status fraud v2').error).toBe('Unexpected extra argument `v2`. A model name with spaces goes in quotes: "fraud v2".');
  });

  it('refuses an unclosed or empty quote with the right form', () => {
    expect(err('status "fraud v2').error).toContain('is never closed: write a name with spaces as "fraud v2"');
    expect(err('status ""').error).toContain('Empty quotes');
  });

  it('keeps the register description as typed after a quoted name', () => {
    expect(ok('register "fraud v2" s3://b/m  first   try')).toEqual({
      kind: 'register',
      model: 'fraud v2',
      source: 's3://b/m',
      runId: undefined,
      description: 'first   try',
    });
  });

  it('writes a name back in quotes only when it needs them', () => {
    expect(typedName('churn')).toBe('churn');
    expect(typedName('fraud v2')).toBe('"fraud v2"');
  });
});

describe('text as Slack sends it (&, <, > escaped)', () => {
  it('decodes the three entities, &amp; last', () => {
    expect(decodeSlackEscapes('a &lt;b&gt; &amp; c &amp;lt;')).toBe('a <b> & c &lt;');
  });

  it('parses names and descriptions with the characters people typed', () => {
    expect(ok('status R&amp;D')).toEqual({ kind: 'status', model: 'R&D' });
    expect(ok('register churn s3://b/m accuracy &gt; 0.9 &amp; f1 &lt; 1')).toMatchObject({ description: 'accuracy > 0.9 & f1 < 1' });
    expect(err('promote churn 5 &lt;prod&gt;').error).toContain('Unknown stage `<prod>`');
  });

  it('reads tokens with where each ends in the decoded text', () => {
    const read = readTokens('a "b c" d');
    expect(read).toEqual({
      ok: true,
      tokens: [
        { value: 'a', end: 1 },
        { value: 'b c', end: 7, quoted: true },
        { value: 'd', end: 9 },
      ],
    });
  });
});

describe('stage words', () => {
  it.each([
    ['prod', 'Production'],
    ['PROD', 'Production'],
    ['production', 'Production'],
    ['stg', 'Staging'],
    ['staging', 'Staging'],
    ['archive', 'Archived'],
    ['archived', 'Archived'],
    ['none', 'None'],
  ])('reads %s as %s', (word, stage) => {
    expect(ok(`promote churn 5 ${word}`)).toEqual({ kind: 'promote', model: 'churn', version: '5', stage });
  });
});
