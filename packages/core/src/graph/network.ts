import { container, type DependencyContainer } from 'tsyringe';
import {
  ConfigurationError,
  DataError,
  NotFoundError,
  OptionError,
  RegularizerError,
  TsnetsError,
} from '../errors/errors';
import { closeMatches } from '../util/suggest';
import { messages } from '../errors/messages';
import { create, lookup } from '../registry/registry';
import { RandomState } from '../rng/random-state';
import { tf } from '../tf';
import { toTensor, type ArrayInput } from './data';
import { Input } from './layers/input';
import { Layer } from './layers/layer';
import { Tied } from './layers/tied';
import { Loss, type LossOptions } from './loss';
import { monitorValues, type MonitorSpec } from './monitors';
import type { Outputs } from './outputs';
import type { Parameter } from './parameter';
import type { GraphContext, NetworkNames, Regularizer } from './regularizer';
import { resolveRegularizers, type RegularizerArgs } from './resolve-regularizers';
import { loadNetwork, saveNetwork } from './save';
import { checkSlot, isSequence, prepareArrays, slotsOf, stepsThrough, type Slot } from './slots';
import { parseLayerSpec, type LayerSpec } from './spec';
import type { TrainData, TrainOptions } from '../train/options';
import type { TrainingHistory } from './history';
import { summarize, type NetworkSummary } from './summary';
import { monitorRecord, termKeys, TERM_PREFIX } from './terms';
import { runTrainer, type MonitorValues, type TrainResult, type TrainingRun } from './train-hook';

/** Runs a regularizer hook, naming the regularizer in any error it throws. */
function guard<T>(regularizer: Regularizer, hook: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof RegularizerError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new RegularizerError(regularizer.id, messages.regularizerFailed(regularizer.id, hook, reason));
  }
}

const NETWORK_OPTIONS: ReadonlyArray<keyof NetworkOptions> = ['loss', 'weighted', 'rng', 'scope', 'classNames'];

/** A model's options are few and fixed: any other key is a typo or a training option given too early. */
function checkNetworkOptions(options: NetworkOptions): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ConfigurationError(messages.badNetworkOptions(options));
  }
  for (const key of Object.keys(options)) {
    if (!(NETWORK_OPTIONS as readonly string[]).includes(key)) {
      throw new OptionError(
        messages.unknownNetworkOption(key, closeMatches(key, NETWORK_OPTIONS), NETWORK_OPTIONS),
        key,
        closeMatches(key, NETWORK_OPTIONS),
      );
    }
  }
}

/** Runs a training run to its end; its result. */
export async function finish(run: TrainingRun): Promise<TrainResult> {
  let step = await run.next();
  while (!step.done) step = await run.next();
  if (!step.value) throw new TsnetsError(messages.noTrainResult());
  return step.value;
}

/** A loss by name, by options with a `form`, or an instance. */
export type LossSpec = string | (LossOptions & { form: string; [option: string]: unknown }) | Loss;

/** The most rows `predict` and `score` push through the graph at once; more go in chunks of this many. */
export const OUTPUT_CHUNK = 1024;

/** Options of a network. */
export interface NetworkOptions {
  /** The loss to train with (default `mse`; `xe` for classifiers). */
  loss?: LossSpec;
  /** When true, the loss reads a weights array after its target. */
  weighted?: boolean;
  /** Seed (or generator) for initial values; every layer gets its own generator from it. Default 13. */
  rng?: number | RandomState;
  /** The container names resolve through (default: the root container). */
  scope?: DependencyContainer;
  /** Classifiers only: a name per class (as many as outputs), kept when saved; `predictNames` gives them. */
  classNames?: readonly string[];
}

/** Input data: one array for a one-input network, or arrays by input layer name. */
export type NetworkInput = ArrayInput | Record<string, ArrayInput>;

export type { Slot } from './slots';

/**
 * A network computation graph: layers, the losses it trains with, and the
 * methods to run it. `Regressor`, `Classifier` and `Autoencoder` fix its
 * output activation, loss and data layout.
 */
