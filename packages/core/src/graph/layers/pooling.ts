import { ConfigurationError } from '../../errors/errors';
import { messages } from '../../errors/messages';
import { tf } from '../../tf';
import type { Outputs } from '../outputs';
import { Layer, type LayerOptions } from './layer';
import {
  asImages,
  asPair,
  borderMode,
  fromImages,
  outputLengths,
  padWindows,
  perAxis,
  windowCounts,
  windowCount,
  windowInput,
  type BorderMode,
} from './window';

/** Options of `pool1` and `pool2` (see docs/convolution.md). */
export interface PoolingOptions extends LayerOptions {
  /** The window's extent per axis (default 2). */
  pool_size?: number | number[];
  /** Steps between windows per axis (default: the window, so windows tile the input). */
  stride?: number | number[];
  /** `max` (default) or `mean`. */
  mode?: 'max' | 'mean';
  /** `valid` (default: windows that do not fit are dropped) or `same` (partial windows at the end count). */
  border_mode?: Exclude<BorderMode, 'full'>;
}

const MODES = ['max', 'mean'] as const;

/**
 * The maximum or mean of each window of each channel, then the activation
 * (`linear` unless one is given). `size` is the input's channel count. With
 * `border_mode: 'same'`, a mean counts only the values inside the input.
 */
export abstract class Pooling extends Layer {
  /** Pooling passes values through unless asked: the network's hidden default (relu) does not apply. */
  static readonly DEFAULT_ACTIVATION: string = 'linear';
  /** The number of window axes: 1 (`[T, F]` sequences) or 2 (`[W, H, C]` images). */
  protected abstract readonly axes: 1 | 2;
  poolSize: number[] = [];
  stride: number[] = [];
  mode: 'max' | 'mean' = 'max';
  borderMode: BorderMode = 'valid';

  override setup(): void {
    const input = windowInput(this, this.axes);
    const channels = input[input.length - 1];
    if (this.options.size !== undefined && this.options.size !== channels) {
      throw new ConfigurationError(
        `Layer "${this.name}" (${this.form}) keeps its input's ${channels} channels; drop size ${this.options.size}.`,
      );
    }
    this.size = channels;
    this.poolSize = perAxis(this, 'pool_size', this.axes, Array<number>(this.axes).fill(2));
    this.stride = perAxis(this, 'stride', this.axes, this.poolSize);
    const mode = (this.options as PoolingOptions).mode ?? 'max';
    if (!MODES.includes(mode)) {
      throw new ConfigurationError(messages.badLayerOption(this.name, this.form, 'mode', mode, "'max', 'mean'"));
    }
    this.mode = mode;
    this.borderMode = borderMode(this, ['valid', 'same']);
    this.shape = [...outputLengths(this, input, this.poolSize, this.stride, this.borderMode), channels];
  }

  /** A 1-d layer changes the time steps as its windows do. */
  override outputSteps(steps: number): number {
    return this.axes === 1 ? windowCount(steps, this.poolSize[0], this.stride[0], this.borderMode) : steps;
  }

  transform(inputs: Outputs): Record<string, tf.Tensor> {
    const x = asImages(this.onlyInput(inputs), this.axes);
    const [size, stride] = [asPair(this.poolSize), asPair(this.stride)];
    let pooled: tf.Tensor4D;
    if (this.mode === 'max') {
      pooled = tf.maxPool(padWindows(x, size, stride, this.borderMode, -3.4e38), size, stride, 'valid');
    } else {
      // Padded zeros add nothing to a window's sum; the mean divides by the values inside the input.
      const sums = tf.mul(
        tf.avgPool(padWindows(x, size, stride, this.borderMode), size, stride, 'valid'),
        size[0] * size[1],
      );
      pooled = tf.div(sums, windowCounts([x.shape[1], x.shape[2]], size, stride, this.borderMode));
    }
    const pre = fromImages(pooled, this.axes);
    return { pre, out: this.activate.apply(pre) };
  }
}

/** Pooling over the time axis of sequences `[N, T, features]` (`pool1`). */
export class Pool1 extends Pooling {
  protected readonly axes = 1;
}

/** Pooling over images `[N, width, height, channels]` (`pool2`). */
export class Pool2 extends Pooling {
  protected readonly axes = 2;
}
