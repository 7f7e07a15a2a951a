import { ConfigurationError } from '../../errors/errors';
import { messages } from '../../errors/messages';
import { tf } from '../../tf';
import type { Outputs } from '../outputs';
import { Layer, type LayerOptions } from './layer';

/** Options of an input layer. */
export interface InputOptions extends LayerOptions {
  /**
   * Where the channels of image data are: `'last'` (default, `[N, width,
   * height, channels]` as theanets reads images) or `'first'` (`[N,
   * channels, width, height]`, as PyTorch keeps them). `shape` is given in
   * the data's order; the layer's output is always channels-last.
   */
  channels?: 'last' | 'first';
}

/** Receives external data: its output `in:out` is the array fed under its name. */
export class Input extends Layer {
  /** The shape of one example as the data holds it (differs from `shape` for channels-first data). */
  readonly dataShape: number[];

  constructor(options: InputOptions) {
    super({ ...options, activation: 'linear' });
    if (!options.size && !options.shape) {
      throw new ConfigurationError(`Input layer "${this.name}" needs a size or a shape.`);
    }
    this.dataShape = [...this.shape];
    const channels = options.channels ?? 'last';
    if (channels !== 'last' && channels !== 'first') {
      throw new ConfigurationError(
        messages.badLayerOption(this.name, 'input', 'channels', channels, "'last', 'first'"),
      );
    }
    if (channels === 'first') {
      if (this.shape.length < 2) {
        throw new ConfigurationError(
          `Input layer "${this.name}": channels 'first' needs a shape of channels then axes, e.g. [1, 28, 28]; got [${this.shape}].`,
        );
      }
      this.shape = [...this.shape.slice(1), this.shape[0]];
    }
    this.size = this.shape[this.shape.length - 1];
  }

  private get channelsFirst(): boolean {
    return (this.options as InputOptions).channels === 'first';
  }

  transform(_inputs: Outputs, feeds: ReadonlyMap<string, tf.Tensor>): tf.Tensor {
    const fed = feeds.get(this.name);
    if (!fed) throw new ConfigurationError(`No data was fed to input layer "${this.name}".`);
    if (!this.channelsFirst) return fed;
    const axes = Array.from({ length: fed.rank }, (_, i) => i);
    return tf.transpose(fed, [0, ...axes.slice(2), 1]);
  }

  /** The spec keeps the shape in the data's order, as it was given. */
  override toSpec(): Record<string, unknown> {
    return { ...super.toSpec(), shape: this.dataShape };
  }
}
