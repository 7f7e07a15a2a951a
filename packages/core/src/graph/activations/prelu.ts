import { tf } from '../../tf';
import { Activation, type ActivationHost } from './activation';

/** `max(x, 0) + leak * min(x, 0)` with a learned leak per unit, initialized to `0.1 |N(0, 1)|`. */
export class Prelu extends Activation {
  private readonly leak: tf.Variable;

  constructor(name: string, host: ActivationHost, argument?: string) {
    super(name, host, argument);
    this.leak = this.addParam(
      'leak',
      [host.size],
      host.rng.randn(host.size).map((v) => 0.1 * Math.abs(v)),
    );
  }

  apply(x: tf.Tensor): tf.Tensor {
    return tf.add(tf.relu(x), tf.mul(this.leak, tf.minimum(x, 0)));
  }
}

/** `gain * max(x, 0) + leak * min(x, 0)` with a learned gain and leak per unit. */
export class LGrelu extends Activation {
  private readonly gain: tf.Variable;
  private readonly leak: tf.Variable;

  constructor(name: string, host: ActivationHost, argument?: string) {
    super(name, host, argument);
    this.gain = this.addParam(
      'gain',
      [host.size],
      host.rng.randn(host.size).map((v) => 0.1 * Math.abs(v)),
    );
    this.leak = this.addParam(
      'leak',
      [host.size],
      host.rng.randn(host.size).map((v) => 0.1 * Math.abs(v)),
    );
  }

  apply(x: tf.Tensor): tf.Tensor {
    return tf.add(tf.mul(this.gain, tf.relu(x)), tf.mul(this.leak, tf.minimum(x, 0)));
  }
}
