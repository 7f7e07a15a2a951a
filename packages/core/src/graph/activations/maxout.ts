import { ConfigurationError } from '../../errors/errors';
import { tf } from '../../tf';
import { Activation, type ActivationHost } from './activation';

/**
 * `maxout:K`: each unit takes the largest of K learned lines,
 * `max_k slope[i, k] * x_i + intercept[i, k]`.
 */
export class Maxout extends Activation {
  readonly pieces: number;
  private readonly slope: tf.Variable;
  private readonly intercept: tf.Variable;

  constructor(name: string, host: ActivationHost, argument?: string) {
    super(name, host, argument);
    const pieces = Number(argument);
    if (!Number.isInteger(pieces) || pieces < 1) {
      throw new ConfigurationError(
        `Layer "${host.name}": activation "${name}" needs a whole number of pieces, as in "maxout:3".`,
      );
    }
    this.pieces = pieces;
    const count = host.size * pieces;
    this.slope = this.addParam('slope', [host.size, pieces], host.rng.randn(count));
    this.intercept = this.addParam('intercept', [host.size, pieces], host.rng.randn(count));
  }

  apply(x: tf.Tensor): tf.Tensor {
    return tf.max(tf.add(tf.mul(tf.expandDims(x, -1), this.slope), this.intercept), -1);
  }
}
