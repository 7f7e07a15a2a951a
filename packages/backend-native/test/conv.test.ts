/**
 * Conv2D, its gradients and FusedConv2D on the native backend (native/conv.cc)
 * against the cpu backend's JavaScript kernels: every stride, padding and
 * filter shape a network uses, odd image sizes, batches of 1 and 5, chunked
 * products, and the forms that fall back to the cpu kernels.
 */
import { expect } from 'chai';
import * as tf from '@tensorflow/tfjs';
import { BACKEND_NAME, nativeAddon, type NativeAddon } from '../src/index';
import { conv2dConfigs } from '../src/kernels/conv2d';
import { expectClose, expectReplaced, nativeSuite, onBoth, randomTensor } from './helpers';

type Pad = 'valid' | 'same' | number | [[0, 0], [number, number], [number, number], [0, 0]];
type Strides = number | [number, number];

interface ConvCase {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: Strides;
  pad: Pad;
}

const FILTERS: [number, number][] = [
  [1, 1],
  [3, 3],
  [5, 5],
  [2, 3],
];
const STRIDES: Strides[] = [1, 2, [2, 1]];
const PADS: Pad[] = [
  'valid',
  'same',
  1,
  [
    [0, 0],
    [1, 2],
    [0, 1],
    [0, 0],
  ],
];

/** The output, the input gradient and the filter gradient of conv2d, for a random (not uniform) dy. */
function convAndGradients({ x, filter, strides, pad }: ConvCase, seed: number): () => tf.Tensor[] {
  return () => {
    const xs = randomTensor(x, seed);
    const w = randomTensor(filter, seed + 1);
    const conv = (input: tf.Tensor, weights: tf.Tensor) =>
      tf.conv2d(input as tf.Tensor4D, weights as tf.Tensor4D, strides, pad);
    const y = conv(xs, w);
    const dy = randomTensor(y.shape, seed + 2);
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv(a, b), dy)))([xs, w]);
    return [y, dx, dw];
  };
}

/** Asserts that the case agrees on both backends (forward, dx, dw) and leaves no tensor behind. */
async function expectAgrees(c: ConvCase, seed: number): Promise<void> {
  const before = tf.memory().numTensors;
  const results = await onBoth(convAndGradients(c, seed));
  const what = `x ${c.x} filter ${c.filter} strides ${c.strides} pad ${JSON.stringify(c.pad)}`;
  ['y', 'dx', 'dw'].forEach((name, i) => expectClose(results[i][0], results[i][1], 1e-4, `${name} of ${what}`));
  expect(tf.memory().numTensors, `tensors left by ${what}`).to.equal(before);
}

/** The addon with conv2d counting its calls by mode (the kernels under test are bound to it). */
function countingAddon(addon: NativeAddon): { addon: NativeAddon; calls: number[] } {
  const calls: number[] = [];
  const counting: NativeAddon = {
    ...addon,
    conv2d: (mode, geometry, a, b, out) => {
      calls.push(mode);
      addon.conv2d(mode, geometry, a, b, out);
    },
  };
  return { addon: counting, calls };
}

/** Runs the kernel `name` of `configs` directly on the native backend and disposes its output. */
function runDirectly(
  configs: tf.KernelConfig[],
  name: string,
  inputs: Record<string, tf.Tensor>,
  attrs: Record<string, unknown>,
): void {
  const config = configs.find((c) => c.kernelName === name);
  const backend = tf.backend();
  const out = config!.kernelFunc({ inputs, backend, attrs: attrs as tf.NamedAttrMap }) as tf.TensorInfo;
  tf.engine().makeTensorFromTensorInfo(out).dispose();
}

