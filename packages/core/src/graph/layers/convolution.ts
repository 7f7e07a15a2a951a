import { ConfigurationError } from '../../errors/errors';
import { tf } from '../../tf';
import type { Outputs } from '../outputs';
import type { Parameter } from '../parameter';
import { randomMatrix } from './init';
import { Layer, type LayerOptions } from './layer';
import {
  asImages,
  asPair,
  borderMode,
  fromImages,
  outputLengths,
  perAxis,
  padWindows,
  windowCount,
  windowInput,
  type BorderMode,
} from './window';

/** Options of `conv1` and `conv2` (see docs/convolution.md). */
export interface ConvolutionOptions extends LayerOptions {
  /** The filter's extent: a length for `conv1`, `[width, height]` (or one number for both) for `conv2`. Required. */
  filter_size?: number | number[];
  /** Steps between filter positions, per axis (default 1). */
  stride?: number | number[];
  /** `valid` (default), `full` or `same`. */
  border_mode?: BorderMode;
}

/**
 * Filters slid over the window axes of the input, then a bias and the
 * activation: `pre = x ⋆ w + b`, `out = activation(pre)`. `size` is the
 * number of filters (output channels).
 *
 * theanets runs a true convolution (the filter flipped); tsnets stores
 * filters as TensorFlow.js correlates them, `w` of shape `[...window,
 * channels in, size]`, and draws them so that a seeded network computes
 * what theanets' does (see `addFilters`).
 */
export abstract class Convolution extends Layer {
  /** The number of window axes: 1 (`[T, F]` sequences) or 2 (`[W, H, C]` images). */
  protected abstract readonly axes: 1 | 2;
  /** Filter extent per window axis. */
  filterSize: number[] = [];
  /** Stride per window axis. */
  stride: number[] = [];
  mode: BorderMode = 'valid';

  override setup(): void {
    if (!this.size) {
      throw new ConfigurationError(`Layer "${this.name}" (${this.form}) needs a size: its number of filters.`);
    }
    const input = windowInput(this, this.axes);
    this.filterSize = perAxis(this, 'filter_size', this.axes);
    this.stride = perAxis(this, 'stride', this.axes, Array<number>(this.axes).fill(1));
    this.mode = borderMode(this, ['valid', 'full', 'same']);
    this.shape = [...outputLengths(this, input, this.filterSize, this.stride, this.mode), this.size];
    this.addFilters('w', input[input.length - 1], this.size);
    this.addBias('b', this.size);
  }

  /** A 1-d layer changes the time steps as its windows do. */
  override outputSteps(steps: number): number {
    return this.axes === 1 ? windowCount(steps, this.filterSize[0], this.stride[0], this.mode) : steps;
  }

  transform(inputs: Outputs): Record<string, tf.Tensor> {
    const x = asImages(this.onlyInput(inputs), this.axes);
    const w = this.find('w').variable;
    const filters = (this.axes === 1 ? tf.expandDims(w, 1) : w) as tf.Tensor4D;
    const padded = padWindows(x, asPair(this.filterSize), asPair(this.stride), this.mode);
    const product = tf.conv2d(padded, filters, asPair(this.stride), 'valid');
    const pre = tf.add(fromImages(product, this.axes), this.find('b').variable);
    return { pre, out: this.activate.apply(pre) };
  }

  /**
   * Adds filters `[...filterSize, nin, nout]`. theanets draws one `nout x
   * nin` matrix per filter tap (taps in row-major order, `std` by default
   * `1 / sqrt(nin + nout)`) and flips the filter when it convolves; tap t's
   * draw therefore lands, transposed, at the mirrored tap, so that
   * TensorFlow.js' correlation computes theanets' convolution.
   */
  protected addFilters(key: string, nin: number, nout: number): Parameter {
    const init = { ...this.matrixInit(key, nin, nout), diagonal: 0 };
    const taps = this.filterSize.reduce((a, b) => a * b, 1);
    const values = new Float64Array(taps * nin * nout);
    for (let tap = 0; tap < taps; tap++) {
      const draw = randomMatrix(nout, nin, init, this.rng);
      const at = (taps - 1 - tap) * nin * nout;
      for (let o = 0; o < nout; o++) for (let i = 0; i < nin; i++) values[at + i * nout + o] = draw[o * nin + i];
    }
    return this.addParameter(key, [...this.filterSize, nin, nout], values);
  }
}

/** Convolution over the time axis of sequences `[N, T, features]` (theanets' `conv1`); `w` is `[filter, features, size]`. */
export class Conv1 extends Convolution {
  protected readonly axes = 1;
}

/** Convolution over images `[N, width, height, channels]` (theanets' `conv2`); `w` is `[fw, fh, channels, size]`. */
export class Conv2 extends Convolution {
  protected readonly axes = 2;
}
