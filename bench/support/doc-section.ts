/**
 * docs/benchmarks.md holds the figures of more than one bench entry point: `npm run bench` writes the whole file,
 * `npm run bench:overload` only the part between its markers. Each keeps the other's part when it rewrites.
 */

const start = (name: string): string => `<!-- ${name}:start -->`;
const end = (name: string): string => `<!-- ${name}:end -->`;

/** The marked part named `name` of `doc` (markers included), or '' when absent. */
export function extractSection(doc: string, name: string): string {
  const a = doc.indexOf(start(name));
  const b = doc.indexOf(end(name));
  return a >= 0 && b > a ? doc.slice(a, b + end(name).length) : '';
}

/** `doc` with the part named `name` replaced by `body` (appended when absent). */
export function replaceSection(doc: string, name: string, body: string): string {
  const marked = `${start(name)}\n${body.trim()}\n${end(name)}`;
  const current = extractSection(doc, name);
  if (current) return doc.replace(current, marked);
  return `${doc.trimEnd()}\n\n${marked}\n`;
}
