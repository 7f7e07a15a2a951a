/**
 * Turns a flag's text into the value a training option or regularizer
 * keyword takes: a number, `true`/`false`, a JSON value (`{...}` or `[...]`),
 * a glob map `'hid?:out=0.2,in:out=0.1'` (an object of numbers), or else the
 * text itself (an optimizer id, a glob pattern).
 */
export function parseValue(text: string | boolean): unknown {
  if (typeof text === 'boolean') return text;
  const trimmed = text.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return text;
    }
  }
  const map = globMap(trimmed);
  return map ?? text;
}

/** `'a=1,b=2'` as `{ a: 1, b: 2 }`; undefined when the text is not such a map of numbers. */
function globMap(text: string): Record<string, number> | undefined {
  if (!text.includes('=')) return undefined;
  const entries: Array<[string, number]> = [];
  for (const part of text.split(',')) {
    const at = part.lastIndexOf('=');
    const key = part.slice(0, at).trim();
    const value = Number(part.slice(at + 1).trim());
    if (at <= 0 || key === '' || part.slice(at + 1).trim() === '' || !Number.isFinite(value)) return undefined;
    entries.push([key, value]);
  }
  return Object.fromEntries(entries);
}
