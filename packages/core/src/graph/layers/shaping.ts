import { ConfigurationError } from '../../errors/errors';
import { tf } from '../../tf';
import type { Outputs } from '../outputs';
import { Layer, type LayerOptions } from './layer';

function checkSize(layer: Layer, derived: number): void {
  if (layer.options.size !== undefined && layer.options.size !== derived) {
    throw new ConfigurationError(
      `Layer "${layer.name}" (${layer.form}) has size ${layer.options.size}, but its inputs give ${derived}.`,
    );
  }
  layer.size = derived;
}

/** Flattens all but the batch axis of its input. */
export class Flatten extends Layer {
  /** Values pass through unchanged: no activation applies. */
  static readonly DEFAULT_ACTIVATION: string = 'linear';

  override setup(): void {
    const size = this.inputShape(this.inputs[0]).reduce((a, b) => a * b, 1);
    checkSize(this, size);
    this.shape = [size];
  }

  transform(inputs: Outputs): tf.Tensor {
    const x = this.onlyInput(inputs);
    return tf.reshape(x, [x.shape[0], -1]);
  }
}

/** Concatenates its inputs along the last axis. */
export class Concatenate extends Layer {
  /** Values pass through unchanged: no activation applies. */
  static readonly DEFAULT_ACTIVATION: string = 'linear';

  override setup(): void {
    const shapes = this.inputs.map((name) => this.inputShape(name));
    const size = shapes.reduce((sum, shape) => sum + shape[shape.length - 1], 0);
    checkSize(this, size);
    this.shape = [...shapes[0].slice(0, -1), size];
  }

  transform(inputs: Outputs): tf.Tensor {
    return tf.concat(
      this.inputs.map((name) => inputs.get(name) as tf.Tensor),
      -1,
    );
  }
}

/** Multiplies its inputs elementwise; they must have one shape. */
export class Product extends Layer {
  /** Values pass through unchanged: no activation applies. */
  static readonly DEFAULT_ACTIVATION: string = 'linear';

  override setup(): void {
    const shapes = this.inputs.map((name) => this.inputShape(name));
    const first = shapes[0] ?? [];
    if (shapes.some((shape) => shape.join() !== first.join())) {
      throw new ConfigurationError(
        `Product layer "${this.name}" needs inputs of one shape, got ${shapes.map((s) => `[${s}]`).join(', ')}.`,
      );
    }
    checkSize(this, first[first.length - 1]);
    this.shape = [...first];
  }

  transform(inputs: Outputs): tf.Tensor {
    return this.inputs.map((name) => inputs.get(name) as tf.Tensor).reduce((a, b) => tf.mul(a, b));
  }
}

/** Reshapes each example of its input to `shape` (the batch axis is kept). */
export class Reshape extends Layer {
  /** Values pass through unchanged: no activation applies. */
  static readonly DEFAULT_ACTIVATION: string = 'linear';

  constructor(options: LayerOptions) {
    if (!Array.isArray(options.shape) || options.shape.length === 0) {
      throw new ConfigurationError(
        `Reshape layer "${options.name ?? ''}" needs a shape, as in { form: 'reshape', shape: [4, 2] }.`,
      );
    }
    super({ ...options, size: options.shape[options.shape.length - 1] });
  }

  override setup(): void {
    const count = this.inputShape(this.inputs[0]).reduce((a, b) => a * b, 1);
    const target = this.shape.reduce((a, b) => a * b, 1);
    if (count !== target) {
      throw new ConfigurationError(`Reshape layer "${this.name}" cannot reshape ${count} values into [${this.shape}].`);
    }
  }

  transform(inputs: Outputs): tf.Tensor {
    const x = this.onlyInput(inputs);
    return tf.reshape(x, [x.shape[0], ...this.shape]);
  }
}
