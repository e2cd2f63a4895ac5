/** Levenshtein distance (short inputs: command and model names). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const cur = [i];
    for (let j = 1; j <= b.length; j += 1) {
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] as number;
}

/**
 * The closest candidate, if it is close enough to be a plausible typo (or the only one it is a prefix of). Compared
 * case-insensitively; the candidate is returned as written.
 */
export function nearest(input: string, candidates: readonly string[]): string | undefined {
  const word = input.toLowerCase();
  const prefixed = candidates.filter((c) => word.length >= 2 && c.toLowerCase().startsWith(word));
  if (prefixed.length === 1) return prefixed[0];
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = editDistance(word, c.toLowerCase());
    if (!best || d < best.d) best = { c, d };
  }
  return best && best.d <= Math.max(2, Math.floor(best.c.length / 3)) ? best.c : undefined;
}
