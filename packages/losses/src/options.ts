import { closeMatches, normalizeKey, type LossOptions } from '@tsnets/core';
import { LossOptionError } from './errors';

/** The options every loss takes (from core's `LossOptions`). */
const BASE_OPTIONS: readonly string[] = ['weight', 'weighted', 'outputName', 'target'];

/**
 * Checks a loss's options and returns them under their canonical camelCase
 * names. Keys compare as training options do (lowercased, without `_` and
 * `-`), so `mean_name` and `meanName` are the same option; an unknown key or a
 * base option of the wrong type is a `LossOptionError`.
 */
export function canonicalOptions(
  loss: string,
  options: unknown,
  extra: readonly string[] = [],
): LossOptions & Record<string, unknown> {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw LossOptionError.invalid(loss, 'options', options, 'an object of options, e.g. { weight: 1, weighted: true }');
  }
  const known = [...BASE_OPTIONS, ...extra];
  const byKey = new Map(known.map((name) => [normalizeKey(name), name]));
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const canonical = byKey.get(normalizeKey(key));
    if (!canonical) throw LossOptionError.unknown(loss, key, closeMatches(key, known), known);
    if (canonical in result)
      throw LossOptionError.invalid(
        loss,
        key,
        value,
        `"${canonical}" given once (it was also given under another spelling)`,
      );
    result[canonical] = value;
  }
  const { weight, weighted, outputName, target } = result;
  if (weight !== undefined && (typeof weight !== 'number' || !Number.isFinite(weight))) {
    throw LossOptionError.invalid(
      loss,
      'weight',
      weight,
      'a finite number, the factor of this loss in the objective (default 1)',
    );
  }
  if (weighted !== undefined && typeof weighted !== 'boolean') {
    throw LossOptionError.invalid(loss, 'weighted', weighted, 'true or false');
  }
  if (outputName !== undefined) outputNameOption(loss, 'outputName', outputName);
  if (target !== undefined && target !== 'input' && target !== 'array') {
    throw LossOptionError.invalid(
      loss,
      'target',
      target,
      '"array" (compare with a target array) or "input" (compare with the input)',
    );
  }
  return result;
}

/** A graph output name option: a non-empty string; a layer name `l` means `l:out`. */
export function outputNameOption(loss: string, key: string, value: unknown, fallback?: string): string {
  const name = value ?? fallback;
  if (typeof name !== 'string' || name.length === 0 || name.startsWith(':') || name.endsWith(':')) {
    throw LossOptionError.invalid(
      loss,
      key,
      value,
      'a layer name such as "out" or a full output name such as "out:out"',
    );
  }
  return name.includes(':') ? name : `${name}:out`;
}

/** A positive finite number option, `fallback` when absent. */
export function positiveOption(loss: string, key: string, value: unknown, fallback: number, expected: string): number {
  const number = value ?? fallback;
  if (typeof number !== 'number' || !Number.isFinite(number) || number <= 0) {
    throw LossOptionError.invalid(loss, key, value, expected);
  }
  return number;
}