export class Network {
  /** Default activation of the last layer. */
  static readonly DEFAULT_OUTPUT_ACTIVATION: string = 'linear';
  /** Default loss. */
  static readonly DEFAULT_LOSS: string = 'mse';
  /** The model kind written by `save`. */
  static readonly KIND: string = 'network';
  /** Whether the model takes `classNames` (classifiers). */
  static readonly NAMES_CLASSES: boolean = false;
  /** Whether an input given by its size reads sequences `[N, T, size]` (recurrent models) rather than `[N, size]`. */
  static readonly SEQUENCES: boolean = false;

  readonly layers: Layer[] = [];
  losses: Loss[] = [];
  /** The seed (or generator) layers were initialized from. */
  readonly rng: number | RandomState;
  /** The training runs this model went through, oldest first (kept by `save` and `load`); the trainer appends one per run. */
  history: TrainingHistory[] = [];
  /** Seeds of regularizers asked for at predict time (see `regularizersFrom`). */
  private predictSeeds?: RandomState;
  readonly scope: DependencyContainer;

  constructor(layers: readonly LayerSpec[], options: NetworkOptions = {}) {
    if (!Array.isArray(layers) || layers.length === 0) {
      throw new ConfigurationError(
        'A network needs a list of layers, e.g. [784, 100, 10]; got ' + JSON.stringify(layers) + '.',
      );
    }
    checkNetworkOptions(options);
    if (options.classNames !== undefined && !(this.constructor as typeof Network).NAMES_CLASSES) {
      throw new OptionError(messages.classNamesForClassifiers(), 'classNames');
    }
    this.rng = options.rng ?? 13;
    if (!(this.rng instanceof RandomState) && (!Number.isInteger(this.rng) || (this.rng as number) < 0)) {
      throw new ConfigurationError(
        `rng must be a non-negative integer seed or a RandomState, got ${String(this.rng)}.`,
      );
    }
    this.scope = options.scope ?? container;
    layers.forEach((spec, i) => this.appendLayer(spec, i, i === layers.length - 1));
    try {
      this.layers.forEach((layer, i) => {
        if (!layer.bound) layer.bind(this.layers.slice(0, i), this.scope);
      });
      const loss = options.loss ?? (this.constructor as typeof Network).DEFAULT_LOSS;
      this.setLoss(loss, options.weighted === undefined ? {} : { weighted: options.weighted });
    } catch (error) {
      for (const layer of this.layers) if (!(layers as unknown[]).includes(layer)) layer.dispose();
      throw error;
    }
  }

  private appendLayer(spec: LayerSpec, index: number, isOutput: boolean): void {
    if (spec instanceof Layer) {
      this.layers.push(spec);
      return;
    }
    const parsed = parseLayerSpec(spec, index, this.scope);
    const form = parsed.form ?? (this.layers.length ? 'feedforward' : 'input');
    const options = { ...parsed.options };
    const isInput = form === 'input';
    if (index === 0 && !isInput) {
      throw new ConfigurationError(
        messages.badLayerSpec(0, JSON.stringify(spec), 'the first layer must be an input (a size or { shape }).'),
      );
    }
    options.name ??= isInput ? 'in' : isOutput ? 'out' : `hid${this.layers.length}`;
    if (this.layers.some((layer) => layer.name === options.name)) {
      throw new ConfigurationError(
        messages.badLayerSpec(index, JSON.stringify(spec), `the name "${options.name}" is already taken.`),
      );
    }
    if (isInput && options.shape === undefined && (this.constructor as typeof Network).SEQUENCES) {
      options.shape = [-1, options.size as number];
    }
    if (!isInput) {
      options.inputs ??= this.layers[this.layers.length - 1].outputName;
      options.rng ??= this.rng;
      options.activation ??= isOutput
        ? (this.constructor as typeof Network).DEFAULT_OUTPUT_ACTIVATION
        : ((lookup<Layer>('layer', form, this.scope).target as { DEFAULT_ACTIVATION?: string }).DEFAULT_ACTIVATION ??
          'relu');
    }
    if (form === 'tied' && options.partner === undefined) options.partner = this.findPartner(index, spec);
    this.layers.push(create<Layer>('layer', form, [options], this.scope));
  }

