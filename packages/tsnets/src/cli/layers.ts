import { isRegistered, type LayerSpec, type LayerSpecObject } from '@tsnets/core';
import { UsageError } from './errors';
import { cliMessages } from './messages';

/**
 * Parses `--layers`: comma-separated items, each `SIZE`, `SIZE:ACTIVATION`,
 * `SIZE:FORM`, `SIZE:FORM:ACTIVATION` or `tied` (also `SIZE:tied`).
 * `64,100:relu,10` gives `[64, [100, 'relu'], 10]`; `27,128:gru:tanh,27`
 * gives `[27, [128, 'gru', 'tanh'], 27]`; `784,256,tied` gives `[784, 256, 'tied']`.
 * Activations may contain `:` themselves (`100:rect:minmax`).
 *
 * Images: the first item may be a shape (`28x28x1`); `SIZE:conv2:5x5[:ACT]`
 * is a convolution with 5x5 filters (`conv1:5` over time); `pool2`,
 * `pool2:3x3` and `pool2:2x2:mean` pool (max unless `mean`); `flat`
 * flattens. Options as `key=value` anywhere after the form: `stride=2`,
 * `border=same` (`border_mode`), `mode=mean`.
 */
export function parseLayers(text: string): LayerSpec[] {
  const items = text.split(',').map((item) => item.trim());
  if (items.length < 2) throw new UsageError(cliMessages.badLayer(text, 'needs at least an input and an output layer'));
  return items.map((item, index) => (index === 0 && SHAPE.test(item) ? shapeOf(item) : parseItem(item)));
}

/** `28x28x1`: an input shape (two or more sizes). */
const SHAPE = /^\d+(x\d+)+$/;
/** `5`, `5x5`: a window extent. */
const WINDOW = /^\d+(x\d+)*$/;
const WINDOWED: Record<string, string> = {
  conv1: 'filter_size',
  conv2: 'filter_size',
  pool1: 'pool_size',
  pool2: 'pool_size',
};
const OPTION_NAMES: Record<string, string> = { border: 'border_mode', filter: 'filter_size', pool: 'pool_size' };

function shapeOf(text: string): number[] {
  const sizes = text.split('x').map(Number);
  if (sizes.some((size) => size < 1)) throw new UsageError(cliMessages.badLayer(text, 'has a size of 0 in its shape'));
  return sizes;
}

/** A window or option value: `5x5` → [5, 5], `2` → 2, else the text. */
function valueOf(text: string): number | number[] | string {
  if (!WINDOW.test(text)) return text;
  const sizes = text.split('x').map(Number);
  return sizes.length === 1 ? sizes[0] : sizes;
}

function parseItem(item: string): LayerSpec {
  if (item === '') throw new UsageError(cliMessages.badLayer(item, 'is empty'));
  if (item === 'tied') return 'tied';
  const [head, ...rest] = item.split(':');
  if (isRegistered('layer', head) && !/^\d/.test(head)) return imageItem(item, undefined, head, rest);
  const size = Number(head);
  if (!/^\d+$/.test(head) || size < 1)
    throw new UsageError(cliMessages.badLayer(item, 'does not start with a positive whole size or a layer form'));
  if (rest.length === 0) return size;
  if (rest.join(':') === '') throw new UsageError(cliMessages.badLayer(item, 'has an empty activation'));
  // SIZE:FORM:ACTIVATION (128:gru:tanh): a registered layer form first, then the activation.
  const [form, ...tail] = rest;
  if (form in WINDOWED) return imageItem(item, size, form, tail);
  if (tail.length > 0 && isRegistered('layer', form)) return [size, form, tail.join(':')];
  return [size, rest.join(':')];
}

/** A convolution, pooling or shaping item: its window, `key=value` options and activation, as a spec object. */
function imageItem(item: string, size: number | undefined, form: string, tokens: string[]): LayerSpec {
  if (size === undefined && tokens.length === 0) return form;
  const spec: LayerSpecObject = { form };
  if (size !== undefined) spec.size = size;
  const options = spec as Record<string, unknown>;
  tokens.forEach((token, k) => {
    const equals = token.indexOf('=');
    if (equals > 0) {
      const key = token.slice(0, equals);
      options[OPTION_NAMES[key] ?? key] = valueOf(token.slice(equals + 1));
    } else if (k === 0 && form in WINDOWED && WINDOW.test(token)) {
      options[WINDOWED[form]] = valueOf(token);
    } else if (form.startsWith('pool') && (token === 'max' || token === 'mean')) {
      spec.mode = token;
    } else if (spec.activation === undefined && token !== '') {
      spec.activation = tokens
        .slice(k)
        .filter((t) => !t.includes('='))
        .join(':');
    } else if (token === '') {
      throw new UsageError(cliMessages.badLayer(item, 'has an empty part'));
    }
  });
  if (form.startsWith('conv') && spec.filter_size === undefined)
    throw new UsageError(cliMessages.badLayer(item, 'needs a filter size, e.g. 32:conv2:5x5'));
  return spec;
}

/** The input shape of a parsed layer list when its first item is a shape (`28x28x1`), else undefined. */
export function inputShape(layers: readonly LayerSpec[]): number[] | undefined {
  const first = layers[0];
  return Array.isArray(first) && first.length > 1 && first.every((d) => typeof d === 'number')
    ? (first as number[])
    : undefined;
}

/** The number of units of a parsed layer item (undefined for `tied`, whose size comes from its partner). */
export function layerSize(spec: LayerSpec): number | undefined {
  if (typeof spec === 'number') return spec;
  if (typeof spec === 'object' && !Array.isArray(spec) && 'size' in spec) return spec.size;
  if (Array.isArray(spec) && typeof spec[0] === 'number') return spec[0];
  return undefined;
}
