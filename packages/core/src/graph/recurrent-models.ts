import { ConfigurationError } from '../errors/errors';
import { messages } from '../errors/messages';
import { RandomState } from '../rng/random-state';
import { tf } from '../tf';
import * as feedforward from './models';
import { modelKinds } from './save';

/**
 * A regressor over sequences: inputs `[N, T, features]`, targets `[N, T,
 * outputs]` and weights of the targets' shape (0 masks a padded step).
 */
export class Regressor extends feedforward.Regressor {
  static override readonly SEQUENCES: boolean = true;
  static override readonly KIND: string = 'recurrent-regressor';
}

/** An autoencoder over sequences `[N, T, features]`. */
export class Autoencoder extends feedforward.Autoencoder {
  static override readonly SEQUENCES: boolean = true;
  static override readonly KIND: string = 'recurrent-autoencoder';
}

/** Options of `predictSequence`. */
export interface SequenceOptions {
  /** Seed or generator of the draws (default 13). */
  rng?: number | RandomState;
}

/**
 * A classifier over sequences: inputs `[N, T, features]`, one label per
 * step `[N, T]`, weights `[N, T]` (0 masks a padded step). `predict` gives
 * `[N, T]` labels and `predictProba` `[N, T, classes]`.
 */
export class Classifier extends feedforward.Classifier {
  static override readonly SEQUENCES: boolean = true;
  static override readonly KIND: string = 'recurrent-classifier';

  /**
   * Continues a sequence of labels one step at a time: the labels so far,
   * one-hot, go in, a label is drawn from the class probabilities of the last
   * step (as NumPy's `multinomial(1, p)` draws with the same seed), and is
   * appended. For models whose inputs are one-hot labels (character models).
   * With `streams`, that many independent continuations, one array each.
   */
  predictSequence(labels: readonly number[], steps: number, options?: SequenceOptions): number[];
  predictSequence(labels: readonly number[], steps: number, options: SequenceOptions & { streams: number }): number[][];
  predictSequence(
    labels: readonly number[],
    steps: number,
    options: SequenceOptions & { streams?: number } = {},
  ): number[] | number[][] {
    const width = this.inputs[0].size;
    const streams = options.streams ?? 1;
    checkSequenceRequest(labels, steps, streams, width);
    const rng = options.rng instanceof RandomState ? options.rng : new RandomState(options.rng ?? 13);
    const sequences = Array.from({ length: streams }, () => [...labels]);
    for (let step = 0; step < steps; step++) {
      const length = sequences[0].length;
      const probabilities = tf.tidy(() => {
        const oneHot = tf.oneHot(tf.tensor2d(sequences.flat(), [streams, length], 'int32'), width);
        const proba = this.predictProba(oneHot);
        return tf.squeeze(tf.slice(proba, [0, length - 1, 0], [streams, 1, -1]), [1]);
      });
      const rows = probabilities.arraySync() as number[][];
      probabilities.dispose();
      rows.forEach((row, s) => sequences[s].push(drawClass(row, rng)));
    }
    const continuations = sequences.map((sequence) => sequence.slice(labels.length));
    return options.streams === undefined ? continuations[0] : continuations;
  }
}

function checkSequenceRequest(labels: readonly number[], steps: number, streams: number, width: number): void {
  const bad = (what: string, fix: string): never => {
    throw new ConfigurationError(messages.badData('predictSequence', what, fix));
  };
  if (!Array.isArray(labels) || labels.length === 0) bad('needs at least one starting label', 'Pass e.g. [0].');
  const label = labels.findIndex((l) => !Number.isInteger(l) || l < 0 || l >= width);
  if (label >= 0)
    bad(`labels[${label}] is ${labels[label]}, not a class in [0, ${width - 1}]`, 'Start from valid labels.');
  if (!Number.isInteger(steps) || steps < 0) bad(`steps is ${steps}`, 'Ask for a whole number of steps, 0 or more.');
  if (!Number.isInteger(streams) || streams < 1) bad(`streams is ${streams}`, 'Ask for 1 or more streams.');
}

/**
 * One draw of NumPy's legacy `multinomial(1, p)`: a binomial trial per class
 * on the probability left; when the probabilities before the last sum to
 * more than 1 (rounding), NumPy refuses and theanets takes the most likely.
 */
function drawClass(p: readonly number[], rng: RandomState): number {
  const head = p.slice(0, -1).reduce((a, b) => a + b, 0);
  if (head > 1 + 1e-12) return p.indexOf(Math.max(...p));
  let remaining = 1;
  for (let k = 0; k < p.length - 1; k++) {
    if (rng.binomial(1, Math.min(1, Math.max(0, p[k] / remaining))) === 1) return k;
    remaining -= p[k];
  }
  return p.length - 1;
}

modelKinds.set(Regressor.KIND, Regressor);
modelKinds.set(Classifier.KIND, Classifier);
modelKinds.set(Autoencoder.KIND, Autoencoder);