  /** Walks back from the end: +1 per tied layer, -1 per other; the partner is where the count reaches 0. */
  private findPartner(index: number, spec: LayerSpec): string {
    let tied = 1;
    for (let i = this.layers.length - 1; i >= 0; i--) {
      tied += this.layers[i] instanceof Tied ? 1 : -1;
      if (tied === 0) return this.layers[i].name;
    }
    throw new ConfigurationError(
      messages.badLayerSpec(index, JSON.stringify(spec), 'cannot find a partner layer for this tied layer.'),
    );
  }

  /** Adds a loss; the total training loss is the sum of each loss times its weight. */
  addLoss(loss: LossSpec, options: LossOptions & Record<string, unknown> = {}): void {
    if (loss instanceof Loss) {
      this.losses.push(loss);
      return;
    }
    const { form, ...rest } = typeof loss === 'string' ? { form: loss } : loss;
    const merged = {
      outputName: this.layers[this.layers.length - 1].outputName,
      ...this.defaultLossOptions(),
      ...rest,
      ...options,
    };
    this.losses.push(create<Loss>('loss', form, [merged], this.scope));
  }

  /** Replaces every loss with one. */
  setLoss(loss: LossSpec, options: LossOptions & Record<string, unknown> = {}): void {
    this.losses = [];
    this.addLoss(loss, options);
  }

  /** Loss options a model kind imposes (autoencoders compare with the input). */
  protected defaultLossOptions(): LossOptions {
    return {};
  }

  /** The input layers. */
  get inputs(): Input[] {
    return this.layers.filter((layer): layer is Input => layer instanceof Input);
  }

  /** Every parameter of every layer, in layer order. */
  get params(): Parameter[] {
    return this.layers.flatMap((layer) => layer.params);
  }

  /** The last layer's default output name (`out:out`). */
  get outputName(): string {
    return this.layers[this.layers.length - 1].outputName;
  }

  /** A layer by name or index. */
  layer(key: string | number): Layer {
    const found =
      typeof key === 'number'
        ? this.layers[key < 0 ? this.layers.length + key : key]
        : this.layers.find((l) => l.name === key);
    if (!found)
      throw new NotFoundError(
        'layer',
        String(key),
        this.layers.map((l) => l.name),
      );
    return found;
  }

  /** A parameter by layer (name or index) and parameter (short name or index): `find('hid1', 'w')`. */
  find(layer: string | number, param: string | number): Parameter {
    return this.layer(layer).find(param);
  }

  /** The arrays training data holds, in order: inputs, then each loss's target and weights. */
  slots(): Slot[] {
    return slotsOf(this.inputs, this.layers, this.losses);
  }

  /** Converts arrays to tensors for the given slots, checking shapes, values and labels. Call inside `tf.tidy`. */
  prepare(arrays: readonly ArrayInput[], slots: readonly Slot[] = this.slots()): tf.Tensor[] {
    const tensors = prepareArrays(arrays, slots);
    const first = slots.findIndex((slot) => slot.role === 'input' && isSequence(slot));
    if (first >= 0) this.checkSteps(tensors[first].shape[1] as number);
    return tensors;
  }

  /** Throws a `DataError` when sequences of `steps` leave a conv1 or pool1 layer no window. */
  private checkSteps(steps: number): void {
    for (const [name, count] of stepsThrough(this.layers, steps)) {
      if (count < 1) throw new DataError(messages.tooFewSteps(steps, name, this.layer(name).form), 'inputs');
    }
  }

