/**
 * The parts of the loss (`terms`), train-only graph rewrites (`graph`) and
 * gradient norms (`gradients`) of monitor values. A batch's evaluation
 * returns every value as one flat list of named scalars, so that one
 * `dataSync` reads them all; the parts carry a prefix no output or monitor
 * name can have, and `monitorRecord` folds them into their own objects.
 */
import type { Loss } from './loss';
import type { Regularizer } from './regularizer';
import type { GraphRewrite, LossTerms, MonitorValues } from './train-hook';

/** Prefix of a term's name in a batch's flat list of values. */
export const TERM_PREFIX = '\u0000term:';
/** Prefix of a gradient norm's name in a batch's flat list of values. */
export const GRADIENT_PREFIX = '\u0000gradient:';

const KEYWORDS = new WeakMap<Regularizer, string>();

/** Records the keyword a regularizer was asked for by (`weight_decay`), so its term is keyed the way the caller wrote it. */
export function rememberKeyword(regularizer: Regularizer, keyword: string): void {
  KEYWORDS.set(regularizer, keyword);
}

/** The keyword a regularizer was asked for by; its registered id when it was given as an instance. */
export function keywordOf(regularizer: Regularizer): string {
  return KEYWORDS.get(regularizer) ?? regularizer.id;
}

/** `key`, or `key#2`, `key#3`... when taken. */
function unique(key: string, taken: Set<string>): string {
  let name = key;
  for (let n = 2; taken.has(name); n += 1) name = `${key}#${n}`;
  taken.add(name);
  return name;
}

/**
 * The keys of a network's terms: `err` for the first loss, `loss:FORM` for
 * each further one, then the keyword of each regularizer (`#2` for repeats),
 * in the order given (an entry for every regularizer, used or not).
 */
export function termKeys(losses: readonly Loss[], regularizers: readonly Regularizer[]): string[] {
  const taken = new Set<string>();
  const keys = losses.map((loss, i) => unique(i === 0 ? 'err' : `loss:${loss.form}`, taken));
  return [...keys, ...regularizers.map((regularizer) => unique(keywordOf(regularizer), taken))];
}

/** The train-only rewrites among `regularizers` (noise, dropout), by keyword, with their levels. */
export function graphRewrites(regularizers: readonly Regularizer[]): Record<string, GraphRewrite> {
  const taken = new Set<string>();
  const rewrites: Record<string, GraphRewrite> = {};
  for (const regularizer of regularizers) {
    if (!regularizer.trainOnly || !regularizer.modifyGraph) continue;
    const { rate, std } = regularizer.options;
    const level = typeof rate === 'number' ? rate : typeof std === 'number' ? std : regularizer.weight;
    rewrites[unique(keywordOf(regularizer), taken)] = { id: regularizer.id, level, targets: regularizer.targets() };
  }
  return rewrites;
}

/** Monitor values from a flat list of names and numbers, with prefixed terms and gradient norms folded into `terms` and `gradients`. */
export function monitorRecord(names: readonly string[], values: ArrayLike<number>): MonitorValues {
  const record: Record<string, number> = {};
  let terms: Record<string, number> | undefined;
  let gradients: Record<string, number> | undefined;
  names.forEach((name, i) => {
    if (name.startsWith(TERM_PREFIX)) (terms ??= {})[name.slice(TERM_PREFIX.length)] = values[i];
    else if (name.startsWith(GRADIENT_PREFIX)) (gradients ??= {})[name.slice(GRADIENT_PREFIX.length)] = values[i];
    else record[name] = values[i];
  });
  return {
    ...(record as { loss: number; err: number }),
    ...(terms ? { terms: terms as LossTerms } : {}),
    ...(gradients ? { gradients } : {}),
  };
}

/** Only the numeric entries of monitor values (`loss`, `err`, `acc`, user monitors), for tables and lines. */
export function monitorNumbers(values: MonitorValues): Record<string, number> {
  return Object.fromEntries(
    Object.entries(values).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
  );
}
