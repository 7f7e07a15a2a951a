import type { DependencyContainer } from 'tsyringe';
import { ConfigurationError, NotFoundError } from '../../errors/errors';
import { idOf } from '../../registry/registry';
import { RandomState } from '../../rng/random-state';
import type { tf } from '../../tf';
import { buildActivation, type Activation, type ActivationHost } from '../activations/activation';
import type { Outputs } from '../outputs';
import { Parameter } from '../parameter';
import { randomMatrix, randomVector, type MatrixInit } from './init';

/** Per-parameter initialization keys: `mean_w`, `std_b`, `sparsity_w`, `diagonal_w`, ... */
export type InitKey = `${'mean' | 'std' | 'sparsity' | 'diagonal' | 'radius'}_${string}`;

/** The options of a layer, as in a layer-spec object. */
export interface LayerOptions {
  /** Number of units (the last axis of the output). */
  size?: number;
  /** Output shape of one example (input, reshape layers). */
  shape?: number[];
  name?: string;
  activation?: string;
  /** Names of the outputs (or layers, meaning their `:out`) this layer reads. */
  inputs?: string | string[];
  /** Seed or generator for initial values. */
  rng?: number | RandomState;
  /** Tied layers: the layer whose weights are shared. */
  partner?: string;
  mean?: number;
  std?: number;
  sparsity?: number;
  diagonal?: number;
  [key: InitKey]: number | undefined;
}

/**
 * A layer of a network graph: a group of parameters and the computation that
 * turns its inputs into named outputs (`name:out`, often `name:pre`).
 * Subclasses implement `transform` and, when they hold parameters, `setup`.
 */
export abstract class Layer implements ActivationHost {
  private static count = 0;

  readonly name: string;
  size: number;
  /** Shape of one example of the default output. */
  shape: number[];
  /** Full names of the outputs this layer reads (set by `bind`). */
  inputs: string[];
  readonly options: LayerOptions;
  readonly rng: RandomState;
  activate!: Activation;
  protected readonly ownParams: Parameter[] = [];
  protected readonly resolved = new Map<string, Layer>();

  constructor(options: LayerOptions) {
    Layer.count += 1;
    this.options = { ...options };
    this.name = options.name ?? `${this.constructor.name.toLowerCase()}${Layer.count}`;
    this.size = options.size ?? 0;
    this.shape = options.shape ? [...options.shape] : this.size ? [this.size] : [];
    const inputs = options.inputs ?? [];
    this.inputs = typeof inputs === 'string' ? [inputs] : [...inputs];
    const rng = options.rng;
    this.rng = rng instanceof RandomState ? rng : new RandomState(rng ?? 13);
  }

  /** The registered form of this layer (its lowercased class name when unregistered). */
  get form(): string {
    return idOf('layer', this.constructor as typeof Layer) ?? this.constructor.name.toLowerCase();
  }

  /** Every parameter: the layer's own, then its activation's. */
  get params(): Parameter[] {
    return [...this.ownParams, ...(this.activate?.params ?? [])];
  }

  /** The full name of the default output, `name:out`. */
  get outputName(): string {
    return this.fullName('out');
  }

  /** The full name of one of this layer's outputs. */
  fullName(output: string): string {
    return `${this.name}:${output}`;
  }

  /** For layers with a single input, that input's size. */
  get inputSize(): number {
    return this.onlyInputLayer().size;
  }

  /** The layers this layer reads, by the full output names it reads. */
  get inputLayers(): ReadonlyMap<string, Layer> {
    return this.resolved;
  }

  /**
   * Binds the layer into a graph: resolves its inputs among the earlier
   * layers, builds its activation, then creates its parameters.
   */
  bind(layers: readonly Layer[], scope?: DependencyContainer): void {
    if (this.bound) throw new ConfigurationError(`Layer "${this.name}" is already bound into a network.`);
    this.resolve(layers);
    this.activate = buildActivation(this.options.activation ?? 'relu', this, scope);
    this.setup();
    if (!Number.isInteger(this.size) || this.size <= 0) {
      throw new ConfigurationError(`Layer "${this.name}": size must be a positive integer, got ${this.size}.`);
    }
    this.bound = true;
  }

  /** True once `bind` has created the parameters; a bound layer can be shared by several networks (layerwise training). */
  bound = false;

  /** Resolves input names (`hid1` or `hid1:pre`) to earlier layers. */
  resolve(layers: readonly Layer[]): void {
    this.resolved.clear();
    const full: string[] = [];
    for (const input of this.inputs) {
      const layerName = input.split(':')[0];
      const match = layers.find((layer) => layer.name === layerName);
      if (!match) {
        throw new ConfigurationError(
          `Layer "${this.name}" cannot resolve its input "${input}": the layers before it are ` +
            `${layers.map((l) => `"${l.name}"`).join(', ') || '(none)'}. Name one of them in "inputs".`,
        );
      }
      const name = input.includes(':') ? input : match.outputName;
      this.resolved.set(name, match);
      full.push(name);
    }
    this.inputs = full;
  }

