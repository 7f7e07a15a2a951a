import { ConfigurationError } from '../../errors/errors';
import type { tf } from '../../tf';
import type { Outputs } from '../outputs';
import { Layer, type LayerOptions } from './layer';

/** Receives external data: its output `in:out` is the array fed under its name. */
export class Input extends Layer {
  constructor(options: LayerOptions) {
    super({ ...options, activation: 'linear' });
    if (!options.size && !options.shape) {
      throw new ConfigurationError(`Input layer "${this.name}" needs a size or a shape.`);
    }
    if (options.shape) this.size = options.shape[options.shape.length - 1];
  }

  transform(_inputs: Outputs, feeds: ReadonlyMap<string, tf.Tensor>): tf.Tensor {
    const fed = feeds.get(this.name);
    if (!fed) throw new ConfigurationError(`No data was fed to input layer "${this.name}".`);
    return fed;
  }
}
