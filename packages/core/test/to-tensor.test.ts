/** `toTensor`, the conversion every array passes through: dtypes, and errors that name the value and its place. */
import { expect } from 'chai';
import { DataError, tf, toTensor } from '../src/index';
import { leakFree } from './helpers';

/** The DataError `toTensor(value, 'x')` throws. */
function refused(value: unknown): DataError {
  try {
    tf.dispose(toTensor(value as number[][], 'x'));
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(DataError);
    return error as DataError;
  }
  throw new Error(`${JSON.stringify(value)} should be refused`);
}

describe('toTensor', () => {
  it(
    'casts a tensor of the other dtype and returns one of the asked dtype as it is',
    leakFree(() => {
      const ints = tf.tensor1d([1, 2, 3], 'int32');
      const floats = tf.tensor1d([1.5, -2, 3]);
      tf.tidy(() => {
        const asFloat = toTensor(ints, 'x', 'float32');
        expect(asFloat.dtype).to.equal('float32');
        expect(Array.from(asFloat.dataSync())).to.deep.equal([1, 2, 3]);
        const asInt = toTensor(floats, 'x', 'int32');
        expect(asInt.dtype).to.equal('int32');
        // A cast to int32 truncates toward zero.
        expect(Array.from(asInt.dataSync())).to.deep.equal([1, -2, 3]);
        expect(toTensor(floats, 'x')).to.equal(floats);
        expect(toTensor(ints, 'x', 'int32')).to.equal(ints);
      });
      expect(ints.isDisposed || floats.isDisposed, 'the caller’s tensors are not disposed').to.equal(false);
      tf.dispose([ints, floats]);
    }),
  );

  it('refuses a disposed tensor, saying so', () => {
    const t = tf.tensor1d([1]);
    t.dispose();
    expect(refused(t).message).to.include('the tensor was disposed. Pass a live tensor.');
  });

  it('a non-number names its row, its column and its value, and the fix', () => {
    const error = refused([
      [1, 2, 3],
      [4, 5, 'six'],
    ]);
    expect([error.array, error.row, error.column]).to.deep.equal(['x', 1, 2]);
    expect(error.message).to.equal(
      'Invalid x: row 1, column 2 is "six", not a number. Convert values to numbers first.',
    );
  });

  it('a value where a row belongs is shown as it is: a string quoted, null, a number', () => {
    expect(refused([[1, 2], 'ab']).message).to.include('x[1] is "ab", but x[0] is an array of 2');
    expect(refused([[1, 2], null]).message).to.include('x[1] is null, but x[0]');
    expect(refused([[1, 2], 7]).message).to.include('x[1] is 7, but x[0]');
  });

  it('an array where a value belongs names its row and column', () => {
    const error = refused([
      [1, 2],
      [3, [4]],
    ]);
    expect([error.row, error.column]).to.deep.equal([1, 1]);
    expect(error.message).to.include('x[1][1] is an array, but x[0][0] is a value');
  });
});
