/** The output pool: which arrays come back for reuse, and that no tensor or reader ever sees its values change. */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { BACKEND_NAME, NativeBackend } from '../src/index';
import { BufferPool } from '../src/pool';
import { nativeSuite, randomTensor } from './helpers';

const MB = 2 ** 20;
const BYTES = Float32Array.BYTES_PER_ELEMENT;

describe('BufferPool', () => {
  it('hands a released array out again for the same length only', () => {
    const pool = new BufferPool(MB);
    const first = pool.allocate(4096);
    pool.retain(first);
    pool.release(first);
    expect(pool.bytesFree).to.equal(4096 * BYTES);
    expect(pool.allocate(2048)).to.not.equal(first);
    expect(pool.allocate(4096)).to.equal(first);
    expect(pool.bytesFree).to.equal(0);
  });

  it('waits for the last tensor whose values lie in the buffer (a view counts)', () => {
    const pool = new BufferPool(MB);
    const whole = pool.allocate(4096);
    const view = whole.subarray(0, 100);
    pool.retain(whole);
    pool.retain(view);
    pool.release(whole);
    expect(pool.allocate(4096)).to.not.equal(whole);
    pool.release(view);
    expect(pool.allocate(4096)).to.equal(whole);
  });

  it('never reuses an array a reader has seen, nor one it did not allocate', () => {
    const pool = new BufferPool(MB);
    const read = pool.allocate(4096);
    pool.retain(read);
    pool.expose(read.subarray(10));
    pool.release(read);
    const foreign = new Float32Array(4096);
    pool.retain(foreign);
    pool.release(foreign);
    expect(pool.bytesFree).to.equal(0);
    expect(pool.allocate(4096)).to.not.be.oneOf([read, foreign]);
  });

  it('leaves small arrays to V8: zeroed and never pooled', () => {
    const pool = new BufferPool(MB);
    const small = pool.allocate(100);
    expect(Array.from(small).every((v) => v === 0)).to.equal(true);
    pool.retain(small);
    pool.release(small);
    expect(pool.bytesFree).to.equal(0);
  });

  it('keeps at most its capacity, dropping the least recently used length first', () => {
    const pool = new BufferPool(3 * 4096 * BYTES);
    const [a, b, c] = [pool.allocate(4096), pool.allocate(4096), pool.allocate(8192)];
    for (const array of [a, b, c]) pool.retain(array);
    pool.release(a);
    pool.release(b);
    expect(pool.bytesFree).to.equal(2 * 4096 * BYTES);
    pool.release(c); // needs 2 x 4096 floats of room: both shorter arrays go
    expect(pool.bytesFree).to.equal(8192 * BYTES);
    expect(pool.allocate(4096)).to.not.be.oneOf([a, b]);
    expect(pool.allocate(8192)).to.equal(c);
  });

  it('with capacity 0 allocates every array anew', () => {
    const pool = new BufferPool(0);
    const first = pool.allocate(4096);
    pool.retain(first);
    pool.release(first);
    expect(pool.allocate(4096)).to.not.equal(first);
  });
});

describe('the native backend with its pool', () => {
  nativeSuite();
  beforeEach(() => tf.setBackend(BACKEND_NAME));

  const pool = () => (tf.backend() as NativeBackend).pool;
  /** x + x, x * x and the first rows of x + x, computed here from x's values. */
  const expected = (x: tf.Tensor, rows = 64) => {
    const values = x.dataSync<'float32'>();
    return {
      sum: values.map((v) => v + v),
      square: values.map((v) => Math.fround(v * v)),
      firstRows: values.slice(0, rows * 100).map((v) => v + v),
    };
  };

  it('reuses the output of a disposed tensor for the next output of its size', () => {
    const x = randomTensor([64, 100], 1);
    const sum = tf.add(x, x);
    const freeBefore = pool().bytesFree;
    sum.dispose();
    expect(pool().bytesFree).to.equal(freeBefore + 6400 * BYTES);
    const square = tf.mul(x, x);
    expect(pool().bytesFree).to.equal(freeBefore);
    expect(Array.from(square.dataSync())).to.deep.equal(Array.from(expected(x).square));
    tf.dispose([x, square]);
  });

  it('never overwrites values a caller read with dataSync', () => {
    const x = randomTensor([64, 100], 2);
    const sum = tf.add(x, x);
    const read = sum.dataSync();
    sum.dispose();
    const square = tf.mul(x, x);
    expect(Array.from(read)).to.deep.equal(Array.from(expected(x).sum));
    tf.dispose([x, square]);
  });

  it('never overwrites a slice that views a disposed tensor', () => {
    const x = randomTensor([64, 100], 3);
    const sum = tf.add(x, x);
    const top = tf.slice(sum, [0, 0], [32, 100]);
    sum.dispose();
    const square = tf.mul(x, x);
    expect(Array.from(top.dataSync())).to.deep.equal(Array.from(expected(x, 32).firstRows));
    expect(Array.from(square.dataSync())).to.deep.equal(Array.from(expected(x).square));
    tf.dispose([x, top, square]);
  });

  it("never takes an app's own array", () => {
    const own = new Float32Array(6400).fill(7);
    const x = tf.tensor(own, [64, 100]);
    const freeBefore = pool().bytesFree;
    x.dispose();
    expect(pool().bytesFree).to.equal(freeBefore);
    const y = randomTensor([64, 100], 4);
    const sum = tf.add(y, y);
    expect(own.every((v) => v === 7)).to.equal(true);
    tf.dispose([y, sum]);
  });

  it('reports a pool size that is not a number of megabytes and stays unavailable', () => {
    const entry = path.join(__dirname, '..', 'src', 'index.js');
    const script = `const m = require(${JSON.stringify(entry)}); console.log(JSON.stringify([m.available(), m.unavailableReason()]));`;
    const out = execFileSync(process.execPath, ['-e', script], {
      env: { ...process.env, TSNETS_NATIVE_POOL_MB: 'lots' },
    });
    const [ok, reason] = JSON.parse(out.toString());
    expect(ok).to.equal(false);
    expect(reason).to.match(/TSNETS_NATIVE_POOL_MB must be a number of megabytes >= 0.*got 'lots'/);
  });
});
