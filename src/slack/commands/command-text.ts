/**
 * The text of a slash command as people type it. Slack sends it with its three control characters escaped
 * (`&amp;`, `&lt;`, `&gt;`: "Formatting message text", docs.slack.dev), and desktop and mobile clients often turn
 * straight quotes into curly ones (“fraud v2”, ‘fraud v2’). Both are undone here, before anything is parsed.
 */

/** One word of the text after the slash command, with where it ends (so a free-text tail keeps its own spacing). */
export interface Token {
  readonly value: string;
  readonly end: number;
  /** Written in quotes: taken as it is (a quoted `-x` is a name, not an option). */
  readonly quoted?: boolean;
}

/** The words of a command, or why they cannot be read (an unclosed quote). */
export type Tokens = { readonly ok: true; readonly tokens: Token[] } | { readonly ok: false; readonly error: string };

/**
 * Undoes Slack's escaping of `&`, `<` and `>` in command text. `&amp;` last, so `&amp;lt;` (a typed `&lt;`) stays
 * `&lt;`.
 */
export function decodeSlackEscapes(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Opening quote → the quotes that close it (a curly opening quote is often closed by a straight one, and back). */
const CLOSERS: Readonly<Record<string, string>> = {
  '"': '"“”',
  '“': '”"“',
  '”': '”"“',
  '„': '“”"',
  "'": "'‘’",
  '‘': "’'‘",
  '’': "’'‘",
};

/**
 * Splits on whitespace (Unicode: Slack may send non-breaking spaces); a word that starts with a quote runs to the
 * matching closing quote, spaces included, so `"fraud v2"` is one word. An apostrophe inside a word (`o'brien`)
 * is just a letter.
 */
export function readTokens(text: string): Tokens {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const closers = CLOSERS[c];
    if (closers === undefined) {
      const m = /\S+/y;
      m.lastIndex = i;
      const word = (m.exec(text) as RegExpExecArray)[0];
      i += word.length;
      tokens.push({ value: word, end: i });
      continue;
    }
    const close = findCloser(text, i + 1, closers);
    if (close < 0) {
      const sample = text.slice(i, i + 40);
      return { ok: false, error: `The quote before \`${sample}\` is never closed: write a name with spaces as "fraud v2".` };
    }
    const value = text.slice(i + 1, close);
    if (value.trim() === '') return { ok: false, error: 'Empty quotes: write the name between them, e.g. "fraud v2".' };
    i = close + 1;
    tokens.push({ value, end: i, quoted: true });
  }
  return { ok: true, tokens };
}

/** The closing quote: one of `closers` followed by whitespace or the end (so `"o'brien v2"` keeps its apostrophe). */
function findCloser(text: string, from: number, closers: string): number {
  for (let j = from; j < text.length; j += 1) {
    if (closers.includes(text[j] as string) && (j + 1 === text.length || /\s/.test(text[j + 1] as string))) return j;
  }
  return -1;
}

/** A model name as it must be typed back: in quotes when it has spaces or starts with a quote. */
export function typedName(name: string): string {
  return /\s/.test(name) || CLOSERS[name[0] ?? ''] !== undefined ? `"${name}"` : name;
}
