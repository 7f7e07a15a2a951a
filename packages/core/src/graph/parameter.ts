import { tf } from '../tf';

/** A learnable parameter of a layer: its full name (`hid1.w`), shape and tfjs variable. */
export class Parameter {
  /** @param name full name, `layer.param` */
  constructor(
    readonly name: string,
    readonly variable: tf.Variable,
  ) {}

  get shape(): number[] {
    return this.variable.shape;
  }

  /** The short name within its layer (`w` for `hid1.w`). */
  get key(): string {
    return this.name.slice(this.name.indexOf('.') + 1);
  }

  /** A copy of the current values. */
  value(): Float32Array {
    return this.variable.dataSync() as Float32Array;
  }

  /** Creates a parameter holding `values` (float32) with the given shape. */
  static create(name: string, shape: number[], values: ArrayLike<number>): Parameter {
    const variable = tf.tidy(() => tf.variable(tf.tensor(Float32Array.from(values), shape, 'float32'), true));
    return new Parameter(name, variable);
  }
}