  /** Converts input data to a map of input tensors by input layer name. Call inside `tf.tidy`. */
  protected feeds(x: NetworkInput): Map<string, tf.Tensor> {
    const inputs = this.inputs;
    if (inputs.length === 1) {
      const slot = this.slots()[0];
      const tensor = checkSlot(
        toTensor(x as ArrayInput, slot.name, 'float32', isSequence(slot)),
        slot,
        x as ArrayInput,
      );
      if (isSequence(slot)) this.checkSteps(tensor.shape[1] as number);
      return new Map([[inputs[0].name, tensor]]);
    }
    if (x instanceof tf.Tensor || Array.isArray(x)) {
      throw new DataError(
        messages.badData(
          'inputs',
          `this network has ${inputs.length} inputs`,
          `Pass an object keyed by ${inputs.map((i) => `"${i.name}"`).join(', ')}.`,
        ),
        'inputs',
      );
    }
    const byName = x as Record<string, ArrayInput>;
    return new Map(
      inputs.map((input) => {
        const slot: Slot = { role: 'input', name: `inputs[${input.name}]`, dtype: 'float32', shape: input.dataShape };
        if (!(input.name in byName))
          throw new DataError(
            messages.badData('inputs', `no array for input "${input.name}"`, 'Add it to the inputs object.'),
            'inputs',
          );
        const tensor = toTensor(byName[input.name], slot.name, 'float32', isSequence(slot));
        return [input.name, checkSlot(tensor, slot, byName[input.name])];
      }),
    );
  }

  /** Connects the layers on the given inputs, applying each regularizer's graph rewrite. */
  buildGraph(
    feeds: ReadonlyMap<string, tf.Tensor>,
    regularizers: readonly Regularizer[] = [],
    training = false,
  ): Outputs {
    const outputs: Outputs = new Map();
    const context = this.context(feeds, training);
    for (const layer of this.layers) {
      const produced: Outputs = new Map(layer.connect(outputs, feeds));
      for (const regularizer of regularizers) {
        // Noise and dropout rewrite training graphs only, unless asked for at predict time.
        if (!regularizer.modifyGraph || (!training && regularizer.trainOnly)) continue;
        guard(regularizer, 'modifyGraph', () => regularizer.modifyGraph?.(produced, layer, context));
      }
      for (const [name, tensor] of produced) outputs.set(name, tensor);
    }
    return outputs;
  }

  private context(feeds: ReadonlyMap<string, tf.Tensor>, training: boolean): GraphContext {
    return { training, feeds, rebuild: (other) => this.buildGraph(other) };
  }

  /** The names regularizer patterns match against: layers, parameter names and the clean graph's output names. */
  names(): NetworkNames {
    let outputs: string[] = [];
    // A few time steps stand in for a free time axis (-1): enough for every conv1 and pool1 window.
    const fits = (steps: number) => [...stepsThrough(this.layers, steps).values()].every((count) => count >= 1);
    const standIn = [2, 4, 8, 16, 32, 64, 128, 256, 512, 1024].find(fits) ?? 2;
    tf.tidy(() => {
      const feeds = new Map(
        this.inputs.map(
          (input) =>
            [input.name, tf.zeros([1, ...input.dataShape.map((d) => (d === -1 ? standIn : d))])] as [string, tf.Tensor],
        ),
      );
      outputs = [...this.buildGraph(feeds).keys()];
    });
    return { layers: this.layers, params: this.params.map((param) => param.name), outputs };
  }

  /**
   * Regularizers from keywords (`{ hidden_dropout: 0.3 }`) for use at predict
   * time. Those without an `rng` are reseeded from this network's own
   * sequence, so repeated calls draw new noise and masks (MC dropout) while
   * a fresh network repeats the same sequence.
   */
  regularizersFrom(keywords?: RegularizerArgs): Regularizer[] {
    if (!keywords) return [];
    const regularizers = resolveRegularizers(this, keywords, this.scope);
    for (const regularizer of regularizers) {
      if (regularizer.options.rng !== undefined) continue;
      this.predictSeeds ??= new RandomState(typeof this.rng === 'number' ? this.rng : 13);
      regularizer.reseed(this.predictSeeds.nextSeed());
    }
    return regularizers;
  }

