import { Regularizer, meanPower, tf, type Layer, type NetworkNames, type Outputs } from '@tsnets/core';
import { layerOutputs, matchedOutputs } from './layer-outputs';

/**
 * Penalizes the absolute activation of hidden layers (`hidden_l1`, alias
 * `hidden_sparsity`).
 *
 * Loss term, over the set Ω of matched outputs (default: every hidden
 * layer's `:out`, hidden meaning neither an input nor the last layer):
 *
 *     R = 1/|Ω| · Σ_{Z ∈ Ω} mean(|Z|)
 *
 * In practice it drives hidden activations to zero: a unit fires only where
 * that lowers the data loss, so the model covers its data with few active
 * features, and features often repeat with small variations to tile the
 * input space.
 *
 * @example
 * await net.train(data, { hidden_l1: 0.1 });                                   // every hidden layer
 * await net.train(data, { hidden_sparsity: { weight: 0.1, pattern: 'hid3:out' } }); // one output
 * net.predict(x, { hidden_l1: 0.1 });  // accepted; a penalty does not change predictions
 *
 * Reference: A. Ng (2011), "Sparse Autoencoder", Stanford CS294A lecture
 * notes.
 */
export class HiddenL1 extends Regularizer {
  /** One line for listings and the command line's help. */
  static override readonly summary: string = 'mean absolute activation of the hidden layers, times the weight';

  /** Options besides weight, pattern and rng. */
  static override readonly optionNames: readonly string[] = [];

  /** Matches the outputs (default: the hidden layers' `:out`). */
  override bind(network: NetworkNames): void {
    this.match(network.outputs, this.pattern ?? layerOutputs(network, 'hidden', this.id), 'outputs');
  }

  /** The mean over the bound outputs of `mean(|Z|)` (one fused kernel each where the backend has it). */
  override loss(_layers: readonly Layer[], outputs: Outputs): tf.Scalar {
    const terms = matchedOutputs(this.id, this.matched, outputs).map(([, value]) => meanPower(value, 1));
    return tf.div(tf.addN(terms), terms.length);
  }
}
