import { fusedCell } from '../../../ops/fused-cell';
import { dot } from '../../../ops/matmul';
import { tf } from '../../../tf';
import type { Outputs } from '../../outputs';
import { Recurrent } from './recurrent';

const weights = (layer: Recurrent, key: string): tf.Tensor2D => layer.find(key).variable as tf.Tensor2D;

/** `(1 - z) h + z candidate`: the gated mix of the previous state and the new one. */
function interpolate(z: tf.Tensor, previous: tf.Tensor, candidate: tf.Tensor): tf.Tensor {
  return tf.add(tf.mul(tf.sub(1, z), previous), tf.mul(z, candidate));
}

/**
 * The gated recurrent unit: reset `r = σ(x·w_r + b_r + h·hr)`, rate
 * `z = σ(x·w_z + b_z + h·hz)`, `pre = x·w_h + b_h + (r h)·hh`,
 * `h_t = (1 - z) h_{t-1} + z activation(pre)`. `w` and `b` hold the hidden,
 * reset and rate parts side by side. Outputs `pre`, `hid`, `rate`, `out`.
 */
export class GRU extends Recurrent {
  protected createParams(inputSize: number): void {
    this.addBlockWeights('hh', this.size, this.size);
    this.addBlockWeights('hr', this.size, this.size);
    this.addBlockWeights('hz', this.size, this.size);
    this.addBlockWeights('w', inputSize, 3 * this.size);
    this.addBias('b', 3 * this.size);
  }

  transform(inputs: Outputs): Record<string, tf.Tensor> {
    const x = this.sequence(inputs);
    const projected = tf.add(dot(x, weights(this, 'w')), this.find('b').variable);
    const h0 = this.initial(inputs, x.shape[0]);
    const fused = this.fusion('gru', x.shape[1]);
    if (fused) {
      const [hh, hr, hz] = ['hh', 'hr', 'hz'].map((key) => this.find(key).variable);
      const [pre, hid, rate, out] = fusedCell('gru', [projected, hh, hr, hz, h0], fused);
      return { pre, hid, rate, out };
    }
    const [xh, xr, xz] = tf.split(projected, 3, 2);
    const [hh, hr, hz] = [weights(this, 'hh'), weights(this, 'hr'), weights(this, 'hz')];
    const [pre, hid, rate, out] = this.scan(
      [xh, xr, xz],
      [undefined, undefined, undefined, h0],
      (_t, [hT, rT, zT], [, , , previous]) => {
        const h = previous as tf.Tensor;
        const r = tf.sigmoid(tf.add(rT, dot(h, hr)));
        const z = tf.sigmoid(tf.add(zT, dot(h, hz)));
        const p = tf.add(hT, dot(tf.mul(r, h), hh));
        const candidate = this.activate.apply(p);
        return [p, candidate, z, interpolate(z, h, candidate)];
      },
    );
    return { pre, hid, rate, out };
  }
}

/**
 * MUT1 (Jozefowicz et al. 2015): rate `z = σ(x·xz + bz)` from the input
 * alone, reset `r = σ(x·xr + br + h·hr)`, `pre = tanh(x·xh + bh) + (r h)·hh`,
 * `h_t = (1 - z) h_{t-1} + z tanh(pre)`. Always tanh. Outputs `pre`, `hid`,
 * `rate`, `out`.
 */
export class MUT1 extends Recurrent {
  protected createParams(inputSize: number): void {
    for (const key of ['xh', 'xr', 'xz']) this.addBlockWeights(key, inputSize, this.size);
    this.addBlockWeights('hh', this.size, this.size);
    this.addBlockWeights('hr', this.size, this.size);
    for (const key of ['bh', 'br', 'bz']) this.addBias(key, this.size);
  }

  transform(inputs: Outputs): Record<string, tf.Tensor> {
    const x = this.sequence(inputs);
    const affine = (w: string, b: string): tf.Tensor => tf.add(dot(x, weights(this, w)), this.find(b).variable);
    const rate = tf.sigmoid(affine('xz', 'bz'));
    const h0 = this.initial(inputs, x.shape[0]);
    const [hh, hr] = [weights(this, 'hh'), weights(this, 'hr')];
    const [pre, hid, out] = this.scan(
      [tf.tanh(affine('xh', 'bh')), affine('xr', 'br'), rate],
      [undefined, undefined, h0],
      (_t, [xT, rT, z], [, , previous]) => {
        const h = previous as tf.Tensor;
        const r = tf.sigmoid(tf.add(rT, dot(h, hr)));
        const p = tf.add(xT, dot(tf.mul(r, h), hh));
        const candidate = tf.tanh(p);
        return [p, candidate, interpolate(z, h, candidate)];
      },
    );
    return { pre, hid, rate, out };
  }
}
