import { dot } from '../../../ops/matmul';
import { tf } from '../../../tf';
import type { Outputs } from '../../outputs';
import { Recurrent, type RecurrentOptions } from './recurrent';
import { drawRates, rateForm, type RateForm } from './rrnn';

/** Options of an `scrn` layer. */
export interface SCRNOptions extends RecurrentOptions {
  /** `vector` (default: learned `sigmoid(r)`), `uniform` or `log` (fixed rates). */
  rate?: Exclude<RateForm, 'matrix'>;
  /** An output holding the initial context state `[N, size]`; zeros by default. */
  s_0?: string;
  /** Kept in the spec as theanets keeps it (default `floor(1 + sqrt(size))`); the state has `size` units. */
  context_size?: number;
}

/**
 * A structurally constrained recurrent network (Mikolov et al. 2015): a slow
 * context state `s_t = (1 - r) s_{t-1} + r x_t·w_s` beside a simple recurrent
 * state `h_t = activation(x_t·w_h + h_{t-1}·hh + s_t·sh)`, read out linearly
 * as `out = h·ho + s·so + b`. `w` holds `w_h` and `w_s` side by side.
 * Outputs `hid`, `state`, `rate`, `out`.
 */
export class SCRN extends Recurrent {
  declare readonly options: SCRNOptions;
  private rateKind: RateForm = 'vector';
  private fixedRates?: Float32Array;

  protected override get stateOptions(): string[] {
    return ['h_0', 's_0'];
  }

  protected createParams(inputSize: number): void {
    this.rateKind = rateForm(this, this.options.rate ?? 'vector', ['vector', 'uniform', 'log']);
    this.addBlockWeights('w', inputSize, 2 * this.size);
    for (const key of ['sh', 'hh', 'ho', 'so']) this.addBlockWeights(key, this.size, this.size);
    this.addBias('b', this.size);
    if (this.rateKind === 'vector') this.addBias('r', this.size);
    else this.fixedRates = drawRates(this, this.rateKind as 'uniform' | 'log', this.size);
    this.options.context_size ??= Math.floor(1 + Math.sqrt(this.size));
  }

  transform(inputs: Outputs): Record<string, tf.Tensor> {
    const x = this.sequence(inputs);
    const batch = x.shape[0];
    const weights = (key: string): tf.Tensor2D => this.find(key).variable as tf.Tensor2D;
    const rate =
      this.rateKind === 'vector' ? tf.sigmoid(this.find('r').variable) : tf.tensor1d(this.fixedRates as Float32Array);
    const [xh, xs] = tf.split(dot(x, weights('w')), 2, 2);
    const [hh, sh] = [weights('hh'), weights('sh')];
    const [pre, , state] = this.scan(
      [xh, xs],
      [undefined, this.initial(inputs, batch, 'h_0'), this.initial(inputs, batch, 's_0')],
      (_t, [xhT, xsT], [, previous, previousState]) => {
        const s = tf.add(tf.mul(tf.sub(1, rate), previousState as tf.Tensor), tf.mul(rate, xsT));
        const p = tf.add(tf.add(xhT, dot(previous as tf.Tensor, hh)), dot(s, sh));
        return [p, this.activate.apply(p), s];
      },
    );
    const hid = this.activate.apply(pre);
    const out = tf.add(tf.add(dot(hid, weights('ho')), dot(state, weights('so'))), this.find('b').variable);
    return { rate, state, hid, out };
  }
}
