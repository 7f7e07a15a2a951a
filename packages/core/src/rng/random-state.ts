import { MT19937 } from './mt19937';

/**
 * A seeded random number generator whose streams match NumPy's legacy
 * `numpy.random.RandomState`: the same seed gives the same `randomSample`,
 * `randn` (the polar Gaussian with its cached second value), `binomial`
 * (inversion, NumPy's choice whenever `n * min(p, 1 - p) <= 30`) and
 * `shuffle` draws. tsnets seeds every layer with one, so initial weights match
 * theanets to float32 precision.
 *
 * @example
 * const rng = new RandomState(13);
 * rng.randn(3); // Float64Array [-0.71239066, 0.75376638, -0.04450308]
 */
export class RandomState {
  private readonly mt: MT19937;
  private cachedGauss: number | null = null;

  constructor(seed = 13) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`RandomState: seed must be an integer in [0, 2^32 - 1], got ${seed}`);
    }
    this.mt = new MT19937(seed);
  }

  /** One double in [0, 1) built from two 32-bit draws (53 bits), as NumPy. */
  randomSample(): number {
    const a = this.mt.nextUint32() >>> 5;
    const b = this.mt.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** One standard normal draw (NumPy's legacy polar method). */
  gauss(): number {
    if (this.cachedGauss !== null) {
      const value = this.cachedGauss;
      this.cachedGauss = null;
      return value;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.randomSample() - 1;
      x2 = 2 * this.randomSample() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.cachedGauss = f * x1;
    return f * x2;
  }

  /** `count` standard normal draws in row-major order (`randn(rows, cols)` is `randn(rows * cols)`). */
  randn(count: number): Float64Array {
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) out[i] = this.gauss();
    return out;
  }

  /** `count` uniform draws in [0, 1). */
  rand(count: number): Float64Array {
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) out[i] = this.randomSample();
    return out;
  }

  /** One binomial draw with `n` trials of success probability `p`. */
  binomial(n: number, p: number): number {
    if (n === 0 || p === 0) return 0;
    if (p <= 0.5) return this.binomialInversion(n, p);
    return n - this.binomialInversion(n, 1 - p);
  }

  /** A uniformly drawn integer in [0, max], by NumPy's masked rejection. */
  randomInterval(max: number): number {
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    do {
      value = (this.mt.nextUint32() & mask) >>> 0;
    } while (value > max);
    return value;
  }

  /** Shuffles `items` in place (Fisher-Yates from the end, as NumPy). */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.randomInterval(i);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** A 32-bit integer suitable as the seed of another generator. */
  nextSeed(): number {
    return this.mt.nextUint32();
  }

  private binomialInversion(n: number, p: number): number {
    const q = 1 - p;
    const qn = Math.exp(n * Math.log(q));
    const np = n * p;
    const bound = Math.min(n, Math.floor(np + 10 * Math.sqrt(np * q + 1)));
    let x = 0;
    let px = qn;
    let u = this.randomSample();
    while (u > px) {
      x++;
      if (x > bound) {
        x = 0;
        px = qn;
        u = this.randomSample();
      } else {
        u -= px;
        px = ((n - x + 1) * p * px) / (x * q);
      }
    }
    return x;
  }
}
