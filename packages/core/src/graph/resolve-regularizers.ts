import type { DependencyContainer } from 'tsyringe';
import { OptionError } from '../errors/errors';
import { instantiate, lookup } from '../registry/registry';
import { normalizeKey } from '../util/suggest';
import type { Network } from './network';
import { Regularizer, type RegularizerOptions } from './regularizer';

/** Regularizer keywords: `{ hidden_l1: 0.1, dropout: { 'hid?:out': 0.2 }, regularizers: [instance] }`. */
export type RegularizerKeywords = Record<string, unknown>;

/**
 * Resolves each keyword to a registered regularizer: a number is its weight,
 * an object its options; `regularizers` takes instances.
 */
export function resolveRegularizers(
  _network: Network,
  keywords: RegularizerKeywords,
  scope: DependencyContainer,
): Regularizer[] {
  const result: Regularizer[] = [];
  for (const [key, value] of Object.entries(keywords)) {
    if (value === undefined || value === null) continue;
    if (normalizeKey(key) === 'regularizers') {
      const list = Array.isArray(value) ? value : [value];
      for (const item of list) {
        if (!(item instanceof Regularizer)) {
          throw new OptionError(`Option "regularizers" takes Regularizer instances; got ${String(item)}.`, key);
        }
        result.push(item);
      }
      continue;
    }
    const registration = lookup<Regularizer>('regularizer', key, scope);
    const options: RegularizerOptions = typeof value === 'number' ? { weight: value } : (value as RegularizerOptions);
    result.push(instantiate(registration, [options], scope));
  }
  return result;
}
