import { ConfigurationError } from '../errors/errors';
import { messages } from '../errors/messages';
import { tf } from '../tf';
import type { ArrayInput } from './data';
import type { Layer } from './layers/layer';
import type { LayerSpec } from './spec';
import type { LossOptions } from './loss';
import { Network, type NetworkInput, type NetworkOptions, type Slot } from './network';
import type { Outputs } from './outputs';
import type { RegularizerArgs } from './resolve-regularizers';
import { modelKinds } from './save';

/**
 * `1 - sum(w (y - p)^2) / sum(w (y - m)^2)` with `m` the weighted mean of
 * every element of `y` (`sum(w y) / sum(w)`). theanets takes the plain mean;
 * the weighted one makes weights of 0 a true mask: padded steps of
 * sequences change neither term.
 */
function rSquared(y: tf.Tensor, predicted: tf.Tensor, weights?: tf.Tensor): tf.Scalar {
  const w = weights ?? tf.onesLike(y);
  const u = tf.square(tf.sub(y, predicted));
  const v = tf.square(tf.sub(y, tf.div(tf.sum(tf.mul(w, y)), tf.sum(w))));
  return tf.sub(1, tf.div(tf.sum(tf.mul(w, u)), tf.sum(tf.mul(w, v))));
}

/** A network that maps inputs to real-valued targets; trains with `mse` by default. */
export class Regressor extends Network {
  static override readonly KIND: string = 'regressor';

  /** R² of the predictions against `y` (weighted by `w` when given). */
  score(x: ArrayInput, y: ArrayInput, w?: ArrayInput, regularizers?: RegularizerArgs): number {
    const [input, target] = this.slots();
    const slots: Slot[] = [input, { ...target, role: 'target', name: 'targets', dtype: 'float32' }];
    if (w !== undefined) slots.push({ role: 'weights', name: 'weights', dtype: 'float32', shape: target.shape });
    return this.measure(w === undefined ? [x, y] : [x, y, w], slots, regularizers, (predicted, [, yt, wt]) =>
      rSquared(yt, predicted, wt),
    );
  }
}

/** A network whose softmax output gives class probabilities; trains with `xe` by default. */
export class Classifier extends Network {
  static override readonly DEFAULT_OUTPUT_ACTIVATION: string = 'softmax';
  static override readonly DEFAULT_LOSS: string = 'xe';
  static override readonly KIND: string = 'classifier';
  static override readonly NAMES_CLASSES: boolean = true;

  /** A name per class, when the model was given them (a CSV's class names, for instance). */
  readonly classNames?: readonly string[];

  constructor(layers: readonly LayerSpec[], options: NetworkOptions = {}) {
    super(layers, options);
    if (options.classNames === undefined) return;
    try {
      this.classNames = checkClassNames(options.classNames, this.outputSize);
    } catch (error) {
      // The layers were built already: free what this failed model made, but never layers the caller passed in.
      for (const layer of this.layers) if (!(layers as unknown[]).includes(layer)) layer.dispose();
      throw error;
    }
  }

  private get outputSize(): number {
    return this.layers[this.layers.length - 1].size;
  }

  /** The name of each example's most probable class; needs `classNames`. */
  predictNames(x: NetworkInput, regularizers?: RegularizerArgs): string[] {
    const names = this.classNames;
    if (!names) throw new ConfigurationError(messages.noClassNames());
    const predicted = this.predict(x, regularizers);
    const indices = Array.from(predicted.dataSync());
    predicted.dispose();
    return indices.map((index) => names[index]);
  }

  /** The most probable class of each example (int32). */
  override predict(x: NetworkInput, regularizers?: RegularizerArgs): tf.Tensor {
    const regs = this.regularizersFrom(regularizers);
    return tf.tidy(() => tf.argMax(this.output(this.feeds(x), regs), -1));
  }

  /** Class probabilities (the output layer's `:out`). */
  predictProba(x: NetworkInput, regularizers?: RegularizerArgs): tf.Tensor {
    return super.predict(x, regularizers);
  }

  /** Logits (the output layer's `:pre`). */
  predictLogit(x: NetworkInput, regularizers?: RegularizerArgs): tf.Tensor {
    const regs = this.regularizersFrom(regularizers);
    const name = this.layers[this.layers.length - 1].fullName('pre');
    return tf.tidy(() => tf.clone(this.output(this.feeds(x), regs, name)));
  }

