import type { tf } from '../tf';
import type { Pattern } from '../util/glob';
import type { Layer } from './layers/layer';
import type { Outputs } from './outputs';

/** Options every regularizer takes. */
export interface RegularizerOptions {
  /** Factor of the penalty in the training objective. */
  weight?: number;
  /** Shell globs choosing the parameters or outputs it acts on. */
  pattern?: Pattern;
  [option: string]: unknown;
}

/**
 * A regularizer adds a penalty to the training loss (`loss`) and/or rewrites
 * a layer's outputs as the graph is built (`modifyGraph`, for noise and
 * dropout). Register one with `@regularizer('id')` so training options can
 * name it.
 */
export abstract class Regularizer {
  readonly weight: number;
  readonly pattern?: Pattern;
  readonly options: RegularizerOptions;

  constructor(options: RegularizerOptions = {}) {
    this.options = options;
    this.weight = options.weight ?? 0;
    this.pattern = options.pattern;
  }

  /** True when the graph rewrite applies only to training steps (noise, dropout). */
  get trainOnly(): boolean {
    return false;
  }

  /** Rewrites the outputs of one layer in place as it is connected. */
  modifyGraph?(outputs: Outputs, layer: Layer, training: boolean): void;

  /** The penalty, a scalar; multiplied by `weight` and added to the loss. */
  loss?(layers: readonly Layer[], outputs: Outputs): tf.Scalar;
}
