import { ConfigurationError } from '../../errors/errors';
import { dot } from '../../ops/matmul';
import { tf } from '../../tf';
import type { Outputs } from '../outputs';
import { Layer } from './layer';

/**
 * An affine transform of its inputs followed by the activation:
 * `pre = sum_i x_i · w_i + b`, `out = activation(pre)`. With one input the
 * weight is `w`; with several, `w_<input>` (e.g. `w_hid1:out`).
 */
export class Feedforward extends Layer {
  override setup(): void {
    if (!this.size) throw new ConfigurationError(`Layer "${this.name}" (${this.form}) needs a size.`);
    const first = this.inputShape(this.inputs[0]);
    this.shape = [...first.slice(0, -1), this.size];
    for (const [name, layer] of this.resolved) {
      this.addWeights(this.weightKey(name), layer.size, this.size);
    }
    this.addBias('b', this.size);
  }

  transform(inputs: Outputs): Record<string, tf.Tensor> {
    let pre: tf.Tensor | undefined;
    for (const name of this.inputs) {
      const product = dot(inputs.get(name) as tf.Tensor, this.find(this.weightKey(name)).variable as tf.Tensor2D);
      pre = pre ? tf.add(pre, product) : product;
    }
    pre = tf.add(pre as tf.Tensor, this.find('b').variable);
    return { pre, out: this.activate.apply(pre) };
  }

  private weightKey(input: string): string {
    return this.inputs.length === 1 ? 'w' : `w_${input}`;
  }
}

/** A feedforward layer with a softmax activation, the usual classifier output. */
export class Classifier extends Feedforward {
  constructor(options: ConstructorParameters<typeof Feedforward>[0]) {
    super({ ...options, activation: 'softmax' });
  }
}
