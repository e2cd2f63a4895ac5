/**
 * What the docs say about `/model` is what the app does, checked against the declared sub-commands (the core's list
 * and Slack's beside it) and the real parser:
 * - in the user guide (and pages it links to) and the README, every example parses, every usage form and every
 *   sub-command named alone (`/model status` in a sentence) is declared, every declared usage is shown as declared,
 *   and every sub-command has an example that parses to it;
 * - the "When the input is wrong" table shows what the parser really answers;
 * - elsewhere in docs/, every sub-command named is declared (docs/architecture.md excepted: it plans future ones).
 * Derived from the lists, so a sub-command added there is held to all of this without touching this file.
 */
import path from 'node:path';
import { SUBCOMMAND_NAMES } from '../../src/core/commands/subcommands';
import { MODEL_COMMAND, MODEL_SLASH_SUBCOMMANDS } from '../../src/slack/commands/model-subcommands';
import { parseModelCommand } from '../../src/slack/commands/parse-model-command';
import { codeSpans, frontDoorAndDocs, lines, links, readDoc, section, tableCells, unescapeTable, type Doc } from './support/markdown';

const USER_GUIDE = 'docs/user-guide.md';
const WRONG_INPUT_HEADING = /^## When the input is wrong/;
/** Design notes that name sub-commands not declared yet (and a test fixture's). */
const PLANS = ['docs/architecture.md'];
/** Characters that make a `/model …` text a usage form rather than something to type. */
const PLACEHOLDER = /[<>[\]…|]|\.\.\./;

const DECLARED = Object.keys(MODEL_SLASH_SUBCOMMANDS);

/** A `/model …` text written in a document: in a code span, or on a line of a code block (up to a → comment). */
interface Mention {
  readonly doc: string;
  readonly line: number;
  readonly text: string;
}

function mentions(doc: Doc): Mention[] {
  const isCommand = (t: string) => t === MODEL_COMMAND || t.startsWith(`${MODEL_COMMAND} `);
  return lines(doc.text).flatMap((l) => {
    const texts = l.fenced ? [unescapeTable(l.text.split('→')[0] ?? '').trim()] : codeSpans(l.text).map((t) => t.trim());
    return texts.filter(isCommand).map((text) => ({ doc: doc.file, line: l.number, text }));
  });
}

/** The text Slack would send after `/model`. */
function argsOf(text: string): string {
  return text.slice(MODEL_COMMAND.length).trim();
}

/** The user guide and the pages of docs/ it links to (where a sub-command's own section may live). */
function userGuidePages(): Doc[] {
  const guide = readDoc(USER_GUIDE);
  const linked = links(guide.text)
    .map((l) => l.target.split('#')[0] ?? '')
    .filter((t) => /^[\w.-]+\.md$/.test(t))
    .map((t) => path.posix.join('docs', t));
  return [guide, ...[...new Set(linked)].filter((f) => f !== USER_GUIDE && !PLANS.includes(f)).map(readDoc)];
}

/** The rows of the wrong-input table: what is typed, and the answer shown. */
function wrongInputs(): Array<{ readonly typed: string; readonly answer: string; readonly line: number }> {
  return section(readDoc(USER_GUIDE).text, WRONG_INPUT_HEADING).flatMap((l) => {
    const cells = l.fenced ? undefined : tableCells(l.text);
    const typed = cells ? codeSpans(cells[0] ?? '')[0] : undefined;
    return cells && typed?.startsWith(MODEL_COMMAND) ? [{ typed, answer: unescapeTable(cells[1] ?? ''), line: l.number }] : [];
  });
}

const strictDocs = (): Doc[] => [readDoc('README.md'), ...userGuidePages()];
const isForm = (m: Mention) => PLACEHOLDER.test(argsOf(m.text));
/** `/model status` in a sentence names the sub-command; it is not something to type as is. */
const isReference = (m: Mention) => !isForm(m) && argsOf(m.text).split(/\s+/).length === 1 && !parseModelCommand(argsOf(m.text)).ok;
/** The sub-command names a form or a reference is about (`status|list` names two). */
const namesOf = (m: Mention) => (argsOf(m.text).split(/\s/)[0] ?? '').split('|').filter((n) => n !== '');
const where = (m: Mention) => `${m.doc}:${m.line} ${m.text}`;

describe('the declared /model sub-commands', () => {
  it('are the same list on the core side and the Slack side', () => {
    expect(DECLARED).toEqual([...SUBCOMMAND_NAMES]);
  });
});

describe('/model in the user guide and the README', () => {
  const wrong = wrongInputs();
  const all = strictDocs().flatMap(mentions);
  const examples = all.filter((m) => !isForm(m) && !isReference(m) && !(m.doc === USER_GUIDE && wrong.some((w) => w.line === m.line)));

  it('has examples to check (the reader of code spans works)', () => {
    expect(examples.length).toBeGreaterThan(15);
    expect(wrong.length).toBeGreaterThan(3);
  });

  it('gives only examples the real parser accepts', () => {
    const refused = examples.flatMap((m) => {
      const parsed = parseModelCommand(argsOf(m.text));
      return parsed.ok ? [] : [`${where(m)} → ${parsed.error}`];
    });
    expect(refused).toEqual([]);
  });

  it('writes usage forms and names only of declared sub-commands', () => {
    const unknown = all
      .filter((m) => isForm(m) || isReference(m))
      .flatMap((m) =>
        namesOf(m)
          .filter((n) => !DECLARED.includes(n))
          .map((n) => `${where(m)}: ${n}`),
      );
    expect(unknown).toEqual([]);
  });

  it('shows the usage of every declared sub-command exactly as declared, in the user guide or a page it links to', () => {
    const shown = new Set(
      userGuidePages()
        .flatMap(mentions)
        .map((m) => m.text),
    );
    const missing = Object.values(MODEL_SLASH_SUBCOMMANDS)
      .map((s) => s.usage)
      .filter((usage) => !shown.has(usage));
    expect(missing).toEqual([]);
  });

  it('has, for every declared sub-command, an example that parses to it (in the user guide or a page it links to)', () => {
    const kinds = new Set(
      userGuidePages()
        .flatMap(mentions)
        .filter((m) => !isForm(m))
        .map((m) => parseModelCommand(argsOf(m.text)))
        .flatMap((p) => (p.ok ? [p.command.kind] : [])),
    );
    expect(DECLARED.filter((name) => !kinds.has(name as never))).toEqual([]);
  });

  it('shows, for each wrong input, the answer the parser really gives', () => {
    const mismatched = wrong.flatMap(({ typed, answer, line }) => {
      const parsed = parseModelCommand(argsOf(typed));
      if (parsed.ok) return [`${USER_GUIDE}:${line} ${typed} is accepted (kind ${parsed.command.kind}), not refused`];
      return parsed.error.includes(answer) ? [] : [`${USER_GUIDE}:${line} ${typed} → "${parsed.error}", the guide says "${answer}"`];
    });
    expect(mismatched).toEqual([]);
  });
});

describe('/model elsewhere in docs/', () => {
  it('names only declared sub-commands', () => {
    const strict = new Set(strictDocs().map((d) => d.file));
    const unknown = frontDoorAndDocs()
      .filter((d) => !strict.has(d.file) && !PLANS.includes(d.file))
      .flatMap(mentions)
      .flatMap((m) =>
        namesOf(m)
          .filter((n) => !DECLARED.includes(n))
          .map((n) => `${where(m)}: ${n}`),
      );
    expect(unknown).toEqual([]);
  });
});
