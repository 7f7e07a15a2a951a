/**
 * Reuse of the float32 arrays the native kernels write their outputs to.
 *
 * A training step allocates and frees the same few dozen arrays every step,
 * some of them megabytes. Left to V8, each one is a fresh zero-filled
 * ArrayBuffer, and their external memory sets off a full garbage collection
 * every two or three steps (about 2.5 ms per autoencoder step, a sixth of it).
 * The pool instead keeps the arrays of disposed tensors, by length, and hands
 * them out again unzeroed: a kernel that takes one writes every element.
 *
 * Only arrays the pool allocated come back to it, and only when no live
 * tensor and no reader can still see them:
 * - the backend counts the tensors whose values lie in each pooled buffer
 *   (the cpu kernels' Slice stores a view of its input), and an array returns
 *   when the count drops to zero;
 * - an array ever handed out by `readSync` (`dataSync`, `data`, `array`, and
 *   some cpu kernels) is the caller's to keep and never returns.
 */

/** The free memory the pool keeps for reuse unless told otherwise (`TSNETS_NATIVE_POOL_MB`). */
export const DEFAULT_POOL_MB = 128;

/** Arrays shorter than this are left to V8: small buffers cost it little. */
const MIN_POOLED_LENGTH = 1024;

/** An uninitialized float32 array (`new Float32Array` zero-fills, which costs a pass over it). */
function uninitialized(length: number): Float32Array {
  const bytes = Buffer.allocUnsafeSlow(length * Float32Array.BYTES_PER_ELEMENT);
  return new Float32Array(bytes.buffer, bytes.byteOffset, length);
}

/** A buffer the pool allocated: its array, the live tensors whose values lie in it, and whether a reader saw it. */
interface Owned {
  array: Float32Array;
  users: number;
  exposed: boolean;
}

export class BufferPool {
  /** Free arrays by length, least recently used length first (Map keeps insertion order). */
  private readonly free = new Map<number, Float32Array[]>();
  /** Each buffer this pool allocated (weakly: one never stored in a tensor is V8's to collect). */
  private readonly owned = new WeakMap<ArrayBufferLike, Owned>();
  private freeBytes = 0;

  /** @param capacityBytes the most free memory kept for reuse; 0 turns reuse off. */
  constructor(private readonly capacityBytes: number) {}

  /** An array of `length` floats with arbitrary contents, reused when one is free. */
  allocate(length: number): Float32Array {
    if (length < MIN_POOLED_LENGTH || this.capacityBytes === 0) return new Float32Array(length);
    const bucket = this.free.get(length);
    const reused = bucket?.pop();
    if (reused !== undefined) {
      this.freeBytes -= reused.byteLength;
      if (bucket!.length === 0) this.free.delete(length);
      return reused;
    }
    const array = uninitialized(length);
    this.owned.set(array.buffer, { array, users: 0, exposed: false });
    return array;
  }

  /** A tensor now holds `values` (called for every tensor the backend stores). */
  retain(values: unknown): void {
    const entry = this.entry(values);
    if (entry !== undefined) entry.users += 1;
  }

  /** A tensor holding `values` is gone; its array is reused once no tensor holds it. */
  release(values: unknown): void {
    const entry = this.entry(values);
    if (entry === undefined) return;
    entry.users -= 1;
    if (entry.users === 0 && !entry.exposed) this.keep(entry.array);
  }

  /** `values` went to a reader: their buffer is never reused. */
  expose(values: unknown): void {
    const entry = this.entry(values);
    if (entry !== undefined) entry.exposed = true;
  }

  /** Free bytes kept for reuse. */
  get bytesFree(): number {
    return this.freeBytes;
  }

  /** Drops every free array (to V8's collector). */
  clear(): void {
    this.free.clear();
    this.freeBytes = 0;
  }

  private entry(values: unknown): Owned | undefined {
    return ArrayBuffer.isView(values) ? this.owned.get(values.buffer) : undefined;
  }

  private keep(array: Float32Array): void {
    if (array.byteLength > this.capacityBytes) return;
    // The least recently used lengths go first to make room.
    for (const [length, bucket] of this.free) {
      if (this.freeBytes + array.byteLength <= this.capacityBytes) break;
      this.freeBytes -= bucket.length * length * Float32Array.BYTES_PER_ELEMENT;
      this.free.delete(length);
    }
    const bucket = this.free.get(array.length) ?? [];
    this.free.delete(array.length);
    bucket.push(array);
    this.free.set(array.length, bucket);
    this.freeBytes += array.byteLength;
  }
}
