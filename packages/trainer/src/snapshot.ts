import { tf, type Parameter } from '@tsnets/core';

/** Copies of parameter values, to restore the best ones when training ends. */
export class Snapshot {
  private values: tf.Tensor[] = [];

  constructor(private readonly params: readonly Parameter[]) {}

  /** Replaces the stored copies with the current values. */
  take(): void {
    this.clear();
    this.values = this.params.map((param) => tf.clone(param.variable));
  }

  /** Writes the stored copies back, if any. */
  restore(): void {
    this.values.forEach((value, i) => this.params[i].variable.assign(value));
  }

  /** Frees the copies. */
  clear(): void {
    for (const value of this.values) value.dispose();
    this.values = [];
  }
}
