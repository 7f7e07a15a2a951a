import type { RandomState } from '../../rng/random-state';

/** How a weight matrix is initialized. */
export interface MatrixInit {
  mean: number;
  std: number;
  /** Fraction of weights set to zero (the leading diagonal is kept). */
  sparsity: number;
  /** When non-zero: a matrix with this value on its diagonal and zeros elsewhere. */
  diagonal: number;
}

/**
 * A `rows x cols` matrix, row-major, drawn as theanets' `random_matrix`:
 * `mean + std * randn`, then a Bernoulli(1 - sparsity) mask that keeps the
 * leading diagonal, then, if `diagonal` is set, the diagonal matrix instead.
 */
export function randomMatrix(rows: number, cols: number, init: MatrixInit, rng: RandomState): Float64Array {
  const values = rng.randn(rows * cols).map((v) => init.mean + init.std * v);
  if (init.sparsity > 0 && init.sparsity < 1) {
    const k = Math.min(rows, cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const keep = rng.binomial(1, 1 - init.sparsity) === 1 || (i === j && i < k);
        if (!keep) values[i * cols + j] = 0;
      }
    }
  }
  if (init.diagonal !== 0) {
    values.fill(0);
    for (let i = 0; i < Math.min(rows, cols); i++) values[i * cols + i] = init.diagonal;
  }
  return values;
}

/** A vector drawn from `N(mean, std^2)`, as theanets' `random_vector`. */
export function randomVector(size: number, mean: number, std: number, rng: RandomState): Float64Array {
  return rng.randn(size).map((v) => mean + std * v);
}

/**
 * The largest singular value of a `rows x cols` row-major matrix, by power
 * iteration on `AᵀA` in double precision (theanets rescales by `s[0]` of an SVD).
 */
export function largestSingularValue(values: ArrayLike<number>, rows: number, cols: number): number {
  let v = new Float64Array(cols).fill(1 / Math.sqrt(cols));
  let sigma = 0;
  for (let iteration = 0; iteration < 10000; iteration++) {
    const av = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let sum = 0;
      for (let j = 0; j < cols; j++) sum += values[i * cols + j] * v[j];
      av[i] = sum;
    }
    const next = new Float64Array(cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) next[j] += values[i * cols + j] * av[i];
    const norm = Math.sqrt(next.reduce((s, x) => s + x * x, 0));
    if (norm === 0) return 0;
    const estimate = Math.sqrt(norm);
    next.forEach((x, j) => (next[j] = x / norm));
    v = next;
    if (Math.abs(estimate - sigma) <= 1e-13 * estimate) return estimate;
    sigma = estimate;
  }
  return sigma;
}

/** Scales a matrix so that its largest singular value is `radius` (theanets' `radius` option). */
export function scaleToRadius(values: Float64Array, rows: number, cols: number, radius: number): Float64Array {
  const largest = largestSingularValue(values, rows, cols);
  return largest === 0 ? values : values.map((v) => (v * radius) / largest);
}
