/** The addon's GEMM called directly: BLAS semantics, every SIMD level, argument checks. */
import { expect } from 'chai';
import { available, nativeAddon, type NativeAddon } from '../src/index';
import { addonMissing, expectClose, randomFloats, skipBecause } from './helpers';

/** alpha * op(A) * op(B) + beta * C in double precision, with leading dimensions. */
function reference(
  ta: boolean,
  tb: boolean,
  [m, n, k]: number[],
  alpha: number,
  a: Float32Array,
  lda: number,
  b: Float32Array,
  ldb: number,
  beta: number,
  c: Float32Array,
  ldc: number,
): Float32Array {
  const out = Float32Array.from(c);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++)
        sum += (ta ? a[p * lda + i] : a[i * lda + p]) * (tb ? b[j * ldb + p] : b[p * ldb + j]);
      out[i * ldc + j] = alpha * sum + (beta === 0 ? 0 : beta * c[i * ldc + j]);
    }
  }
  return out;
}

describe('addon gemm', function () {
  let addon: NativeAddon;
  before(function () {
    if (!available()) skipBecause(this, addonMissing());
    addon = nativeAddon()!;
  });
  after(() => addon?.setSimd('auto'));

  for (const simd of ['avx512', 'avx2', 'portable']) {
    it(`${simd}: alpha, beta and leading dimensions wider than the matrices`, function () {
      if (!addon.setSimd(simd)) skipBecause(this, `this CPU cannot run the ${simd} kernel`);
      const draw = randomFloats(3);
      for (const [m, n, k] of [
        [1, 1, 1],
        [7, 33, 5],
        [13, 17, 300],
        [150, 40, 70],
        [65, 129, 17],
        // Split over threads in column (then row) ranges, with ragged last slivers and tiles.
        [100, 1001, 130],
        [1001, 90, 70],
      ]) {
        for (const ta of [false, true]) {
          for (const tb of [false, true]) {
            const [lda, ldb, ldc] = [(ta ? m : k) + 3, (tb ? k : n) + 1, n + 2];
            const a = draw((ta ? k : m) * lda);
            const b = draw((tb ? n : k) * ldb);
            const c = draw(m * ldc);
            const expected = reference(ta, tb, [m, n, k], 1.5, a, lda, b, ldb, 0.5, c, ldc);
            addon.gemm(ta, tb, m, n, k, 1.5, a, lda, b, ldb, 0.5, c, ldc);
            expectClose(c, expected, 1e-5, `${simd} ${m}x${n}x${k} ta=${ta} tb=${tb}`);
          }
        }
      }
    });
  }

  it('with beta 0 ignores NaN in C, and with K = 0 scales C by beta', () => {
    const c = new Float32Array([NaN, NaN, NaN, NaN]);
    addon.gemm(false, false, 2, 2, 1, 1, new Float32Array([1, 2]), 1, new Float32Array([3, 4]), 2, 0, c, 2);
    expect(Array.from(c)).to.deep.equal([3, 4, 6, 8]);
    addon.gemm(false, false, 2, 2, 0, 1, new Float32Array(0), 0, new Float32Array(0), 2, 0.5, c, 2);
    expect(Array.from(c)).to.deep.equal([1.5, 2, 3, 4]);
  });

  it('rejects arrays too short for the sizes, and other array types', () => {
    const small = new Float32Array(3);
    expect(() => addon.gemm(false, false, 2, 2, 2, 1, small, 2, small, 2, 0, small, 2)).to.throw(
      RangeError,
      /A is too short/,
    );
    const f64 = new Float64Array(4) as unknown as Float32Array;
    expect(() => addon.gemm(false, false, 2, 2, 2, 1, f64, 2, f64, 2, 0, f64, 2)).to.throw(TypeError, /Float32Array/);
    expect(() => addon.gemm(false, false, -1, 2, 2, 1, small, 2, small, 2, 0, small, 2)).to.throw(TypeError);
  });
});