  /** Accuracy of the predictions against integer labels (weighted by `w` when given). */
  score(x: ArrayInput, labels: ArrayInput, w?: ArrayInput, regularizers?: RegularizerArgs): number {
    const [input, target] = this.slots();
    const slots: Slot[] = [input, target];
    if (w !== undefined) slots.push({ role: 'weights', name: 'weights', dtype: 'float32', shape: target.shape });
    return this.measure(w === undefined ? [x, labels] : [x, labels, w], slots, regularizers, (output, [, yt, wt]) =>
      accuracy(output, yt, wt),
    );
  }

  protected override modelMonitors(outputs: Outputs, batch: readonly tf.Tensor[]): Array<[string, tf.Scalar]> {
    const loss = this.losses[0];
    if (!loss.labels) return [];
    const k = this.inputs.length;
    return [
      ['acc', accuracy(outputs.get(loss.outputName) as tf.Tensor, batch[k], loss.weighted ? batch[k + 1] : undefined)],
    ];
  }
}

/** Class names must be distinct strings, one per output. */
function checkClassNames(names: unknown, outputs: number): readonly string[] {
  const fine =
    Array.isArray(names) &&
    names.length === outputs &&
    names.every((name) => typeof name === 'string' && name !== '') &&
    new Set(names).size === names.length;
  if (!fine) throw new ConfigurationError(messages.badClassNames(JSON.stringify(names), outputs));
  return [...(names as string[])];
}

/** The (weighted) fraction of rows whose most probable class is the label. */
function accuracy(probabilities: tf.Tensor, labels: tf.Tensor, weights?: tf.Tensor): tf.Scalar {
  const correct = tf.cast(tf.equal(tf.argMax(probabilities, -1), labels), 'float32');
  if (!weights) return tf.mean(correct);
  return tf.div(tf.sum(tf.mul(correct, weights)), tf.sum(weights));
}

/** A network trained to reproduce its input; trains with `mse` against the input by default. */
export class Autoencoder extends Network {
  static override readonly KIND: string = 'autoencoder';

  protected override defaultLossOptions(): LossOptions {
    return { target: 'input' };
  }

  /** R² of the reconstruction against `x` (weighted by `w` when given). */
  score(x: ArrayInput, w?: ArrayInput, regularizers?: RegularizerArgs): number {
    const [input] = this.slots();
    const slots: Slot[] = [input];
    if (w !== undefined) slots.push({ role: 'weights', name: 'weights', dtype: 'float32', shape: input.shape });
    return this.measure(w === undefined ? [x] : [x, w], slots, regularizers, (predicted, [xt, wt]) =>
      rSquared(xt, predicted, wt),
    );
  }

  /** The output name for `layer`: a name, an index, or by default the middle layer's `:out`. */
  private outputFor(layer?: string | number): [string, Layer] {
    if (typeof layer === 'string' && layer.includes(':')) return [layer, this.layer(layer.split(':')[0])];
    const found = this.layer(layer ?? Math.floor(this.layers.length / 2));
    return [found.outputName, found];
  }

  /** The encoding of `x`: the output of `layer` (default: the middle layer). */
  encode(x: NetworkInput, layer?: string | number, regularizers?: RegularizerArgs): tf.Tensor {
    const [name] = this.outputFor(layer);
    const regs = this.regularizersFrom(regularizers);
    // A clone, so the result never aliases the caller's input (encode(x, 'in')).
    return tf.tidy(() => tf.clone(this.output(this.feeds(x), regs, name)));
  }

  /** The reconstruction from an encoding `z`, fed in place of the output of `layer` (default: the middle layer). */
  decode(z: ArrayInput, layer?: string | number): tf.Tensor {
    const [name, source] = this.outputFor(layer);
    const start = this.layers.indexOf(source) + 1;
    return tf.tidy(() => {
      const [zt] = this.prepare([z], [{ role: 'input', name: 'encoding', dtype: 'float32', shape: source.shape }]);
      const outputs: Outputs = new Map([[name, zt]]);
      for (const later of this.layers.slice(start)) {
        for (const input of later.inputs) {
          if (!outputs.has(input)) {
            throw new ConfigurationError(`Cannot decode from "${name}": layer "${later.name}" also reads "${input}".`);
          }
        }
        for (const [key, tensor] of later.connect(outputs, new Map())) outputs.set(key, tensor);
      }
      return tf.clone(outputs.get(this.outputName) as tf.Tensor);
    });
  }
}

modelKinds.set(Network.KIND, Network);
modelKinds.set(Regressor.KIND, Regressor);
modelKinds.set(Classifier.KIND, Classifier);
modelKinds.set(Autoencoder.KIND, Autoencoder);
