import { ConfigurationError } from '../../errors/errors';
import { messages } from '../../errors/messages';
import { tf } from '../../tf';
import type { Layer } from './layer';

/**
 * The window arithmetic convolution and pooling layers share. A layer with
 * `axes` window axes reads one example as `[...axes, channels]`: `[T, F]`
 * for `conv1`/`pool1` (T may be -1, a free time axis), `[W, H, C]` for
 * `conv2`/`pool2`. Internally both run as 2-d operations: a 1-d input gets a
 * unit axis after its window axis.
 */

/** How windows meet the borders: `valid` (inside only), `full` (every overlap, convolution only), `same` (output size = input size / stride, rounded up). */
export type BorderMode = 'valid' | 'full' | 'same';

/** Reads a per-axis option: one positive integer for every axis, or one per axis. */
export function perAxis(layer: Layer, option: string, axes: number, fallback?: readonly number[]): number[] {
  const value = (layer.options as Record<string, unknown>)[option];
  const example = axes === 1 ? '3' : '[5, 5] or 5';
  if (value === undefined) {
    if (fallback) return [...fallback];
    throw new ConfigurationError(messages.badWindowOption(layer.name, layer.form, option, value, example));
  }
  const values = typeof value === 'number' ? Array<number>(axes).fill(value) : value;
  if (!Array.isArray(values) || values.length !== axes || values.some((v) => !Number.isInteger(v) || v < 1)) {
    throw new ConfigurationError(messages.badWindowOption(layer.name, layer.form, option, value, example));
  }
  return values as number[];
}

/** The layer's `border_mode`, checked against the modes it allows. */
export function borderMode(layer: Layer, allowed: readonly BorderMode[]): BorderMode {
  const mode = (layer.options as { border_mode?: unknown }).border_mode ?? 'valid';
  if (!allowed.includes(mode as BorderMode)) {
    throw new ConfigurationError(
      messages.badLayerOption(layer.name, layer.form, 'border_mode', mode, allowed.map((m) => `'${m}'`).join(', ')),
    );
  }
  return mode as BorderMode;
}

/**
 * The input shape of one example, checked to be `[...axes, channels]`; a
 * 1-d layer's window axis may be free (-1).
 */
export function windowInput(layer: Layer, axes: number): number[] {
  const shape = layer.inputLayers.get(layer.inputs[0])?.shape ?? [];
  if (shape.length !== axes + 1) {
    throw new ConfigurationError(messages.badWindowInput(layer.name, layer.form, layer.inputs[0], shape, axes));
  }
  return shape;
}

/** How many windows of `w` at stride `s` an axis of `n` values gives under `mode` (0 or less: none fits). */
export function windowCount(n: number, w: number, s: number, mode: BorderMode): number {
  if (mode === 'same') return Math.ceil(n / s);
  const span = mode === 'full' ? n + 2 * (w - 1) : n;
  return span < w ? 0 : Math.floor((span - w) / s) + 1;
}

/** Output lengths along the window axes; throws when a `valid` window does not fit. */
export function outputLengths(
  layer: Layer,
  input: readonly number[],
  window: readonly number[],
  stride: readonly number[],
  mode: BorderMode,
): number[] {
  return window.map((w, axis) => {
    const n = input[axis];
    if (n === -1) return -1;
    const count = windowCount(n, w, stride[axis], mode);
    if (count < 1) {
      throw new ConfigurationError(messages.windowTooLarge(layer.name, layer.form, window, input.slice(0, -1)));
    }
    return count;
  });
}

/**
 * Zeros (or `value`) before and after one axis of `n` values so that
 * windows of `w` at stride `s` read it under `mode` as 'valid' windows:
 * `full` adds `w - 1` on each side; `same` adds what `ceil(n / s)` windows
 * need, the odd one after (TensorFlow's rule).
 */
export function padding(n: number, w: number, s: number, mode: BorderMode): [number, number] {
  if (mode === 'valid') return [0, 0];
  if (mode === 'full') return [w - 1, w - 1];
  const total = Math.max((Math.ceil(n / s) - 1) * s + w - n, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/**
 * The input padded for its border mode, so that every layer runs 'valid'
 * windows: one code path for every mode, whose gradients TensorFlow.js
 * computes right on every backend (its 'same' pooling and convolution
 * gradients differ between backends).
 */
export function padWindows(
  x: tf.Tensor4D,
  window: readonly [number, number],
  stride: readonly [number, number],
  mode: BorderMode,
  value = 0,
): tf.Tensor4D {
  const [a, b] = [0, 1].map((axis) => padding(x.shape[axis + 1], window[axis], stride[axis], mode));
  if (a[0] + a[1] + b[0] + b[1] === 0) return x;
  return tf.pad(x, [[0, 0], a, b, [0, 0]], value);
}

/** How many values of the unpadded input each window holds, `[1, out0, out1, 1]`, for means that count only those. */
export function windowCounts(
  input: readonly [number, number],
  window: readonly [number, number],
  stride: readonly [number, number],
  mode: BorderMode,
): tf.Tensor4D {
  const [counts0, counts1] = [0, 1].map((axis) => {
    const [before] = padding(input[axis], window[axis], stride[axis], mode);
    const out = windowCount(input[axis], window[axis], stride[axis], mode);
    return Array.from({ length: out }, (_, k) => {
      const start = k * stride[axis] - before;
      return Math.min(start + window[axis], input[axis]) - Math.max(start, 0);
    });
  });
  const counts = counts0.flatMap((c0) => counts1.map((c1) => c0 * c1));
  return tf.tensor4d(counts, [1, counts0.length, counts1.length, 1]);
}

/** A `[N, T, F]` input as `[N, T, 1, F]`; a 2-d input as it is. */
export function asImages(x: tf.Tensor, axes: number): tf.Tensor4D {
  return (axes === 1 ? tf.expandDims(x, 2) : x) as tf.Tensor4D;
}

/** Back from `asImages`: drops the unit axis of a 1-d layer. */
export function fromImages(y: tf.Tensor4D, axes: number): tf.Tensor {
  return axes === 1 ? tf.squeeze(y, [2]) : y;
}

/** A 1-d window as 2-d (a unit second axis); a 2-d window as it is. */
export function asPair(values: readonly number[]): [number, number] {
  return [values[0], values[1] ?? 1];
}
