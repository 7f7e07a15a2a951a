/**
 * Loads the C++ addon once. Loading never throws: a missing or broken build
 * leaves `addon` undefined and `loadError` saying why.
 */
import * as path from 'node:path';
import { DEFAULT_POOL_MB } from './pool';
import { addonDisabled, addonNotLoaded, badPoolSize } from './messages';

/** The functions of build/Release/tsnets_native.node (see native/addon.cc). */
export interface NativeAddon {
  /** C = alpha * op(A) * op(B) + beta * C on row-major matrices, BLAS-style. */
  gemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: Float32Array,
    lda: number,
    b: Float32Array,
    ldb: number,
    beta: number,
    c: Float32Array,
    ldc: number,
  ): void;
  /** `batch` dense products C_i = op(A_i) * op(B_i); a stride of 0 broadcasts one matrix. */
  gemmBatched(
    transA: boolean,
    transB: boolean,
    batch: number,
    m: number,
    n: number,
    k: number,
    a: Float32Array,
    strideA: number,
    b: Float32Array,
    strideB: number,
    c: Float32Array,
    strideC: number,
  ): void;
  /** In place: c = act(c + bias) over a rows x cols matrix; bias and slope have 1 or cols entries. */
  biasActivation(
    c: Float32Array,
    rows: number,
    cols: number,
    bias: Float32Array | null,
    activation: number,
    slope: Float32Array | null,
    leakyAlpha: number,
  ): void;
  /**
   * out[i] = a[(i / aRepeat) % a.length] op b[(i / bRepeat) % b.length], op 0 to 4 being +, -, *, /,
   * squared difference. With repeats of 1 (the default) one operand has out.length values and the
   * other a divisor of it; else one is a column (length * repeat == out.length) and the other full.
   */
  binary(op: number, a: Float32Array, b: Float32Array, out: Float32Array, aRepeat?: number, bRepeat?: number): void;
  /** As `binary`, with op 0 to 5 being <, <=, >, >=, ==, != and the results 1 or 0. */
  compare(op: number, a: Float32Array, b: Float32Array, out: Uint8Array, aRepeat?: number, bRepeat?: number): void;
  /**
   * SGD in one pass (see native/updates.h): pOut = p - lr * g, or with momentum the new velocity and
   * parameter (classical or Nesterov); v and vOut are null without momentum. Every array has p's length.
   */
  sgdUpdate(
    p: Float32Array,
    g: Float32Array,
    v: Float32Array | null,
    learningRate: number,
    momentum: number,
    nesterov: boolean,
    pOut: Float32Array,
    vOut: Float32Array | null,
  ): void;
  /** Adam in one pass (see native/updates.h): the new parameter and moments. Every array has p's length. */
  adamUpdate(
    p: Float32Array,
    g: Float32Array,
    m: Float32Array,
    s: Float32Array,
    pOut: Float32Array,
    mOut: Float32Array,
    sOut: Float32Array,
    learningRate: number,
    beta1: number,
    beta2: number,
    epsilon: number,
    correction1: number,
    correction2: number,
  ): void;
  /** out[i] = op(x[i]), op 0 to 9 being relu, step, square, sqrt, neg, exp, log, sigmoid, tanh, abs. */
  unary(op: number, x: Float32Array, out: Float32Array, alpha: number): void;
  /** Sums x viewed as [outer, mid, inner] over its middle axis into out ([outer, inner]), times scale. */
  reduceSum(x: Float32Array, outer: number, mid: number, inner: number, scale: number, out: Float32Array): void;
  /** The mean of |x| (power 1) or of x squared (power 2) over a non-empty x (see native/updates.h). */
  penaltyValue(x: Float32Array, power: 1 | 2): number;
  /** The gradient of `penaltyValue` times `dy` into out, tf's arithmetic (the Abs gradient is -1 at 0). */
  penaltyGrad(x: Float32Array, power: 1 | 2, dy: number, out: Float32Array): void;
  /** The softmax of each row of a rows x cols matrix x into out (cols >= 1). */
  softmax(x: Float32Array, rows: number, cols: number, out: Float32Array): void;
  /**
   * Runs a whole-sequence recurrent cell (0 rnn, 1 gru, 2 lstm; see native/recurrent.cc for the slots) forward or
   * backward over N sequences of T steps of n units; activation 0 linear, 1 relu, 2 tanh, 3 sigmoid.
   */
  cell(
    cell: number,
    backward: boolean,
    reverse: boolean,
    activation: number,
    batch: number,
    steps: number,
    units: number,
    inputs: Float32Array[],
    outputs: Float32Array[],
  ): void;
  /**
   * A 2-d convolution over NHWC images (see native/conv.h); `geometry` is [batch, inH, inW, inC, outH, outW,
   * outC, filterH, filterW, strideH, strideW, padTop, padLeft]. Mode 0: out = conv(x = a, filter = b);
   * 1: out = dx from dy = a and filter = b; 2: out = dfilter from x = a and dy = b.
   */
  conv2d(mode: number, geometry: number[], a: Float32Array, b: Float32Array, out: Float32Array): void;
  /**
   * Pooling over NHWC images, geometry as `conv2d` with outC = inC. Op 0: out = maxPool(x = a); 1: avgPool(a);
   * 2: out = dx of maxPool from x = a and dy = b; 3: out = dx of avgPool from dy = a (b null).
   */
  pool2d(op: number, geometry: number[], a: Float32Array, b: Float32Array | null, out: Float32Array): void;
  /** Raises glibc's mmap and trim thresholds; false where the C library is not glibc. */
  tuneAllocator(): boolean;
  /** Swaps the last two axes of `batch` dense rows x cols matrices of x into out. */
  transposeLast2(x: Float32Array, batch: number, rows: number, cols: number, out: Float32Array): void;
  /** The micro-kernel in use: 'avx512', 'avx2' or 'portable'. */
  simd(): string;
  /** Switches to another micro-kernel the CPU supports ('auto' for the widest); false if unsupported. */
  setSimd(name: string): boolean;
  /** Threads a large product uses. */
  threads(): number;
  /** Caps the threads of later products; returns the cap in force. */
  setMaxThreads(n: number): number;
}

