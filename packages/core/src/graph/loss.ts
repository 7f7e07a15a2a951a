import { NotFoundError } from '../errors/errors';
import { idOf } from '../registry/registry';
import { tf } from '../tf';
import type { Outputs } from './outputs';

/** Options every loss takes. */
export interface LossOptions {
  /** Factor of this loss in the training objective (default 1). */
  weight?: number;
  /** When true, the loss reads a weights array after its target. */
  weighted?: boolean;
  /** The output compared with the target: a full name (`out:out`) or a layer name (`out`). */
  outputName?: string;
  /** `'input'`: compare with the network's input (autoencoders) instead of a target array. */
  target?: 'input' | 'array';
}

/**
 * A loss compares one network output with a target. Subclasses implement
 * `compute` for the unweighted and weighted cases; `labels` is true for
 * losses whose targets are integer class labels.
 */
export abstract class Loss {
  /** True for losses whose targets are integer class labels (rank one less than the output). */
  static readonly labels: boolean = false;

  readonly weight: number;
  readonly weighted: boolean;
  readonly outputName: string;
  readonly target: 'input' | 'array';

  constructor(options: LossOptions = {}) {
    this.weight = options.weight ?? 1;
    this.weighted = options.weighted ?? false;
    const output = options.outputName ?? 'out:out';
    this.outputName = output.includes(':') ? output : `${output}:out`;
    this.target = options.target ?? 'array';
  }

  /** The registered id of this loss's class (its lowercased class name when unregistered). */
  get form(): string {
    return idOf('loss', this.constructor as typeof Loss) ?? this.constructor.name.toLowerCase();
  }

  /** True when targets are class labels. */
  get labels(): boolean {
    return (this.constructor as typeof Loss).labels;
  }

  /**
   * The loss of `output` against `target` as a scalar; `weights` has the
   * target's shape and, when given, the result is the weighted mean.
   */
  abstract compute(output: tf.Tensor, target: tf.Tensor, weights?: tf.Tensor): tf.Scalar;

  /** The loss of the graph's outputs. */
  evaluate(outputs: Outputs, target: tf.Tensor, weights?: tf.Tensor): tf.Scalar {
    const output = outputs.get(this.outputName);
    if (!output) throw new NotFoundError(`output for loss "${this.form}"`, this.outputName, [...outputs.keys()]);
    return this.compute(output, target, weights);
  }

  /** Options from which an equal loss can be rebuilt (used by `save`). */
  toSpec(): Record<string, unknown> {
    return {
      form: this.form,
      weight: this.weight,
      weighted: this.weighted,
      outputName: this.outputName,
      target: this.target,
    };
  }
}

/** Mean of `values`, weighted by `weights` when given (`sum(w v) / sum(w)`). */
export function weightedMean(values: tf.Tensor, weights?: tf.Tensor): tf.Scalar {
  if (!weights) return tf.mean(values);
  return tf.div(tf.sum(tf.mul(weights, values)), tf.sum(weights));
}
