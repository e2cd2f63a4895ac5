/** Notion's limit on one rich text item's `text.content`, in UTF-16 code units (JavaScript string length). */
export const MAX_ITEM_CHARS = 2000;
/** Notion's limit on the number of items in one rich text array. */
export const MAX_ITEMS = 100;
/**
 * Budget for one long text in a request, in UTF-8 bytes of its JSON form: Notion refuses bodies over 500 KB,
 * so a description may not use all 100 × 2,000 characters when they are multi-byte.
 */
export const MAX_TEXT_JSON_BYTES = 400_000;
/** Appended when a text is cut to fit. */
export const ELLIPSIS = '…';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Where to cut `s` at or before `end` without separating a surrogate pair. */
function safeCut(s: string, end: number): number {
  if (end >= s.length) return s.length;
  return end > 0 && isHighSurrogate(s.charCodeAt(end - 1)) ? end - 1 : end;
}

/** How many code units of `s` fit in `budget` UTF-8 bytes once JSON-escaped, cut on a code point boundary. */
function fitJsonBytes(s: string, budget: number): number {
  // A code unit takes at most 6 bytes of JSON (\uXXXX): a text that short fits whole (every name and most
  // descriptions), without measuring each character.
  if (s.length * 6 <= budget) return s.length;
  let used = 0;
  let i = 0;
  while (i < s.length) {
    const cp = s.codePointAt(i) as number;
    const units = cp > 0xffff ? 2 : 1;
    const bytes = Buffer.byteLength(JSON.stringify(String.fromCodePoint(cp))) - 2;
    if (used + bytes > budget) break;
    used += bytes;
    i += units;
  }
  return i;
}

/**
 * The text as it survives a write: at most 100 items of 2,000 code units and ~400 KB of JSON; longer text is cut
 * on a code point boundary and ends with an ellipsis. Reading the page back gives exactly this string.
 */
export function fitText(text: string): string {
  const maxUnits = MAX_ITEMS * MAX_ITEM_CHARS;
  const byBytes = fitJsonBytes(text, MAX_TEXT_JSON_BYTES);
  if (byBytes === text.length && text.length <= maxUnits && splitText(text).length <= MAX_ITEMS) return text;
  // Leave room for the ellipsis, and keep every chunk boundary legal (see splitText).
  const room = fitJsonBytes(text, MAX_TEXT_JSON_BYTES - Buffer.byteLength(ELLIPSIS));
  const kept = text.slice(0, safeCut(text, Math.min(room, maxUnits - MAX_ITEMS - ELLIPSIS.length)));
  return kept + ELLIPSIS;
}

/** Splits an already fitted text into chunks of ≤ 2,000 code units, never inside a surrogate pair. */
export function splitText(text: string): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    const end = safeCut(text, start + MAX_ITEM_CHARS);
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

/** A request rich text array for a text (empty text → no items, which Notion reads back as ""). */
export function toRichText(text: string): Array<{ type: 'text'; text: { content: string } }> {
  return splitText(fitText(text)).map((content) => ({ type: 'text' as const, text: { content } }));
}