  /** Every output of the graph by full name; the tensors belong to the caller. */
  feedForward(x: NetworkInput, regularizers?: RegularizerArgs): Record<string, tf.Tensor> {
    const regs = this.regularizersFrom(regularizers);
    // Clones (which share data) so that no two names hold one tensor (a linear
    // layer's `:out` is its `:pre`) and `in:out` is never the caller's own input.
    return tf.tidy(() =>
      Object.fromEntries(
        [...this.buildGraph(this.feeds(x), regs, regs.length > 0)].map(([name, t]) => [name, tf.clone(t)]),
      ),
    );
  }

  /** The network's output for `x` (the last layer's `:out`); the tensor belongs to the caller. */
  predict(x: NetworkInput, regularizers?: RegularizerArgs): tf.Tensor {
    const regs = this.regularizersFrom(regularizers);
    return tf.tidy(() => tf.clone(this.output(this.feeds(x), regs)));
  }

  /**
   * One output (default: the last layer's `:out`) of the graph on `feeds`.
   * Regularizers given here were asked for explicitly, so their train-only
   * rewrites apply (MC dropout). Call inside `tf.tidy`.
   */
  protected output(
    feeds: ReadonlyMap<string, tf.Tensor>,
    regularizers: readonly Regularizer[],
    name = this.outputName,
  ): tf.Tensor {
    const rows = [...feeds.values()][0]?.shape[0] ?? 0;
    if (rows <= OUTPUT_CHUNK) return this.outputOf(feeds, regularizers, name);
    // In chunks of rows, each in a scope of its own: a convolution's feature maps for 10,000 images would take gigabytes.
    const chunks: tf.Tensor[] = [];
    for (let start = 0; start < rows; start += OUTPUT_CHUNK) {
      const size = Math.min(OUTPUT_CHUNK, rows - start);
      const part = new Map([...feeds].map(([input, tensor]) => [input, tf.slice(tensor, start, size)] as const));
      chunks.push(tf.tidy(() => this.outputOf(part, regularizers, name)));
      tf.dispose([...part.values()]);
    }
    return tf.concat(chunks);
  }

  private outputOf(
    feeds: ReadonlyMap<string, tf.Tensor>,
    regularizers: readonly Regularizer[],
    name: string,
  ): tf.Tensor {
    const outputs = this.buildGraph(feeds, regularizers, regularizers.length > 0);
    const found = outputs.get(name);
    if (!found) throw new NotFoundError('output', name, [...outputs.keys()]);
    return found;
  }

  /**
   * Checks `arrays` against `slots` and reduces the network's output on them
   * to a number with `measure(output, tensors)` (scores).
   */
  protected measure(
    arrays: readonly ArrayInput[],
    slots: readonly Slot[],
    regularizers: RegularizerArgs | undefined,
    measure: (output: tf.Tensor, tensors: tf.Tensor[]) => tf.Scalar,
  ): number {
    const regs = this.regularizersFrom(regularizers);
    const value = tf.tidy(() => {
      const tensors = this.prepare(arrays, slots);
      return measure(this.output(new Map([[this.inputs[0].name, tensors[0]]]), regs), tensors);
    });
    const number = value.dataSync()[0];
    value.dispose();
    return number;
  }