  /** Creates the layer's parameters; sets `size` and `shape` when they derive from the inputs. */
  setup(): void {}

  /** The time steps of this layer's output for `steps` of its (first) input's: the same, except where a 1-d window changes them. */
  outputSteps(steps: number): number {
    return steps;
  }

  /** Computes this layer's outputs from the graph's outputs so far, by short name (`out`, `pre`). */
  abstract transform(inputs: Outputs, feeds: ReadonlyMap<string, tf.Tensor>): tf.Tensor | Record<string, tf.Tensor>;

  /** Runs `transform` and names its outputs `layer:key`, sorted by key as theanets does. */
  connect(inputs: Outputs, feeds: ReadonlyMap<string, tf.Tensor>): Array<[string, tf.Tensor]> {
    const result = this.transform(inputs, feeds);
    const entries: Array<[string, tf.Tensor]> =
      'rank' in result && 'dtype' in result
        ? [['out', result as tf.Tensor]]
        : Object.entries(result as Record<string, tf.Tensor>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return entries.map(([key, tensor]) => [this.fullName(key), tensor]);
  }

  /** A parameter by short name (`w`, `b`) or index. */
  find(key: string | number): Parameter {
    const params = this.params;
    const found = typeof key === 'number' ? params[key] : params.find((p) => p.name === `${this.name}.${key}`);
    if (!found)
      throw new NotFoundError(
        `parameter in layer "${this.name}"`,
        String(key),
        params.map((p) => p.key),
      );
    return found;
  }

  /** Adds a weight matrix initialized as theanets does (`std` defaults to `1 / sqrt(nin + nout)`). */
  protected addWeights(key: string, nin: number, nout: number): Parameter {
    const values = randomMatrix(nin, nout, this.matrixInit(key, nin, nout), this.rng);
    return this.addParameter(key, [nin, nout], values);
  }

  /** How the weights `key` between `nin` and `nout` units are drawn: the layer's options, else theanets' defaults. */
  protected matrixInit(key: string, nin: number, nout: number): MatrixInit {
    return {
      mean: this.initOption('mean', key, 0),
      std: this.initOption('std', key, 1 / Math.sqrt(nin + nout)),
      sparsity: this.initOption('sparsity', key, 0),
      diagonal: this.initOption('diagonal', key, 0),
    };
  }

  /** Adds a parameter `layer.key` of the given shape and values. */
  protected addParameter(key: string, shape: number[], values: ArrayLike<number>): Parameter {
    const param = Parameter.create(`${this.name}.${key}`, shape, values);
    this.ownParams.push(param);
    return param;
  }

  /** Adds a bias vector drawn from `N(mean_KEY or defaultMean, std_KEY or 1)`. */
  protected addBias(key: string, size: number, defaultMean = 0): Parameter {
    const mean = this.options[`mean_${key}`] ?? defaultMean;
    const std = this.options[`std_${key}`] ?? 1;
    return this.addParameter(key, [size], randomVector(size, mean, std, this.rng));
  }

  protected initOption(option: 'mean' | 'std' | 'sparsity' | 'diagonal', key: string, fallback: number): number {
    const value = this.options[`${option}_${key}`] ?? this.options[option] ?? fallback;
    // theanets treats std 0 as "use the default".
    return option === 'std' && !value ? fallback : value;
  }

  /** The single input layer of a one-input layer. */
  protected onlyInputLayer(): Layer {
    if (this.resolved.size !== 1) {
      throw new ConfigurationError(
        `Layer "${this.name}" (${this.form}) takes exactly one input, got ${this.resolved.size}.`,
      );
    }
    return [...this.resolved.values()][0];
  }

  /** The single input tensor of a one-input layer. */
  protected onlyInput(inputs: Outputs): tf.Tensor {
    return inputs.get(this.inputs[0]) as tf.Tensor;
  }

  /** The shape of one example of an input output. */
  protected inputShape(name: string): number[] {
    return (this.resolved.get(name) as Layer).shape;
  }

  /** A description from which an equal layer can be rebuilt (used by `save`). */
  toSpec(): Record<string, unknown> {
    const spec: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this.options)) {
      if (key !== 'rng' && value !== undefined) spec[key] = value;
    }
    return {
      ...spec,
      form: this.form,
      name: this.name,
      size: this.size,
      shape: this.shape,
      inputs: this.inputs,
      activation: this.activate?.name ?? this.options.activation,
    };
  }

  /** Frees the tensors of this layer's parameters. */
  dispose(): void {
    for (const param of this.params) param.variable.dispose();
  }
}
