import { ConfigurationError } from '../../errors/errors';
import { dot } from '../../ops/matmul';
import { tf } from '../../tf';
import type { Outputs } from '../outputs';
import { Layer, type LayerOptions } from './layer';

/**
 * Shares its partner's weights, transposed: `pre = x · partnerᵀ.w + b`. It has
 * its own bias only; its size is its partner's input size.
 */
export class Tied extends Layer {
  partner!: Layer;

  constructor(options: LayerOptions) {
    super(options);
    if (typeof options.partner !== 'string') {
      throw new ConfigurationError(`Tied layer "${this.name}" needs a partner layer name.`);
    }
  }

  override resolve(layers: readonly Layer[]): void {
    super.resolve(layers);
    const partner = layers.find((layer) => layer.name === this.options.partner);
    if (!partner) {
      throw new ConfigurationError(
        `Tied layer "${this.name}" cannot find its partner "${this.options.partner}" among ` +
          `${layers.map((l) => `"${l.name}"`).join(', ')}.`,
      );
    }
    this.partner = partner;
    const size = partner.inputSize;
    if (this.options.size !== undefined && this.options.size !== size) {
      throw new ConfigurationError(
        `Tied layer "${this.name}" has size ${this.options.size}, but its partner "${partner.name}" reads ${size} units.`,
      );
    }
    this.size = size;
    if (this.inputSize !== partner.size) {
      throw new ConfigurationError(
        `Tied layer "${this.name}" reads ${this.inputSize} units but its partner "${partner.name}" has ${partner.size}.`,
      );
    }
  }

  override setup(): void {
    this.shape = [...this.inputShape(this.inputs[0]).slice(0, -1), this.size];
    this.addBias('b', this.size);
  }

  transform(inputs: Outputs): Record<string, tf.Tensor> {
    const weights = tf.transpose(this.partner.find('w').variable) as tf.Tensor2D;
    const pre = tf.add(dot(this.onlyInput(inputs), weights), this.find('b').variable);
    return { pre, out: this.activate.apply(pre) };
  }

  override toSpec(): Record<string, unknown> {
    return { ...super.toSpec(), partner: this.partner.name };
  }
}
