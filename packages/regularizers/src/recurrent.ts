import { Regularizer, RegularizerError, tf, type Layer, type NetworkNames, type Outputs } from '@tsnets/core';
import { matchedOutputs } from './layer-outputs';
import { regularizerMessages } from './messages';

/**
 * A penalty on how a recurrent output changes from one time step to the
 * next. The outputs are chosen by a required `pattern` (theanets requires
 * one too): the graph holds many sequence outputs (`pre`, `cell`, `rate`,
 * ...) and a default would rarely be the one meant.
 */
abstract class StepPenalty extends Regularizer {
  static override readonly optionNames: readonly string[] = [];

  override bind(network: NetworkNames): void {
    if (this.pattern === undefined) throw new RegularizerError(this.id, regularizerMessages.needsPattern(this.id));
    this.match(network.outputs, this.pattern, 'outputs');
  }

  /** The penalty of one sequence output `[N, T, units]` with `T >= 2`. */
  protected abstract penalty(sequence: tf.Tensor3D): tf.Scalar;

  override loss(_layers: readonly Layer[], outputs: Outputs): tf.Scalar {
    const terms = matchedOutputs(this.id, this.matched, outputs).map(([name, value]) => {
      if (value.rank !== 3) {
        throw new RegularizerError(this.id, regularizerMessages.notSequence(this.id, name, value.shape));
      }
      // One step has no change to penalize.
      return (value.shape[1] as number) < 2 ? tf.scalar(0) : this.penalty(value as tf.Tensor3D);
    });
    return tf.div(tf.addN(terms), terms.length);
  }
}

/** `z[:, 1:]` and `z[:, :-1]`: each step beside the one before it. */
function successive(z: tf.Tensor3D): [tf.Tensor3D, tf.Tensor3D] {
  const [n, t, units] = z.shape;
  return [tf.slice(z, [0, 1, 0], [n, t - 1, units]), tf.slice(z, [0, 0, 0], [n, t - 1, units])];
}

/**
 * Penalizes changes of the squared norm of a recurrent state between steps
 * (`recurrent_norm`; a `pattern` is required).
 *
 * Loss term, over the matched outputs Ω (each `[N, T, units]`):
 *
 *     R = 1/|Ω| · Σ_{Z ∈ Ω} mean_{n, t ≥ 1} ( ‖Z[n, t]‖² − ‖Z[n, t−1]‖² )²
 *
 * In practice the state's norm stays near constant over time, which keeps
 * activations from exploding or dying away over long sequences; the
 * direction of the state is free to change.
 *
 * @example
 * await net.train(data, { recurrent_norm: { weight: 0.1, pattern: 'hid1:out' } });
 * net.predict(x, { recurrent_norm: { weight: 0.1, pattern: 'hid1:out' } });  // accepted; no effect on predictions
 *
 * Reference: D. Krueger & R. Memisevic (2016), "Regularizing RNNs by
 * Stabilizing Activations", ICLR. (theanets documents this formula; its code
 * averages the unsquared differences of the norms, which telescope, and is
 * not followed here.)
 */
export class RecurrentNorm extends StepPenalty {
  static override readonly summary: string = 'squared change of the state norm between time steps (pattern required)';

  protected penalty(z: tf.Tensor3D): tf.Scalar {
    const norms = tf.sum(tf.square(z), -1, true) as tf.Tensor3D;
    const [later, earlier] = successive(norms);
    return tf.mean(tf.square(tf.sub(later, earlier)));
  }
}

/**
 * Penalizes changes of a recurrent state between steps (`recurrent_state`;
 * a `pattern` is required).
 *
 * Loss term, over the matched outputs Ω (each `[N, T, units]`), the mean
 * taken over examples, step pairs and units as theanets' code takes it:
 *
 *     R = 1/|Ω| · Σ_{Z ∈ Ω} mean_{n, t ≥ 1, k} ( Z[n, t, k] − Z[n, t−1, k] )²
 *
 * In practice the state changes only where the data demands it, a prior of
 * slow features.
 *
 * @example
 * await net.train(data, { recurrent_state: { weight: 0.1, pattern: 'hid1:out' } });
 *
 * Reference: theanets' `RecurrentState`; the same prior as slow feature
 * analysis (L. Wiskott & T. Sejnowski 2002, Neural Computation 14(4)).
 */
export class RecurrentState extends StepPenalty {
  static override readonly summary: string = 'squared change of the state between time steps (pattern required)';

  protected penalty(z: tf.Tensor3D): tf.Scalar {
    const [later, earlier] = successive(z);
    return tf.mean(tf.square(tf.sub(later, earlier)));
  }
}
