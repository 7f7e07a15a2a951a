import { ConfigurationError } from '../../../errors/errors';
import { messages } from '../../../errors/messages';
import { dot } from '../../../ops/matmul';
import { tf } from '../../../tf';
import type { Outputs } from '../../outputs';
import { Recurrent, type RecurrentOptions } from './recurrent';

/** How an `rrnn` or `scrn` layer represents its rates. */
export type RateForm = 'matrix' | 'vector' | 'uniform' | 'log';
const RATE_FORMS: readonly string[] = ['matrix', 'vector', 'uniform', 'log'];

/** Checks a `rate` option against the forms a layer allows. */
export function rateForm(layer: Recurrent, value: unknown, allowed: readonly string[] = RATE_FORMS): RateForm {
  const form = typeof value === 'string' ? value.toLowerCase().trim() : value;
  if (typeof form !== 'string' || !allowed.includes(form)) {
    throw new ConfigurationError(
      messages.badRecurrentOption(layer.name, 'rate', String(value), `the rate forms are ${allowed.join(', ')}`),
    );
  }
  return form as RateForm;
}

/**
 * Fixed rates drawn from the layer's generator: `uniform` in (1e-4, 1 - 1e-4),
 * `log` as `exp(uniform(-6, -1e-4))` (few rates near 0, many near 1).
 */
export function drawRates(layer: Recurrent, form: 'uniform' | 'log', size: number): Float32Array {
  const eps = 1e-4;
  const draws = layer.rng.rand(size);
  return Float32Array.from(draws, (u) => (form === 'uniform' ? eps + (1 - 2 * eps) * u : Math.exp(-6 + (6 - eps) * u)));
}

/** Options of an `rrnn` layer. */
export interface RRNNOptions extends RecurrentOptions {
  /** `matrix` (default: rates from the input, `sigmoid(x·xr + r)`), `vector` (learned `sigmoid(r)`), `uniform` or `log` (fixed). */
  rate?: RateForm;
}

/**
 * An RNN with an update rate per unit: `h_t = (1 - z_t) h_{t-1} + z_t
 * activation(x_t·xh + h_{t-1}·hh + b)`. Outputs `pre`, `hid` (before the
 * mix), `rate` and `out`.
 */
export class RRNN extends Recurrent {
  declare readonly options: RRNNOptions;
  private rateKind: RateForm = 'matrix';
  private fixedRates?: Float32Array;

  protected createParams(inputSize: number): void {
    this.rateKind = rateForm(this, this.options.rate ?? 'matrix');
    this.addBlockWeights('xh', inputSize, this.size);
    this.addBlockWeights('hh', this.size, this.size);
    this.addBias('b', this.size);
    if (this.rateKind === 'vector' || this.rateKind === 'matrix') {
      this.addBias('r', this.size);
      if (this.rateKind === 'matrix') this.addBlockWeights('xr', inputSize, this.size);
    } else {
      this.fixedRates = drawRates(this, this.rateKind, this.size);
    }
  }

  transform(inputs: Outputs): Record<string, tf.Tensor> {
    const x = this.sequence(inputs);
    const projected = tf.add(dot(x, this.find('xh').variable as tf.Tensor2D), this.find('b').variable);
    const hh = this.find('hh').variable as tf.Tensor2D;
    const h0 = this.initial(inputs, x.shape[0]);
    let rate: tf.Tensor;
    const sequences = [projected];
    if (this.rateKind === 'matrix') {
      rate = tf.sigmoid(tf.add(dot(x, this.find('xr').variable as tf.Tensor2D), this.find('r').variable));
      sequences.push(rate);
    } else {
      rate =
        this.rateKind === 'vector' ? tf.sigmoid(this.find('r').variable) : tf.tensor1d(this.fixedRates as Float32Array);
    }
    const [pre, hid, out] = this.scan(sequences, [undefined, undefined, h0], (_t, [xt, rt], [, , hTm1]) => {
      const z = rt ?? rate;
      const p = tf.add(xt, dot(hTm1 as tf.Tensor, hh));
      const h = this.activate.apply(p);
      return [p, h, tf.add(tf.mul(tf.sub(1, z), hTm1 as tf.Tensor), tf.mul(z, h))];
    });
    return { pre, hid, rate, out };
  }
}
