/** Normalizes a keyword for comparison: lowercase, without `_` and `-`. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[_-]/g, '');
}

/** Levenshtein edit distance between two strings. */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return prev[b.length];
}

/**
 * The candidates closest to `name` (compared normalized), best first: those
 * within a third of the name's length in edits, or sharing a prefix or suffix.
 */
export function closeMatches(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const key = normalizeKey(name);
  const scored: Array<[string, number]> = [];
  for (const candidate of new Set(candidates)) {
    const other = normalizeKey(candidate);
    const distance = editDistance(key, other);
    const related = other.length > 2 && key.length > 2 && (other.includes(key) || key.includes(other));
    if (distance <= Math.max(2, Math.floor(key.length / 3)) || related) scored.push([candidate, distance]);
  }
  return scored
    .sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]))
    .slice(0, limit)
    .map(([candidate]) => candidate);
}