describe('Conv2D', function () {
  nativeSuite();

  it('replaces the cpu kernels', () =>
    expectReplaced(['Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter', 'FusedConv2D']));

  // Kills: a wrong padding offset (top/left), a filter not flipped in the input gradient, strides swapped
  // between rows and columns ([2, 1]), patches laid out in another order than the filter's [fh, fw, in, out].
  it('agrees with the cpu backend for every filter, stride and padding, batches 1 and 5, channels 1, 3, 8', async () => {
    let seed = 1;
    for (const [fh, fw] of FILTERS) {
      for (const strides of STRIDES) {
        for (const pad of PADS) {
          for (const [batch, channels] of [
            [1, 3],
            [5, 1],
            [5, 8],
          ]) {
            await expectAgrees(
              { x: [batch, 7, 9, channels], filter: [fh, fw, channels, 4], strides, pad },
              (seed += 3),
            );
          }
        }
      }
    }
  });

  // Kills: a chunk of patches that restarts its image position wrongly, a filter gradient that overwrites instead of
  // adding the chunks after the first (beta), per-task sums that are not added up, col2im racing across tasks.
  it('agrees on products of several chunks and tasks, and on an image larger than one chunk', async () => {
    await expectAgrees({ x: [16, 28, 28, 3], filter: [5, 5, 3, 8], strides: 1, pad: 'valid' }, 100);
    await expectAgrees({ x: [1, 40, 40, 8], filter: [5, 5, 8, 8], strides: 1, pad: 'same' }, 200);
    await expectAgrees({ x: [8, 12, 12, 20], filter: [5, 5, 20, 50], strides: 1, pad: 'valid' }, 300);
  });

  // Kills: a window wholly outside the image (padding wider than the filter) reading out of bounds or not zeroed.
  it('agrees where padding exceeds the filter and on 1 x 1 images', async () => {
    await expectAgrees({ x: [2, 3, 4, 2], filter: [2, 2, 2, 3], strides: 1, pad: 3 }, 400);
    await expectAgrees({ x: [3, 1, 1, 5], filter: [1, 1, 5, 2], strides: 2, pad: 'same' }, 500);
    await expectAgrees({ x: [2, 5, 5, 2], filter: [3, 3, 2, 3], strides: 1, pad: 'valid' }, 600);
    // A 1 x 1 filter whose output has the input's size yet reads only padding: not the pointwise shortcut.
    const corners: Pad = [
      [0, 0],
      [1, 1],
      [1, 1],
      [0, 0],
    ];
    await expectAgrees({ x: [2, 1, 1, 3], filter: [1, 1, 3, 2], strides: 3, pad: corners }, 700);
  });

  // Kills: output sizes taken from anywhere but tfjs' own rounding (the last window of 'ceil' reaches past the padding).
  it('agrees under each dimRoundingMode with a numeric padding', async () => {
    for (const rounding of ['floor', 'round', 'ceil'] as const) {
      const [y, dx, dw] = await onBoth(() => {
        const x = randomTensor([2, 8, 9, 3], 800);
        const w = randomTensor([3, 2, 3, 4], 801);
        const conv = (a: tf.Tensor, b: tf.Tensor) =>
          tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, [3, 2], 1, 'NHWC', 1, rounding);
        const dy = randomTensor(conv(x, w).shape, 802);
        return [conv(x, w), ...tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv(a, b), dy)))([x, w])];
      });
      [y, dx, dw].forEach(([native, cpu], i) => expectClose(native, cpu, 1e-4, `${rounding}: output ${i}`));
    }
  });

  // tf.conv2dTranspose is Conv2DBackpropInput with the output's shape as inputShape (a decoder's upsampling).
  it('agrees as tf.conv2dTranspose', async () => {
    for (const pad of ['same', 'valid'] as const) {
      const [[native, cpu]] = await onBoth(() => {
        const x = randomTensor([3, 4, 5, 6], 850) as tf.Tensor4D;
        const filter = randomTensor([3, 3, 2, 6], 851) as tf.Tensor4D;
        const size = pad === 'same' ? [8, 10] : [9, 11];
        return tf.conv2dTranspose(x, filter, [3, size[0], size[1], 2], 2, pad);
      });
      expectClose(native, cpu, 1e-4, `pad ${pad}`);
    }
  });

  // Kills: a bias or slope applied per pixel instead of per channel, the activation skipped, a bias broadcast
  // (a [1, 4] or full-shape bias) let into the per-channel epilogue.
  it('agrees as tf.fused.conv2d with each bias form and activation, and in its gradients', async () => {
    let seed = 700;
    for (const activation of ['linear', 'relu', 'elu', 'leakyrelu', 'prelu'] as const) {
      for (const biasShape of [[4], [], [1, 4], [2, 4, 9, 4], undefined]) {
        const s = (seed += 5);
        const results = await onBoth(() => {
          const x = randomTensor([2, 7, 9, 3], s);
          const filter = randomTensor([3, 3, 3, 4], s + 1);
          const bias = biasShape === undefined ? undefined : randomTensor(biasShape, s + 2);
          const conv = (a: tf.Tensor, b: tf.Tensor) =>
            tf.fused.conv2d({
              x: a as tf.Tensor4D,
              filter: b as tf.Tensor4D,
              strides: [2, 1],
              pad: 'same',
              bias,
              activation,
              preluActivationWeights: activation === 'prelu' ? randomTensor([4], s + 3) : undefined,
              leakyreluAlpha: 0.15,
            });
          const y = conv(x, filter);
          // tfjs differentiates fused.conv2d for linear and relu only.
          if (activation !== 'linear' && activation !== 'relu') return [y];
          const dy = randomTensor(y.shape, s + 4);
          return [y, ...tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv(a, b), dy)))([x, filter])];
        });
        results.forEach(([native, cpu], i) => expectClose(native, cpu, 1e-4, `${activation} bias ${biasShape} #${i}`));
      }
    }
  });

  // Kills: a geometry or array length the addon trusts without checking (it would read or write out of bounds).
  it("has the addon check the geometry and every array's length", () => {
    const addon = nativeAddon()!;
    const geometry = [2, 5, 5, 3, 3, 3, 4, 3, 3, 1, 1, 0, 0];
    const [x, w, y] = [2 * 5 * 5 * 3, 3 * 3 * 3 * 4, 2 * 3 * 3 * 4].map((n) => new Float32Array(n));
    expect(() => addon.conv2d(0, geometry, x, w, y)).to.not.throw();
    expect(() => addon.conv2d(0, geometry.slice(1), x, w, y)).to.throw(TypeError, /13 numbers/);
    expect(() => addon.conv2d(0, [...geometry.slice(0, 12), -1], x, w, y)).to.throw(TypeError, /non-negative/);
    expect(() => addon.conv2d(0, [...geometry.slice(0, 9), 0, 1, 0, 0], x, w, y)).to.throw(TypeError, /strides/);
    expect(() => addon.conv2d(0, geometry, x.subarray(1), w, y)).to.throw(RangeError, /x does not fit/);
    expect(() => addon.conv2d(1, geometry, y, w, x.subarray(1))).to.throw(RangeError, /dx does not fit/);
    expect(() => addon.conv2d(2, geometry, x, y, w.subarray(1))).to.throw(RangeError, /dw does not fit/);
    expect(() => addon.conv2d(3, geometry, x, w, y)).to.throw(TypeError, /unknown mode/);
    const pooled = [2, 5, 5, 3, 2, 2, 3, 2, 2, 2, 2, 0, 0];
    const p = new Float32Array(2 * 2 * 2 * 3);
    expect(() => addon.pool2d(2, pooled, x, p, x.slice())).to.not.throw();
    expect(() => addon.pool2d(2, pooled, x, null, x.slice())).to.throw(RangeError, /dy does not fit/);
    expect(() => addon.pool2d(0, [...pooled.slice(0, 6), 4, ...pooled.slice(7)], x, null, p)).to.throw(/out_c/);
  });

  // Kills: a fallback test that lets a dilated or NCHW convolution into the addon (wrong results), or one that sends
  // the NHWC float32 forms to the cpu kernels (right results, no speed).
  it('runs NHWC float32 on the addon and leaves dilations and NCHW to the cpu kernels', async () => {
    await tf.setBackend(BACKEND_NAME);
    const { addon, calls } = countingAddon(nativeAddon()!);
    const configs = conv2dConfigs(addon);
    tf.tidy(() => {
      const x = randomTensor([2, 7, 9, 3], 1);
      const filter = randomTensor([3, 3, 3, 4], 2);
      const dy = randomTensor([2, 7, 9, 4], 3);
      const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC', dilations: 1 };
      runDirectly(configs, 'Conv2D', { x, filter }, attrs);
      runDirectly(configs, 'Conv2DBackpropInput', { dy, filter }, { ...attrs, inputShape: x.shape });
      runDirectly(configs, 'Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: filter.shape });
      runDirectly(configs, 'FusedConv2D', { x, filter }, { ...attrs, activation: 'relu' });
      expect(calls).to.deep.equal([0, 1, 2, 0]);
      runDirectly(configs, 'Conv2D', { x, filter }, { ...attrs, dilations: 2 });
      runDirectly(configs, 'Conv2D', { x: x.reshape([2, 3, 7, 9]), filter }, { ...attrs, dataFormat: 'NCHW' });
      runDirectly(configs, 'Conv2D', { x: x.toInt(), filter }, attrs);
      expect(calls).to.have.length(4);
    });
    const [[native, cpu]] = await onBoth(() =>
      tf.conv2d(
        randomTensor([2, 9, 9, 3], 4) as tf.Tensor4D,
        randomTensor([3, 3, 3, 4], 5) as tf.Tensor4D,
        1,
        'same',
        'NHWC',
        2,
      ),
    );
    expectClose(native, cpu, 1e-4, 'dilated');
  });
});
