import type { DependencyContainer } from 'tsyringe';
import { ConfigurationError } from '../errors/errors';
import { messages } from '../errors/messages';
import { registeredNames } from '../registry/catalog';
import { isRegistered } from '../registry/registry';
import { closeMatches } from '../util/suggest';
import { Layer, type LayerOptions } from './layers/layer';
import type {
  BCRNNOptions,
  BidirectionalOptions,
  ClockworkOptions,
  LSTMOptions,
  MRNNOptions,
  RRNNOptions,
  SCRNOptions,
} from './layers/recurrent';
import type { ConvolutionOptions } from './layers/convolution';
import type { InputOptions } from './layers/input';
import type { PoolingOptions } from './layers/pooling';

/** The options recurrent forms add (`h_0`, `direction`, `rate`, `periods`, ...), each documented on its layer. */
type RecurrentSpecOptions = Partial<
  Omit<
    RRNNOptions &
      LSTMOptions &
      Omit<SCRNOptions, 'rate'> &
      MRNNOptions &
      ClockworkOptions &
      BCRNNOptions &
      BidirectionalOptions,
    keyof LayerOptions
  >
>;

/** The options convolution, pooling and image input layers add, each documented on its layer. */
type ImageSpecOptions = Partial<
  Omit<ConvolutionOptions & Omit<PoolingOptions, 'stride' | 'border_mode'> & InputOptions, keyof LayerOptions>
>;

/** An object layer spec: the layer's options plus its `form`. */
export interface LayerSpecObject extends LayerOptions, RecurrentSpecOptions, ImageSpecOptions {
  form?: string;
}

/**
 * One layer of a network: a size (`64`); an array of one size, an activation
 * and/or a form in any order (`[100, 'relu']`, `[4, 'tied']`); an object of
 * options (`{ size: 50, name: 'a' }`); a form (`'flatten'`); or a layer. As
 * the first layer, an array of sizes is the input's shape (`[28, 28, 1]`).
 */
export type LayerSpec = number | ReadonlyArray<number | string> | LayerSpecObject | string | Layer;

/** The options a layer spec object may hold, besides per-parameter initialization (`INIT_KEY`). */
export const OPTION_KEYS: ReadonlySet<string> = new Set([
  'form',
  'size',
  'shape',
  'name',
  'activation',
  'inputs',
  'rng',
  'partner',
  'mean',
  'std',
  'sparsity',
  'diagonal',
  // recurrent layers
  'h_0',
  'c_0',
  's_0',
  'direction',
  'bptt_limit',
  'radius',
  'rate',
  'factors',
  'periods',
  'num_modules',
  'context_size',
  'worker',
  // convolution, pooling and image inputs
  'filter_size',
  'stride',
  'border_mode',
  'pool_size',
  'mode',
  'channels',
]);
/** Per-parameter initialization options: `mean_w`, `std_b`, `sparsity_w`, `diagonal_w`, `radius_hh`, ... */
export const INIT_KEY = /^(mean|std|sparsity|diagonal|radius)_.+$/;

function describe(spec: unknown): string {
  try {
    return JSON.stringify(spec) ?? String(spec);
  } catch {
    return String(spec);
  }
}

function fail(index: number, spec: unknown, reason: string): never {
  throw new ConfigurationError(messages.badLayerSpec(index, describe(spec), reason));
}

function checkSize(index: number, spec: unknown, size: unknown): void {
  if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0) {
    fail(index, spec, `a size must be a positive integer, got ${describe(size)}.`);
  }
}

/**
 * Parses one layer spec into its form and options (before network defaults).
 * Throws a `ConfigurationError` naming the layer's position for anything it
 * cannot read.
 */
export function parseLayerSpec(
  spec: LayerSpec,
  index: number,
  scope?: DependencyContainer,
): { form?: string; options: LayerSpecObject } {
  if (typeof spec === 'number') {
    checkSize(index, spec, spec);
    return { options: { size: spec } };
  }
  if (typeof spec === 'string') {
    if (!isRegistered('layer', spec, scope)) {
      const names = registeredNames('layer');
      fail(
        index,
        spec,
        `"${spec}" is not a layer form. Forms: ${names.join(', ')}.` +
          (closeMatches(spec, names).length ? ` Did you mean "${closeMatches(spec, names)[0]}"?` : ''),
      );
    }
    return { form: spec.toLowerCase(), options: {} };
  }
  if (Array.isArray(spec)) {
    if (index === 0 && spec.length > 1 && spec.every((element) => typeof element === 'number')) {
      return parseLayerSpec({ shape: [...(spec as number[])] }, index, scope);
    }
    const options: LayerSpecObject = {};
    let form: string | undefined;
    for (const element of spec) {
      if (typeof element === 'number') {
        if (options.size !== undefined)
          fail(index, spec, 'an array spec holds one size; use an object for more options.');
        checkSize(index, spec, element);
        options.size = element;
      } else if (typeof element === 'string') {
        if (isRegistered('layer', element, scope)) {
          if (form !== undefined) fail(index, spec, `two forms, "${form}" and "${element}".`);
          form = element.toLowerCase();
        } else {
          if (options.activation !== undefined)
            fail(index, spec, `two activations, "${options.activation}" and "${element}".`);
          options.activation = element;
        }
      } else {
        fail(index, spec, `array elements must be a size, an activation or a form, got ${describe(element)}.`);
      }
    }
    return { form, options };
  }
  if (spec !== null && typeof spec === 'object' && !(spec instanceof Layer)) {
    for (const key of Object.keys(spec)) {
      if (!OPTION_KEYS.has(key) && !INIT_KEY.test(key)) {
        const suggestions = closeMatches(key, [...OPTION_KEYS]);
        fail(
          index,
          spec,
          `unknown option "${key}".` +
            (suggestions.length ? ` Did you mean "${suggestions[0]}"?` : '') +
            ` Options: ${[...OPTION_KEYS].join(', ')}, and mean_/std_/sparsity_/diagonal_/radius_<param>.`,
        );
      }
    }
    const options = { ...(spec as LayerSpecObject) };
    if (options.size !== undefined) checkSize(index, spec, options.size);
    // -1 marks a free axis (the time axis of sequences); the last axis is always a size.
    const free = (d: number, i: number, shape: number[]): boolean => d === -1 && i < shape.length - 1;
    if (
      options.shape !== undefined &&
      (!Array.isArray(options.shape) ||
        options.shape.length === 0 ||
        options.shape.some((d, i, shape) => !free(d, i, shape) && (!Number.isInteger(d) || d <= 0)))
    ) {
      fail(
        index,
        spec,
        `shape must be an array of positive integers (-1 for a free time axis), got ${describe(options.shape)}.`,
      );
    }
    const form = options.form?.toLowerCase();
    delete options.form;
    return { form, options };
  }
  return fail(index, spec, 'expected a size, an array, an object, a form name or a Layer.');
}
