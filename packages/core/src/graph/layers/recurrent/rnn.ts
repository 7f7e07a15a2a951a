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

/**
 * An RNN whose units form equal modules, module j reading only the modules
 * at or after it (the recurrent weights masked block-triangularly:
 * `mask[i*n:, j*n:(j+1)*n] = 1`), and keeping part of its previous
 * pre-activation by a rule of the subclass (`mix`). Runs step by step: the
 * fused rnn kernel has neither the mask nor the mix.
 */
abstract class CascadeRNN extends RNN {
  /** The option that sets the modules, for errors (`periods`, `num_modules`). */
  protected abstract readonly modulesOption: string;
  /** The number of modules, from the options; checked against the size before any parameter is drawn. */
  protected abstract readModules(): number;
  protected modules = 1;

  protected override createParams(inputSize: number): void {
    this.modules = this.readModules();
    if (this.size % this.modules !== 0) {
      throw new ConfigurationError(
        messages.badRecurrentOption(
          this.name,
          this.modulesOption,
          String(this.modules),
          `the size ${this.size} is not a multiple of ${this.modules} modules`,
        ),
      );
    }
    super.createParams(inputSize);
  }

  protected override get fusable(): boolean {
    return false;
  }

  protected override recurrentWeights(): tf.Tensor2D {
    const [size, n] = [this.size, this.size / this.modules];
    const mask = new Float32Array(size * size);
    for (let m = 0; m < this.modules; m++) {
      for (let row = m * n; row < size; row++) mask.fill(1, row * size + m * n, row * size + (m + 1) * n);
    }
    return tf.mul(super.recurrentWeights(), tf.tensor2d(mask, [size, size]));
  }

  /** A value per unit, constant within each module: `perModule(m)` for module m. */
  protected unitValues(perModule: (m: number) => number): Float32Array {
    const n = this.size / this.modules;
    const values = new Float32Array(this.size);
    for (let m = 0; m < this.modules; m++) values.fill(perModule(m), m * n, (m + 1) * n);
    return values;
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
export class Clockwork extends CascadeRNN {
  declare readonly options: ClockworkOptions;
  protected readonly modulesOption = 'periods';
  private periods: number[] = [];

  protected readModules(): number {
    const periods = this.options.periods;
    if (!Array.isArray(periods) || periods.length === 0 || periods.some((p) => !Number.isInteger(p) || p < 1)) {
      throw new ConfigurationError(
        messages.badRecurrentOption(this.name, 'periods', JSON.stringify(periods), 'give a list of positive integers'),
      );
    }
    this.periods = [...periods].sort((a, b) => a - b);
    return this.periods.length;
  }

  protected override mix(t: number, candidate: tf.Tensor, previous: tf.Tensor): tf.Tensor {
    const gate = tf.tensor1d(this.unitValues((m) => (t % this.periods[m] === 0 ? 1 : 0)));
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
export class BCRNN extends CascadeRNN {
  declare readonly options: BCRNNOptions;
  protected readonly modulesOption = 'num_modules';

  protected readModules(): number {
    const modules = this.options.num_modules;
    if (!Number.isInteger(modules) || modules < 1) {
      throw new ConfigurationError(
        messages.badRecurrentOption(this.name, 'num_modules', String(modules), 'give a positive integer'),
      );
    }
    return modules;
  }

  protected override mix(_t: number, candidate: tf.Tensor, previous: tf.Tensor): tf.Tensor {
    const last = this.modules - 1;
    const rates = tf.tensor1d(
      this.unitValues((m) => 1 - 10 ** (last === 0 ? -1e-4 : -1e-4 + ((-6 + 1e-4) * m) / last)),
    );
    return tf.add(tf.mul(rates, previous), tf.mul(tf.sub(1, rates), candidate));
  }
}
