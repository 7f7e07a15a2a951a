import { ConfigurationError } from '../../../errors/errors';
import { messages } from '../../../errors/messages';
import { dot } from '../../../ops/matmul';
import { tf } from '../../../tf';
import type { Outputs } from '../../outputs';
import { Recurrent, type RecurrentOptions } from './recurrent';

/** Options of an `mrnn` layer. */
export interface MRNNOptions extends RecurrentOptions {
  /** Number of factors (default `ceil(sqrt(size))`). */
  factors?: number;
}

/**
 * A multiplicative RNN (Sutskever et al. 2011): the input gates factors of
 * the recurrent dynamics, `pre_t = x_t·xh + b + ((x_t·xf) (h_{t-1}·hf))·fh`,
 * `h_t = activation(pre_t)`. Outputs `pre`, `factors` (`x·xf`) and `out`.
 */
export class MRNN extends Recurrent {
  declare readonly options: MRNNOptions;

  /** The number of factors. */
  get factors(): number {
    return this.options.factors ?? Math.ceil(Math.sqrt(this.size));
  }

  protected createParams(inputSize: number): void {
    const factors = this.factors;
    if (!Number.isInteger(factors) || factors < 1) {
      throw new ConfigurationError(
        messages.badRecurrentOption(this.name, 'factors', String(factors), 'give a positive integer'),
      );
    }
    this.addBlockWeights('xh', inputSize, this.size);
    this.addBlockWeights('xf', inputSize, factors);
    this.addBlockWeights('hf', this.size, factors);
    this.addBlockWeights('fh', factors, this.size);
    this.addBias('b', this.size);
  }

  transform(inputs: Outputs): Record<string, tf.Tensor> {
    const x = this.sequence(inputs);
    const weights = (key: string): tf.Tensor2D => this.find(key).variable as tf.Tensor2D;
    const projected = tf.add(dot(x, weights('xh')), this.find('b').variable);
    const factors = dot(x, weights('xf'));
    const [hf, fh] = [weights('hf'), weights('fh')];
    const [pre, out] = this.scan(
      [projected, factors],
      [undefined, this.initial(inputs, x.shape[0])],
      (_t, [xt, ft], [, previous]) => {
        const p = tf.add(xt, dot(tf.mul(ft, dot(previous as tf.Tensor, hf)), fh));
        return [p, this.activate.apply(p)];
      },
    );
    return { pre, factors, out };
  }
}
