import { fusedCell } from '../../../ops/fused-cell';
import { dot } from '../../../ops/matmul';
import { tf } from '../../../tf';
import type { Outputs } from '../../outputs';
import { Recurrent, type RecurrentOptions } from './recurrent';

/** Options of an `lstm` layer. */
export interface LSTMOptions extends RecurrentOptions {
  /** An output holding the initial cell state `[N, size]`; zeros by default. */
  c_0?: string;
}

/**
 * Long short-term memory with peepholes (Graves 2013), as theanets has it:
 *
 *     i = σ(x·xh_i + h·hh_i + b_i + c_{t-1} ci)
 *     f = σ(x·xh_f + h·hh_f + b_f + c_{t-1} cf)
 *     c_t = f c_{t-1} + i tanh(x·xh_c + h·hh_c + b_c)
 *     o = σ(x·xh_o + h·hh_o + b_o + c_t co)
 *     h_t = o tanh(c_t)
 *
 * `xh`, `hh` and `b` hold the input, forget, cell and output parts side by
 * side; `b` starts near 2 (mean 2), so gates start mostly open. The peephole
 * weights `ci`, `cf`, `co` are vectors. Outputs `out` and `cell`.
 */
export class LSTM extends Recurrent {
  declare readonly options: LSTMOptions;

  protected override get stateOptions(): string[] {
    return ['h_0', 'c_0'];
  }

  protected createParams(inputSize: number): void {
    this.addBlockWeights('xh', inputSize, 4 * this.size);
    this.addBlockWeights('hh', this.size, 4 * this.size);
    this.addBias('b', 4 * this.size, 2);
    for (const key of ['ci', 'cf', 'co']) this.addBias(key, this.size);
  }

  transform(inputs: Outputs): Record<string, tf.Tensor> {
    const x = this.sequence(inputs);
    const batch = x.shape[0];
    const projected = tf.add(dot(x, this.find('xh').variable as tf.Tensor2D), this.find('b').variable);
    const hh = this.find('hh').variable as tf.Tensor2D;
    const [ci, cf, co] = ['ci', 'cf', 'co'].map((key) => this.find(key).variable);
    const [h0, c0] = [this.initial(inputs, batch, 'h_0'), this.initial(inputs, batch, 'c_0')];
    const fused = this.fusion('lstm', x.shape[1]);
    if (fused) {
      const [out, cell] = fusedCell('lstm', [projected, hh, ci, cf, co, h0, c0], fused);
      return { out, cell };
    }
    const [out, cell] = this.scan([projected], [h0, c0], (_t, [xt], [previous, previousCell]) => {
      const c = previousCell as tf.Tensor;
      const [xi, xf, xc, xo] = tf.split(tf.add(xt, dot(previous as tf.Tensor, hh)), 4, 1);
      const i = tf.sigmoid(tf.add(xi, tf.mul(c, ci)));
      const f = tf.sigmoid(tf.add(xf, tf.mul(c, cf)));
      const cT = tf.add(tf.mul(f, c), tf.mul(i, tf.tanh(xc)));
      const o = tf.sigmoid(tf.add(xo, tf.mul(cT, co)));
      return [tf.mul(o, tf.tanh(cT)), cT];
    });
    return { out, cell };
  }
}
