import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { SweepSpecError } from './errors';
import { sweepMessages } from './messages';
import type { SweepSpec } from './spec';

/**
 * Reads a sweep file: JSON, or YAML when the name ends in `.yaml`/`.yml`.
 * A missing file or a syntax error is a `SweepSpecError` naming the file.
 * The content is checked later, by `validateSpec` (and by every sweep).
 */
export function readSpec(path: string): SweepSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new SweepSpecError(sweepMessages.badSpecValue(`file ${JSON.stringify(path)}`, code, 'a readable file'), path);
  }
  try {
    return (/\.ya?ml$/i.test(path) ? parse(text) : JSON.parse(text)) as SweepSpec;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new SweepSpecError(
      sweepMessages.badSpecValue(`file ${JSON.stringify(path)}`, reason, /\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'),
      path,
    );
  }
}
