import { isRegistered, type LayerSpec } from '@tsnets/core';
import { UsageError } from './errors';
import { cliMessages } from './messages';

/**
 * Parses `--layers`: comma-separated items, each `SIZE`, `SIZE:ACTIVATION`,
 * `SIZE:FORM`, `SIZE:FORM:ACTIVATION` or `tied` (also `SIZE:tied`).
 * `64,100:relu,10` gives `[64, [100, 'relu'], 10]`; `27,128:gru:tanh,27`
 * gives `[27, [128, 'gru', 'tanh'], 27]`; `784,256,tied` gives `[784, 256, 'tied']`.
 * Activations may contain `:` themselves (`100:rect:minmax`).
 */
export function parseLayers(text: string): LayerSpec[] {
  const items = text.split(',').map((item) => item.trim());
  if (items.length < 2) throw new UsageError(cliMessages.badLayer(text, 'needs at least an input and an output layer'));
  return items.map((item) => parseItem(item));
}

function parseItem(item: string): LayerSpec {
  if (item === '') throw new UsageError(cliMessages.badLayer(item, 'is empty'));
  if (item === 'tied') return 'tied';
  const colon = item.indexOf(':');
  const sizeText = colon < 0 ? item : item.slice(0, colon);
  const size = Number(sizeText);
  if (!/^\d+$/.test(sizeText) || size < 1)
    throw new UsageError(cliMessages.badLayer(item, 'does not start with a positive whole size'));
  if (colon < 0) return size;
  const rest = item.slice(colon + 1);
  if (rest === '') throw new UsageError(cliMessages.badLayer(item, 'has an empty activation'));
  // SIZE:FORM:ACTIVATION (128:gru:tanh): a registered layer form first, then the activation.
  const [head, ...tail] = rest.split(':');
  if (tail.length > 0 && isRegistered('layer', head)) return [size, head, tail.join(':')];
  return [size, rest];
}

/** The number of units of a parsed layer item (undefined for `tied`, whose size comes from its partner). */
export function layerSize(spec: LayerSpec): number | undefined {
  if (typeof spec === 'number') return spec;
  if (Array.isArray(spec) && typeof spec[0] === 'number') return spec[0];
  return undefined;
}
