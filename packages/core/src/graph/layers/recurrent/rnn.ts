import { ConfigurationError } from '../../../errors/errors';
import { messages } from '../../../errors/messages';
import { fusedCell } from '../../../ops/fused-cell';
import { dot } from '../../../ops/matmul';
import { tf } from '../../../tf';
import type { Outputs } from '../../outputs';
import { Recurrent, type RecurrentOptions } from './recurrent';

/**
 * The simple (Elman) recurrent layer: `pre_t = x_t·xh + h_{t-1}·hh + b`,
 * `h_t = activation(pre_t)`. Parameters `xh`, `hh`, `b`; outputs `pre`, `out`.
 */
export class RNN extends Recurrent {
  protected createParams(inputSize: number): void {
    this.addBlockWeights('xh', inputSize, this.size);
    this.addBlockWeights('hh', this.size, this.size);
    this.addBias('b', this.size);
  }

  /** Whether the fused rnn kernel computes this layer (not for the masked and mixed variants). */
  protected get fusable(): boolean {
    return true;
  }

  /** The recurrent weights as the step uses them (masked in block-structured layers). */
  protected recurrentWeights(): tf.Tensor2D {
    return this.find('hh').variable as tf.Tensor2D;
  }

  transform(inputs: Outputs): Record<string, tf.Tensor> {
    const x = this.sequence(inputs);
    const projected = tf.add(dot(x, this.find('xh').variable as tf.Tensor2D), this.find('b').variable);
    const h0 = this.initial(inputs, x.shape[0]);
    const fused = this.fusable ? this.fusion('rnn', x.shape[1]) : undefined;
    if (fused) {
      const [pre, out] = fusedCell('rnn', [projected, this.find('hh').variable, h0], fused);
      return { pre, out };
    }
    const hh = this.recurrentWeights();
    const [pre, out] = this.scan([projected], [h0, h0], (t, [xt], [preTm1, hTm1]) => {
      const candidate = tf.add(xt, dot(hTm1 as tf.Tensor, hh));
      const next = this.mix(t, candidate, preTm1 as tf.Tensor);
      return [next, this.activate.apply(next)];
    });
    return { pre, out };
  }

  /** The pre-activation kept at step `t` (all of the new one in a plain RNN). */
  protected mix(_t: number, candidate: tf.Tensor, _previous: tf.Tensor): tf.Tensor {
    return candidate;
  }
}

/** `size / count` units per module: the mask that lets module j read modules i >= j (`mask[i*n:, j*n:(j+1)*n] = 1`). */
function cascadeMask(size: number, modules: number): tf.Tensor2D {
  const n = size / modules;
  const mask = new Float32Array(size * size);
  for (let m = 0; m < modules; m++) {
    for (let row = m * n; row < size; row++) mask.fill(1, row * size + m * n, row * size + (m + 1) * n);
  }
  return tf.tensor2d(mask, [size, size]);
}

function checkModules(layer: Recurrent, option: string, count: number): void {
  if (layer.size % count !== 0) {
    throw new ConfigurationError(
      messages.badRecurrentOption(
        layer.name,
        option,
        String(count),
        `the size ${layer.size} is not a multiple of ${count} modules`,
      ),
    );
  }
}

/** Options of a clockwork layer. */
export interface ClockworkOptions extends RecurrentOptions {
  /** One period per module (sorted ascending); the size must be a multiple of their count. */
  periods: number[];
}

/**
 * A clockwork RNN: the units form modules, module i updates only at steps
 * where `t % periods[i] == 0` (keeping its previous pre-activation
 * otherwise), and reads only modules at least as slow as itself.
 */
export class Clockwork extends RNN {
  declare readonly options: ClockworkOptions;
  private periods: number[] = [];

  protected override createParams(inputSize: number): void {
    const periods = this.options.periods;
    if (!Array.isArray(periods) || periods.length === 0 || periods.some((p) => !Number.isInteger(p) || p < 1)) {
      throw new ConfigurationError(
        messages.badRecurrentOption(this.name, 'periods', JSON.stringify(periods), 'give a list of positive integers'),
      );
    }
    this.periods = [...periods].sort((a, b) => a - b);
    checkModules(this, 'periods', this.periods.length);
    super.createParams(inputSize);
  }

  protected override get fusable(): boolean {
    return false;
  }

  protected override recurrentWeights(): tf.Tensor2D {
    return tf.mul(super.recurrentWeights(), cascadeMask(this.size, this.periods.length));
  }

  protected override mix(t: number, candidate: tf.Tensor, previous: tf.Tensor): tf.Tensor {
    const n = this.size / this.periods.length;
    const active = new Float32Array(this.size);
    this.periods.forEach((period, m) => active.fill(t % period === 0 ? 1 : 0, m * n, (m + 1) * n));
    const gate = tf.tensor1d(active);
    return tf.add(tf.mul(gate, candidate), tf.mul(tf.sub(1, gate), previous));
  }
}

/** Options of a blocked cascading RNN. */
export interface BCRNNOptions extends RecurrentOptions {
  /** Number of modules; the size must be a multiple of it. */
  num_modules: number;
}

/**
 * A blocked cascading RNN: the recurrent weights are masked block-triangularly
 * as in `clockwork`, and module i keeps a fixed share `rate_i` of its previous
 * pre-activation, with rates `1 - logspace(-1e-4, -6, modules)`.
 */
export class BCRNN extends RNN {
  declare readonly options: BCRNNOptions;
  private rates?: Float32Array;

  protected override createParams(inputSize: number): void {
    const modules = this.options.num_modules;
    if (!Number.isInteger(modules) || modules < 1) {
      throw new ConfigurationError(
        messages.badRecurrentOption(this.name, 'num_modules', String(modules), 'give a positive integer'),
      );
    }
    checkModules(this, 'num_modules', modules);
    const n = this.size / modules;
    this.rates = new Float32Array(this.size);
    for (let m = 0; m < modules; m++) {
      const exponent = modules === 1 ? -1e-4 : -1e-4 + ((-6 + 1e-4) * m) / (modules - 1);
      this.rates.fill(1 - 10 ** exponent, m * n, (m + 1) * n);
    }
    super.createParams(inputSize);
  }

  protected override get fusable(): boolean {
    return false;
  }

  protected override recurrentWeights(): tf.Tensor2D {
    return tf.mul(super.recurrentWeights(), cascadeMask(this.size, this.options.num_modules));
  }

  protected override mix(_t: number, candidate: tf.Tensor, previous: tf.Tensor): tf.Tensor {
    const rates = tf.tensor1d(this.rates as Float32Array);
    return tf.add(tf.mul(rates, previous), tf.mul(tf.sub(1, rates), candidate));
  }
}
