import picomatch from 'picomatch';

/** Shell-style patterns (`*`, `?`, `[..]`), one string or several. */
export type Pattern = string | readonly string[];

function matchers(pattern: Pattern): Array<(name: string) => boolean> {
  const patterns = typeof pattern === 'string' ? [pattern] : pattern;
  // Names hold `:` and `.`, never `/`: match them as single path segments.
  return patterns.map((p) => picomatch(p, { dot: true, nobrace: true, noextglob: true }));
}

/** The names matched by any of the patterns, in their original order. */
export function matchNames(names: readonly string[], pattern: Pattern): string[] {
  const tests = matchers(pattern);
  return names.filter((name) => tests.some((test) => test(name)));
}

/** True when `name` is matched by any of the patterns. */
export function matches(name: string, pattern: Pattern): boolean {
  return matchers(pattern).some((test) => test(name));
}
