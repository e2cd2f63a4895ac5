/**
 * Just enough Markdown reading for the docs tests: prose lines (fenced blocks set apart), code spans, table rows,
 * sections under a heading, links and GitHub's heading anchors. Reads files of this repository only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository's root. */
export const ROOT = path.join(__dirname, '../../..');

/** A Markdown file of the repository: its path relative to the root, and its text. */
export interface Doc {
  readonly file: string;
  readonly text: string;
}

export function readDoc(file: string): Doc {
  return { file, text: readFileSync(path.join(ROOT, file), 'utf8') };
}

/** README.md and every Markdown file under docs/ (sub-folders too). */
export function frontDoorAndDocs(): Doc[] {
  const docs: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.md')) docs.push(rel);
    }
  };
  walk('docs');
  return ['README.md', ...docs.sort()].map(readDoc);
}

/** One line of a document, with its 1-based number and whether it lies inside a fenced code block. */
export interface Line {
  readonly text: string;
  readonly number: number;
  readonly fenced: boolean;
}

/** Every line, marking those inside ``` or ~~~ fences (the fence lines themselves count as fenced). */
export function lines(text: string): Line[] {
  let fence: string | undefined;
  return text.split('\n').map((raw, i) => {
    const opener = /^\s*(```|~~~)/.exec(raw)?.[1];
    if (fence === undefined && opener !== undefined) {
      fence = opener;
      return { text: raw, number: i + 1, fenced: true };
    }
    if (fence !== undefined) {
      if (raw.trim().startsWith(fence)) fence = undefined;
      return { text: raw, number: i + 1, fenced: true };
    }
    return { text: raw, number: i + 1, fenced: false };
  });
}

/** The contents of the single-backtick code spans of a prose line, with `\|` (a table's escaped pipe) unescaped. */
export function codeSpans(line: string): string[] {
  return [...line.matchAll(/(?<!`)`([^`]+)`(?!`)/g)].map((m) => unescapeTable(m[1] as string));
}

export function unescapeTable(cell: string): string {
  return cell.replace(/\\\|/g, '|');
}

/** The cells of a table row (`| a | b |`), trimmed, splitting on pipes that are not escaped; undefined if not a row. */
export function tableCells(line: string): string[] | undefined {
  const t = line.trim();
  if (!t.startsWith('|')) return undefined;
  return t
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** The lines from a heading matching `heading` to the next heading of the same or a higher level (exclusive). */
export function section(text: string, heading: RegExp): Line[] {
  const all = lines(text);
  const start = all.findIndex((l) => !l.fenced && /^#{1,6}\s/.test(l.text) && heading.test(l.text));
  if (start < 0) return [];
  const level = (/^#+/.exec(all[start]?.text ?? '') ?? [''])[0].length;
  const rest = all.slice(start + 1);
  const end = rest.findIndex((l) => !l.fenced && new RegExp(`^#{1,${level}}\\s`).test(l.text));
  return end < 0 ? rest : rest.slice(0, end);
}

/** The anchors GitHub gives the headings of a document (lower case, punctuation dropped, spaces → -, repeats -1, -2). */
export function headingAnchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const l of lines(text)) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(l.text);
    if (l.fenced || !m) continue;
    const base = (m[1] as string)
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** A link or image target written in a document, where it was written. */
export interface LinkRef {
  readonly target: string;
  readonly line: number;
}

/** Every inline link and image target, and reference definitions, outside code (fences and code spans). */
export function links(text: string): LinkRef[] {
  const found: LinkRef[] = [];
  for (const l of lines(text)) {
    if (l.fenced) continue;
    const prose = l.text.replace(/(?<!`)`[^`]+`(?!`)/g, '');
    for (const m of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) found.push({ target: m[1] as string, line: l.number });
    const def = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/.exec(prose);
    if (def) found.push({ target: def[1] as string, line: l.number });
  }
  return found;
}
