import { ConfigurationError, DataError } from '../../../errors/errors';
import { messages } from '../../../errors/messages';
import { tf } from '../../../tf';
import type { Outputs } from '../../outputs';
import type { Parameter } from '../../parameter';
import { Layer, type LayerOptions } from '../layer';
import { randomMatrix, scaleToRadius } from '../init';
import { CELL_ACTIVATIONS, hasFusedCell, type FusedCell } from '../../../ops/fused-cell';

/** Options every recurrent layer takes (see docs/recurrent.md). */
export interface RecurrentOptions extends LayerOptions {
  /** An output (or layer, meaning its `:out`) holding the initial state `[N, size]`; zeros by default. */
  h_0?: string;
  /** `'backward'` runs the recurrence from the last time step to the first; outputs stay aligned with the input. */
  direction?: 'forward' | 'backward';
  /** Gradients flow through only the last `bptt_limit` time steps of a sequence (all of them by default). */
  bptt_limit?: number;
  /** Rescales each square recurrent weight block so that its largest singular value is this. */
  radius?: number;
}

/** One time step: the slices of the sequences at `t`, and the previous values of every carried state. */
export type Step = (t: number, inputs: tf.Tensor[], previous: Array<tf.Tensor | undefined>) => tf.Tensor[];

/** Identity whose gradient is zero: the cut of truncated backpropagation. */
const stopGradient = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({
  value: tf.clone(args[0] as tf.Tensor),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
})) as (x: tf.Tensor) => tf.Tensor;

/**
 * A layer whose output at time `t` depends on its state at `t - 1`. Reads
 * sequences `[N, T, features]` and writes `[N, T, size]`. Subclasses create
 * their parameters in `setup` (with `addBlockWeights` for theanets' draws)
 * and run their recurrence with `scan`.
 */
export abstract class Recurrent extends Layer {
  declare readonly options: RecurrentOptions;
  /** Full names of the outputs that give initial states (`h_0`, and `c_0`/`s_0` in some layers). */
  protected readonly initialStates = new Map<string, string>();

  /** The option names that name initial-state outputs. */
  protected get stateOptions(): string[] {
    return ['h_0'];
  }

  override resolve(layers: readonly Layer[]): void {
    super.resolve(layers);
    this.initialStates.clear();
    for (const key of this.stateOptions) {
      const value = (this.options as Record<string, unknown>)[key];
      if (value === undefined || value === null) continue;
      const name = String(value);
      const layer = layers.find((l) => l.name === name.split(':')[0]);
      if (!layer) {
        throw new ConfigurationError(
          messages.badRecurrentOption(this.name, key, name, `no earlier layer is called "${name.split(':')[0]}"`),
        );
      }
      if (layer.shape.length !== 1 || layer.size !== this.size) {
        throw new ConfigurationError(
          messages.badRecurrentOption(
            this.name,
            key,
            name,
            `its output has shape [${layer.shape}] per example; an initial state needs [${this.size}]`,
          ),
        );
      }
      this.initialStates.set(key, name.includes(':') ? name : layer.outputName);
    }
  }

