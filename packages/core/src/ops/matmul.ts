import { tf } from '../tf';

/**
 * The kernel of `a · b` on wasm with a gradient that transposes explicitly
 * before multiplying. There a matMul with `transposeA` or `transposeB` runs
 * about 14 times slower than a plain one, and tfjs's own matMul gradient
 * uses those flags. The gradient is registered per input, like tfjs' own, so
 * the tape computes only the ones it needs: the first layer's product skips
 * the gradient with respect to the data (a `tf.customGrad` would compute
 * both).
 */
const PLAIN_MAT_MUL = 'TsnetsPlainMatMul';

/** Registers the kernel (wasm's BatchMatMul without transposes) and its gradient, once per process. */
function registerPlainMatMul(): void {
  if (tf.getKernel(PLAIN_MAT_MUL, 'wasm') !== undefined) return;
  const batchMatMul = tf.getKernel(tf.BatchMatMul, 'wasm').kernelFunc;
  tf.registerKernel({
    kernelName: PLAIN_MAT_MUL,
    backendName: 'wasm',
    kernelFunc: (args) => batchMatMul({ ...args, attrs: { transposeA: false, transposeB: false } }),
  });
  tf.registerGradient({
    kernelName: PLAIN_MAT_MUL,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const [a, b] = saved as [tf.Tensor2D, tf.Tensor2D];
      return {
        a: () => tf.matMul(dy as tf.Tensor2D, tf.transpose(b)),
        b: () => tf.matMul(tf.transpose(a), dy as tf.Tensor2D),
      };
    },
  });
}

/** `a · b` through the plain kernel (shapes checked by tf.matMul's error when they do not fit). */
function plainProductMatMul(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  if (a.shape[1] !== b.shape[0] || a.dtype !== 'float32' || b.dtype !== 'float32') return tf.matMul(a, b);
  registerPlainMatMul();
  return tf.engine().runKernel(PLAIN_MAT_MUL, { a, b }, {}) as tf.Tensor2D;
}

/**
 * `a · b` for rank-2 tensors. On wasm, through a gradient of plain products
 * (see above). Elsewhere (tsnets-native, cpu, tensorflow) the transpose flags
 * cost nothing and tfjs' own matMul is used.
 */
export function matMul(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.getBackend() === 'wasm' ? plainProductMatMul(a, b) : tf.matMul(a, b);
}

/** `x · w` over the last axis of `x` (any rank >= 2), through `matMul`. */
export function dot(x: tf.Tensor, w: tf.Tensor2D): tf.Tensor {
  if (x.rank === 2) return matMul(x as tf.Tensor2D, w);
  const lead = x.shape.slice(0, -1);
  const flat = tf.reshape(x, [-1, x.shape[x.rank - 1]]) as tf.Tensor2D;
  return tf.reshape(matMul(flat, w), [...lead, w.shape[1]]);
}
