/** core's matMul and dot: values and gradients against products written out by hand. */
import { expect } from 'chai';
import { dot, matMul, tf } from '../src/index';
import { leakFree } from './helpers';

/** The row-major product of an m x k and a k x n matrix, in plain loops. */
function product(a: number[], b: number[], m: number, k: number, n: number): number[] {
  const out = new Array<number>(m * n).fill(0);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      for (let p = 0; p < k; p++) out[i * n + j] += a[i * k + p] * b[p * n + j];
    }
  }
  return out;
}

/** The transpose of a rows x cols matrix. */
function transposed(x: number[], rows: number, cols: number): number[] {
  return Array.from({ length: rows * cols }, (_, t) => x[(t % rows) * cols + Math.floor(t / rows)]);
}

function expectValues(actual: tf.Tensor, expected: number[]): void {
  const values = Array.from(actual.dataSync());
  expect(values.length).to.equal(expected.length);
  values.forEach((v, i) => expect(v, `entry ${i}`).to.be.closeTo(expected[i], 1e-4 * (1 + Math.abs(expected[i]))));
}

describe('matMul and dot', () => {
  const [m, k, n] = [3, 5, 4];
  const A = Array.from({ length: m * k }, (_, i) => Math.sin(i + 1));
  const B = Array.from({ length: k * n }, (_, i) => Math.cos(2 * i + 1));
  const C = Array.from({ length: m * n }, (_, i) => (i % 3) - 1 + i / 10);

  it(
    'multiplies as the product written out',
    leakFree(() => {
      tf.tidy(() => expectValues(matMul(tf.tensor2d(A, [m, k]), tf.tensor2d(B, [k, n])), product(A, B, m, k, n)));
    }),
  );

  it(
    'has the gradients C·Bᵀ and Aᵀ·C of sum(matMul(A, B) * C), on the backend in use',
    leakFree(() => {
      tf.tidy(() => {
        const c = tf.tensor2d(C, [m, n]);
        const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.mul(matMul(a as tf.Tensor2D, b as tf.Tensor2D), c)),
        );
        const [da, db] = grads([tf.tensor2d(A, [m, k]), tf.tensor2d(B, [k, n])]);
        expectValues(da, product(C, transposed(B, k, n), m, n, k));
        expectValues(db, product(transposed(A, m, k), C, k, m, n));
      });
    }),
  );

  it(
    'differentiates only the inputs the tape needs: one product backward for the weights of a layer on data',
    leakFree(async () => {
      const [x, c] = [tf.tensor2d(A, [m, k]), tf.tensor2d(C, [m, n])];
      const w = tf.tidy(() => tf.variable(tf.tensor2d(B, [k, n])));
      const info = await tf.profile(() => {
        const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(matMul(x, w), c)), [w]);
        expectValues(grads[w.name], product(transposed(A, m, k), C, k, m, n));
        tf.dispose([value, grads[w.name]]);
      });
      const products = info.kernels.filter((kernel) => /MatMul/.test(kernel.name));
      // The forward product and x^T · c; c · w^T (the gradient with respect to x) is never computed.
      expect(products.map((kernel) => kernel.name)).to.have.length(2);
      tf.dispose([x, w, c]);
    }),
  );

  it(
    'dot folds leading axes into rows and back',
    leakFree(() => {
      tf.tidy(() => {
        const x = tf.tensor3d([...A, ...A.map((v) => -v)], [2, m, k]);
        const out = dot(x, tf.tensor2d(B, [k, n]));
        expect(out.shape).to.deep.equal([2, m, n]);
        const ab = product(A, B, m, k, n);
        expectValues(out, [...ab, ...ab.map((v) => -v)]);
      });
    }),
  );
});