  override setup(): void {
    const input = this.inputShape(this.inputs[0]);
    if (input.length !== 2) {
      throw new ConfigurationError(messages.notSequenceInput(this.name, this.form, input));
    }
    if (!this.size) throw new ConfigurationError(`Layer "${this.name}" (${this.form}) needs a size.`);
    const limit = this.options.bptt_limit;
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
      throw new ConfigurationError(
        messages.badRecurrentOption(this.name, 'bptt_limit', String(limit), 'it must be an integer of at least 1'),
      );
    }
    const direction = this.options.direction;
    if (direction !== undefined && direction !== 'forward' && direction !== 'backward') {
      throw new ConfigurationError(
        messages.badRecurrentOption(this.name, 'direction', String(direction), "use 'forward' or 'backward'"),
      );
    }
    this.shape = [input[0], this.size];
    this.createParams(input[1]);
  }

  /** Creates the layer's parameters, in theanets' order (which fixes the seeded draws). */
  protected abstract createParams(inputSize: number): void;

  /**
   * A weight matrix drawn as theanets' recurrent layers draw one: when it maps
   * the layer's own state (`nin = size`) to a multiple of it, it is that many
   * square blocks side by side, each `N(mean, std)` with optional sparsity,
   * `radius` and `diagonal`; otherwise one matrix with optional sparsity.
   * `std` defaults to `1 / sqrt(nin + nout)`.
   */
  protected addBlockWeights(key: string, nin: number, nout: number): Parameter {
    const std = this.initOption('std', key, 1 / Math.sqrt(nin + nout));
    const mean = this.initOption('mean', key, 0);
    const sparsity = this.initOption('sparsity', key, 0);
    let values: Float64Array;
    if (nin === this.size && nout % nin === 0) {
      const radius = this.options[`radius_${key}`] ?? this.options.radius ?? 0;
      const diagonal = this.initOption('diagonal', key, 0);
      const blocks = Array.from({ length: nout / nin }, () => {
        const block = randomMatrix(nin, nin, { mean, std, sparsity, diagonal: 0 }, this.rng);
        const scaled = radius > 0 ? scaleToRadius(block, nin, nin, radius) : block;
        if (diagonal !== 0) scaled.forEach((_, i) => (scaled[i] = i % (nin + 1) === 0 ? diagonal : 0));
        return scaled;
      });
      values = new Float64Array(nin * nout);
      for (let i = 0; i < nin; i++) {
        blocks.forEach((block, b) => values.set(block.subarray(i * nin, (i + 1) * nin), i * nout + b * nin));
      }
    } else {
      values = randomMatrix(nin, nout, { mean, std, sparsity, diagonal: 0 }, this.rng);
    }
    return this.addParameter(key, [nin, nout], values);
  }

  /** The sequence input `[N, T, features]`. */
  protected sequence(inputs: Outputs): tf.Tensor3D {
    return this.onlyInput(inputs) as tf.Tensor3D;
  }

  /** The initial state named by `key` (`h_0`), checked against `[N, size]`, or zeros. */
  protected initial(inputs: Outputs, batch: number, key = 'h_0', size = this.size): tf.Tensor {
    const name = this.initialStates.get(key);
    if (!name) return tf.zeros([batch, size]);
    const state = inputs.get(name) as tf.Tensor;
    if (state.shape[0] !== batch) {
      throw new DataError(
        messages.badData(
          name,
          `gives ${state.shape[0]} initial states for ${batch} sequences (${key} of layer "${this.name}")`,
          'Give one initial state per sequence.',
        ),
        name,
      );
    }
    return state;
  }

  /**
   * Runs `step` over the time axis of `sequences` (each `[N, T, k]`),
   * carrying every value it returns to the next step, and stacks each into
   * `[N, T, ...]`. A backward layer runs from the last step; its outputs are
   * still stored at their own time steps. With `bptt_limit` k, the steps
   * before the last k pass no gradient.
   */
  protected scan(sequences: tf.Tensor[], initial: Array<tf.Tensor | undefined>, step: Step): tf.Tensor[] {
    const steps = sequences[0].shape[1] as number;
    // tfjs' unstack gradient fails for a single output (it passes one tensor, not a list): one step is a reshape.
    const slices = sequences.map((sequence) =>
      steps === 1 ? [tf.reshape(sequence, [sequence.shape[0], ...sequence.shape.slice(2)])] : tf.unstack(sequence, 1),
    );
    const backward = this.options.direction === 'backward';
    const limit = this.options.bptt_limit ?? steps;
    const emitted: tf.Tensor[][] = initial.map(() => new Array<tf.Tensor>(steps));
    let previous = initial;
    for (let i = 0; i < steps; i++) {
      const t = backward ? steps - 1 - i : i;
      let values = step(
        t,
        slices.map((slice) => slice[t]),
        previous,
      );
      if (i < steps - limit) values = values.map((value) => stopGradient(value));
      values.forEach((value, k) => (emitted[k][t] = value));
      previous = values;
    }
    return emitted.map((sequence) => tf.stack(sequence, 1));
  }

  /**
   * The attributes to run `cell` as one fused kernel over `steps` steps, or
   * undefined when this must take the step-by-step path: the backend lacks
   * the kernel, the activation is not one the kernel has, or `bptt_limit`
   * cuts the sequence.
   */
  protected fusion(cell: FusedCell, steps: number): { reverse: boolean; activation: number } | undefined {
    if (!hasFusedCell(cell)) return undefined;
    if (this.options.bptt_limit !== undefined && this.options.bptt_limit < steps) return undefined;
    const activation = cell === 'lstm' ? 0 : CELL_ACTIVATIONS[this.activate.name];
    if (activation === undefined) return undefined;
    return { reverse: this.options.direction === 'backward', activation };
  }
}
