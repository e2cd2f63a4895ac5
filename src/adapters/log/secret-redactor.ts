/** What replaces a secret in log output. */
export const REDACTED = '[redacted]';

/** Secrets shorter than this are not redacted by value: they would blank out ordinary words. */
export const MIN_SECRET_LENGTH = 4;

/**
 * Replaces every occurrence of the given secret values in a string, in the spellings a secret takes in a JSON
 * log line: as is, JSON-escaped (a secret holding `"` or `\`) and URL-encoded (a token inside a logged URL).
 */
export function createSecretRedactor(secrets: readonly string[]): (line: string) => string {
  const needles = new Set<string>();
  for (const s of secrets) {
    if (s.length < MIN_SECRET_LENGTH) continue;
    needles.add(s);
    needles.add(JSON.stringify(s).slice(1, -1));
    needles.add(encodeURIComponent(s));
  }
  // Longest first, so a secret that contains another is replaced whole.
  const ordered = [...needles].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (line) => line;
  return (line) => {
    let out = line;
    for (const n of ordered) if (out.includes(n)) out = out.split(n).join(REDACTED);
    return out;
  };
}
