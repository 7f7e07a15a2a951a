import { RegularizerError, tf, type NetworkNames, type Pattern, type RegularizerOptions } from '@tsnets/core';
import { BernoulliDropout } from './bernoulli-dropout';
import { regularizerMessages } from './messages';
import { levelOptions } from './output-rewrite';

/**
 * Drops whole feature maps (`spatial_dropout`): for each example, each
 * channel of a matched output `[N, ..., channels]` is kept or zeroed as a
 * whole, like Keras' SpatialDropout1D/2D. By default it acts on the
 * hidden layers whose outputs are feature maps (convolution and pooling
 * layers, and any layer with an axis besides its units).
 *
 * No loss term of its own: each matched output `Z` becomes
 *
 *     Z ⊙ ρ / (1 − p),   ρ[n, k] ~ Bernoulli(1 − p), the same at every position
 *
 * with p the keyword's value (`rate`, in [0, 1)) in every training step;
 * the clean value stays as `NAME-predrop`.
 *
 * In practice neighbouring positions of a feature map are strongly
 * correlated, so dropping single values (plain dropout) hardly regularizes
 * a convolution layer; dropping the whole map does. Training steps only.
 *
 * @example
 * await net.train(data, { spatial_dropout: 0.2 });
 * await net.train(data, { spatial_dropout: { rate: 0.3, pattern: 'hid1:out' } });
 *
 * Reference: J. Tompson, R. Goroshin, A. Jain, Y. LeCun & C. Bregler (2015),
 * "Efficient object localization using convolutional networks," CVPR.
 */
export class SpatialDropout extends BernoulliDropout {
  /** One line for listings and the command line's help. */
  static override readonly summary: string = 'dropout of whole feature maps of the hidden layers, in training steps';

  /** Options besides weight, pattern and rng. */
  static override readonly optionNames: readonly string[] = ['rate'];

  /** A number is the rate; an object holds the options (`{ rate, pattern, rng }`). */
  static override fromValue(value: unknown): RegularizerOptions[] {
    return levelOptions('rate', value);
  }

  /** The hidden layers whose outputs are feature maps. */
  protected override defaultTargets(network: NetworkNames): Pattern {
    const last = network.layers.length - 1;
    const maps = network.layers.filter((layer, i) => i > 0 && i < last && layer.shape.length > 1);
    if (maps.length === 0) {
      throw new RegularizerError(this.id, regularizerMessages.noDefaultTargets(this.id, 'hidden feature maps'));
    }
    return maps.map((layer) => layer.outputName);
  }

  /** Matches the outputs, then checks each is a feature map, before any work. */
  override bind(network: NetworkNames): void {
    super.bind(network);
    for (const name of this.matched) {
      const layer = network.layers.find((candidate) => candidate.name === name.split(':')[0]);
      if (layer && layer.shape.length < 2) {
        throw new RegularizerError(this.id, regularizerMessages.notFeatureMaps(this.id, name, layer.shape));
      }
    }
  }

  /** One draw per example and channel, broadcast over the positions. */
  protected override rewrite(value: tf.Tensor): tf.Tensor {
    const keep = 1 - this.level;
    const shape = value.shape.map((d, axis) => (axis === 0 || axis === value.rank - 1 ? d : 1));
    const uniform = tf.randomUniform(shape, 0, 1, 'float32', this.seed());
    const mask = tf.cast(tf.less(uniform, keep), 'float32');
    return tf.mul(value, tf.div(mask, keep));
  }
}