  /**
   * The loss and monitors of one batch of slot tensors: `loss` (losses times
   * their weights plus penalties), `err` (the first loss alone), user
   * monitors, model monitors, then the weighted parts of `loss` named with
   * `TERM_PREFIX` (see `monitorRecord`).
   */
  evaluateBatch(
    batch: readonly tf.Tensor[],
    regularizers: readonly Regularizer[] = [],
    monitors?: MonitorSpec,
    training = false,
  ): Array<[string, tf.Scalar]> {
    const inputs = this.inputs;
    const feeds = new Map(inputs.map((input, i) => [input.name, batch[i]] as [string, tf.Tensor]));
    const outputs = this.buildGraph(feeds, regularizers, training);
    let k = inputs.length;
    const terms = this.losses.map((loss) => {
      const target = loss.target === 'input' ? batch[0] : batch[k++];
      const weights = loss.weighted ? batch[k++] : undefined;
      return loss.evaluate(outputs, target, weights);
    });
    // The weighted parts of the loss, computed once: their sum is the loss, and each is reported (`terms`).
    const keys = termKeys(this.losses, regularizers);
    const parts: Array<[string, tf.Scalar]> = terms.map((term, i) => [
      `${TERM_PREFIX}${keys[i]}`,
      tf.mul(term, this.losses[i].weight) as tf.Scalar,
    ]);
    let total: tf.Scalar = parts.reduce((sum, [, part]) => tf.add(sum, part), tf.scalar(0));
    const context = this.context(feeds, training);
    for (const [r, regularizer] of regularizers.entries()) {
      if (!regularizer.loss || regularizer.weight === 0) continue;
      const penalty = guard(regularizer, 'loss', () => regularizer.loss?.(this.layers, outputs, context));
      if (!(penalty instanceof tf.Tensor) || penalty.rank !== 0) {
        const got = penalty instanceof tf.Tensor ? `a tensor of shape [${penalty.shape}]` : String(penalty);
        throw new RegularizerError(
          regularizer.id,
          messages.regularizerFailed(regularizer.id, 'loss', `it returned ${got}, not a scalar tensor`),
        );
      }
      const part = tf.mul(penalty, regularizer.weight) as tf.Scalar;
      parts.push([`${TERM_PREFIX}${keys[this.losses.length + r]}`, part]);
      total = tf.add(total, part);
    }
    return [
      ['loss', total],
      ['err', terms[0]],
      ...monitorValues(monitors, outputs, this.layers),
      ...this.modelMonitors(outputs, batch),
      ...parts,
    ];
  }

  /**
   * The monitors (`loss`, `err`, `acc` for classifiers, and any `monitors`
   * given) of the model on some data, in the form training takes (`[x, y]`,
   * `[x, y, w]`, `[x]`), in one pass over every row on the clean graph with
   * no regularizers: what the command line's test line shows.
   */
  evaluate(data: readonly ArrayInput[], monitors?: MonitorSpec): MonitorValues {
    let names: string[] = [];
    const stacked = tf.tidy(() => {
      const pairs = this.evaluateBatch(this.prepare(data), [], monitors, false);
      names = pairs.map(([name]) => name);
      return tf.stack(pairs.map(([, value]) => value));
    });
    const values = stacked.dataSync();
    stacked.dispose();
    return monitorRecord(names, values);
  }

  /** The layers, their shapes, activations and parameter counts; `String(net.summary())` is a table. */
  summary(): NetworkSummary {
    return summarize(this.layers);
  }

  /** Monitors a model kind adds (classifiers: `acc`). */
  protected modelMonitors(_outputs: Outputs, _batch: readonly tf.Tensor[]): Array<[string, tf.Scalar]> {
    return [];
  }

  /**
   * Trains until a stopping rule ends it. Resolves to the model as left (the
   * best parameters, restored): the best validation's monitors, the last
   * epoch's training monitors, the best epoch, the reason and the epoch count.
   */
  train(data: TrainData, options: TrainOptions = {}): Promise<TrainResult> {
    return finish(this.itertrain(data, options));
  }

  /** Trains one epoch at a time, yielding `[train, valid]` monitor values; returns what `train` resolves to. */
  itertrain(data: TrainData, options: TrainOptions = {}): TrainingRun {
    return runTrainer(this, data, options);
  }

  /** Writes the model to one file (gzipped when `path` ends in `.gz`), atomically. */
  save(path: string): Promise<void> {
    return saveNetwork(this, path);
  }

  /** Loads a model written by `save`, as the class it was saved from. */
  static load(path: string): Promise<Network> {
    return loadNetwork(path);
  }

  /** Frees every parameter's tensors. */
  dispose(): void {
    for (const layer of this.layers) layer.dispose();
  }
}
