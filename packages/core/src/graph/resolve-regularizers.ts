import type { DependencyContainer } from 'tsyringe';
import { RegularizerError } from '../errors/errors';
import { messages } from '../errors/messages';
import { instantiate, lookup } from '../registry/registry';
import { normalizeKey } from '../util/suggest';
import type { Network } from './network';
import { Regularizer } from './regularizer';
import { rememberKeyword } from './terms';

import type { CamelCased, RegularizerKeywords } from '../train/options';

/**
 * Regularizer keywords as a caller passes them: `{ hidden_l1: 0.1, dropout:
 * { 'hid?:out': 0.2 }, regularizers: [instance] }`, snake_case or camelCase
 * (at run time keys compare after lowercasing and dropping `_` and `-`).
 */
export type RegularizerArgs = RegularizerKeywords & CamelCased<RegularizerKeywords>;

/**
 * Resolves each keyword to registered regularizers (a number is the weight,
 * an object the options, unless the class reads them otherwise; see
 * `Regularizer.fromValue`); `regularizers` takes instances or an object of
 * keywords. Every regularizer is then bound to the network, so a pattern
 * that matches nothing fails here, before any work.
 */
export function resolveRegularizers(
  network: Network,
  keywords: RegularizerArgs,
  scope: DependencyContainer,
): Regularizer[] {
  const result = collect(keywords, scope);
  if (result.length > 0) {
    const names = network.names();
    for (const regularizer of result) regularizer.bind(names);
  }
  return result;
}

function collect(keywords: RegularizerArgs, scope: DependencyContainer): Regularizer[] {
  const result: Regularizer[] = [];
  for (const [key, value] of Object.entries(keywords as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    if (normalizeKey(key) === 'regularizers') {
      result.push(...fromList(key, value, scope));
      continue;
    }
    const registration = lookup<Regularizer>('regularizer', key, scope);
    if (typeof value !== 'number' && (typeof value !== 'object' || Array.isArray(value))) {
      throw new RegularizerError(
        registration.id,
        messages.badRegularizerOption(
          registration.id,
          'value',
          value,
          'a number (its weight or level) or an object of options',
        ),
      );
    }
    const Class = registration.target as unknown as typeof Regularizer;
    for (const options of Class.fromValue(value)) {
      const made = instantiate<Regularizer>(registration, [options], scope);
      rememberKeyword(made, key);
      result.push(made);
    }
  }
  return result;
}

function fromList(key: string, value: unknown, scope: DependencyContainer): Regularizer[] {
  if (Array.isArray(value)) {
    return value.map((item) => {
      if (!(item instanceof Regularizer)) {
        throw new RegularizerError(
          key,
          messages.badRegularizerOption(
            key,
            'entry',
            item,
            'Regularizer instances, e.g. [new WeightL2({ weight: 1e-4 })]',
          ),
        );
      }
      return item;
    });
  }
  if (value instanceof Regularizer) return [value];
  if (typeof value === 'object') return collect(value as RegularizerArgs, scope);
  throw new RegularizerError(
    key,
    messages.badRegularizerOption(key, 'value', value, 'a list of Regularizer instances or an object of keywords'),
  );
}