/** The environment variable that turns the addon off (`TSNETS_NATIVE=off`). */
export const DISABLE_VARIABLE = 'TSNETS_NATIVE';

/** The environment variable that sets the output pool's free memory in megabytes (`TSNETS_NATIVE_POOL_MB=0`: none). */
export const POOL_VARIABLE = 'TSNETS_NATIVE_POOL_MB';

const ADDON_FILE = path.join(__dirname, '..', '..', 'build', 'Release', 'tsnets_native.node');

/** The pool size `TSNETS_NATIVE_POOL_MB` asks for (the default when unset), and what is wrong with it, if anything. */
function poolSetting(): { megabytes: number; error?: string } {
  const value = process.env[POOL_VARIABLE];
  if (value === undefined || value === '') return { megabytes: DEFAULT_POOL_MB };
  const megabytes = Number(value);
  if (Number.isFinite(megabytes) && megabytes >= 0) return { megabytes };
  return { megabytes: DEFAULT_POOL_MB, error: badPoolSize(POOL_VARIABLE, value) };
}

const pool = poolSetting();

function load(): { addon?: NativeAddon; error?: string } {
  if (pool.error !== undefined) return { error: pool.error };
  if (process.env[DISABLE_VARIABLE] === 'off') return { error: addonDisabled(`${DISABLE_VARIABLE}=off`) };
  try {
    return { addon: require(ADDON_FILE) as NativeAddon };
  } catch (err) {
    return { error: addonNotLoaded(ADDON_FILE, err instanceof Error ? err.message : String(err)) };
  }
}

const loaded = load();

/** The loaded addon, or undefined when it could not be loaded. */
export const addon: NativeAddon | undefined = loaded.addon;

/** Why `addon` is undefined. */
export const loadError: string | undefined = loaded.error;

/** The free memory the backend's output pool keeps for reuse, in megabytes. */
export const poolMegabytes: number = pool.megabytes;
