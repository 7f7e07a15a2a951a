import type { DependencyContainer } from 'tsyringe';
import { ConfigurationError } from '../../errors/errors';
import { create, isRegistered, lookup } from '../../registry/registry';
import type { RandomState } from '../../rng/random-state';
import type { tf } from '../../tf';
import { Parameter } from '../parameter';

/** What an activation may know of the layer it belongs to. */
export interface ActivationHost {
  readonly name: string;
  readonly size: number;
  readonly rng: RandomState;
}

/**
 * An activation function of a layer. Subclasses implement `apply`; those with
 * learned values create them in their constructor with `addParam`, drawing
 * from the layer's generator (before the layer's weights, as theanets does).
 */
export abstract class Activation {
  readonly params: Parameter[] = [];

  /**
   * @param name the full activation name, e.g. `maxout:3`
   * @param host the layer it belongs to
   * @param argument the part after `:` for parameterized names (`3` for `maxout:3`)
   */
  constructor(
    readonly name: string,
    protected readonly host: ActivationHost,
    protected readonly argument?: string,
  ) {}

  /** Applies the activation elementwise (or over the last axis). */
  abstract apply(x: tf.Tensor): tf.Tensor;

  protected addParam(key: string, shape: number[], values: ArrayLike<number>): tf.Variable {
    const param = Parameter.create(`${this.host.name}.${key}`, shape, values);
    this.params.push(param);
    return param.variable;
  }
}

/** Activations joined with `+`, applied left to right (`relu+norm:z`). */
export class Composite extends Activation {
  constructor(
    name: string,
    host: ActivationHost,
    readonly parts: readonly Activation[],
  ) {
    super(name, host);
    // theanets lists the parameters of later parts first.
    for (const part of [...parts].reverse()) this.params.push(...part.params);
  }

  apply(x: tf.Tensor): tf.Tensor {
    return this.parts.reduce((value, part) => part.apply(value), x);
  }
}

function buildOne(name: string, host: ActivationHost, scope?: DependencyContainer): Activation {
  if (isRegistered('activation', name, scope))
    return create<Activation>('activation', name, [name, host, undefined], scope);
  const colon = name.indexOf(':');
  if (colon > 0) {
    const base = name.slice(0, colon);
    if (isRegistered('activation', base, scope)) {
      return create<Activation>('activation', base, [name, host, name.slice(colon + 1)], scope);
    }
  }
  lookup('activation', name, scope); // throws UnknownNameError with close matches
  throw new ConfigurationError(`Unknown activation "${name}"`);
}

/** Builds an activation from its name, composing `+`-joined parts. */
export function buildActivation(name: string, host: ActivationHost, scope?: DependencyContainer): Activation {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new ConfigurationError(
      `Layer "${host.name}": activation must be a non-empty string, got ${JSON.stringify(name)}.`,
    );
  }
  const names = name.split('+').map((part) => part.trim());
  if (names.length === 1) return buildOne(names[0], host, scope);
  const parts: Activation[] = [];
  try {
    for (const part of names) parts.push(buildOne(part, host, scope));
  } catch (error) {
    // Free the learned values of the parts built before the one that failed.
    for (const part of parts) for (const param of part.params) param.variable.dispose();
    throw error;
  }
  return new Composite(name, host, parts);
}
