import { expect } from 'chai';
import { tf } from '../src/index';
import { skipBecause } from './helpers';

/** The gradients of a correlation and a max pool of `x`, by `x` and the filter, on one backend. */
async function gradientsOn(
  backend: string,
  [h, w]: number[],
  window: [number, number],
  stride: [number, number],
): Promise<number[]> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const x = tf.randomNormal([2, h, w, 3], 0, 1, 'float32', 1);
    const filter = tf.randomNormal([...window, 3, 4], 0, 1, 'float32', 2);
    const f = (a: tf.Tensor, b: tf.Tensor): tf.Scalar => {
      const y = tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, 'valid');
      const p = tf.maxPool(a as tf.Tensor4D, window, stride, 'valid');
      const ry = tf.randomNormal(y.shape, 0, 1, 'float32', 3);
      const rp = tf.randomNormal(p.shape, 0, 1, 'float32', 4);
      return tf.add(tf.sum(tf.mul(y, ry)), tf.sum(tf.mul(p, rp)));
    };
    const [gx, gf] = tf.grads(f)([x, filter]);
    return [...gx.dataSync(), ...gf.dataSync()];
  });
}

describe("wasm: tsnets' filter and max-pool gradients agree with the cpu backend", () => {
  const cases: Array<[number[], [number, number], [number, number]]> = [
    [
      [6, 6],
      [2, 2],
      [2, 2],
    ],
    [
      [7, 7],
      [2, 2],
      [2, 2],
    ],
    [
      [7, 5],
      [2, 3],
      [1, 2],
    ],
    [
      [9, 8],
      [3, 2],
      [2, 1],
    ],
    [
      [12, 12],
      [5, 5],
      [1, 1],
    ],
  ];
  let original = '';
  before(function () {
    original = tf.getBackend();
    // The replacements serve wasm; runs of the suite on another backend leave the backend alone.
    if (original !== 'wasm') skipBecause(this, `the suite runs on ${original}; these kernels are wasm's`);
  });
  after(async () => {
    await tf.setBackend(original);
  });
  for (const [image, window, stride] of cases) {
    it(`${image.join('x')} image, ${window.join('x')} window, stride ${stride.join('x')}`, async () => {
      const before = tf.memory().numTensors;
      const cpu = await gradientsOn('cpu', image, window, stride);
      const wasm = await gradientsOn('wasm', image, window, stride);
      expect(wasm).to.have.lengthOf(cpu.length);
      const worst = Math.max(...cpu.map((v, i) => Math.abs(v - wasm[i]) / (1 + Math.abs(v))));
      expect(worst).to.be.below(1e-4);
      expect(tf.memory().numTensors).to.equal(before);
    });
  }
});
