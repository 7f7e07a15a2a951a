import { expect } from 'chai';
import { DataError, tf, type TrainData } from '@tsnets/core';
import { createDataset, exampleSize, flatten, hasLabels, rowCount, rowRange, selectRows } from '../src/dataset';
import { toArrays, toTensors } from '../src/tensors';

const images = () =>
  createDataset(
    Float32Array.from({ length: 12 }, (_, i) => i),
    [3, 2, 2],
    { labels: new Int32Array([2, 0, 1]), classNames: ['a', 'b', 'c'] },
  );

describe('Dataset', () => {
  it('checks that its parts agree', () => {
    const ds = images();
    expect([rowCount(ds), exampleSize(ds), ds.classes, hasLabels(ds)]).to.deep.equal([3, 4, 3, true]);
    expect(() => createDataset(new Float32Array(5), [2, 2])).to.throw(DataError, /5 values/);
    expect(() => createDataset(new Float32Array(4), [2, 2], { labels: new Int32Array(3) })).to.throw(
      DataError,
      /3 labels for 2 rows/,
    );
    expect(() => createDataset(new Float32Array(4), [2, 2], { labels: new Int32Array([0, -1]) })).to.throw(
      DataError,
      /negative/,
    );
    expect(() => createDataset(new Float32Array(4), [2, 2], { labels: new Int32Array([0, 4]), classes: 3 })).to.throw(
      DataError,
      /3 classes/,
    );
    expect(hasLabels(createDataset(new Float32Array(4), [2, 2]))).to.equal(false);
  });

  it('selects rows and flattens', () => {
    const picked = selectRows(images(), [2, 0, 2]);
    expect(picked.shape).to.deep.equal([3, 2, 2]);
    expect(Array.from(picked.x)).to.deep.equal([8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11]);
    expect(Array.from(picked.labels!)).to.deep.equal([1, 2, 1]);
    expect(picked.classNames).to.deep.equal(['a', 'b', 'c']);
    expect(() => selectRows(images(), [3])).to.throw(DataError, /outside/);
    const flat = flatten(images());
    expect(flat.shape).to.deep.equal([3, 4]);
    expect(flat.labels).to.deep.equal(images().labels);
    const source = images();
    expect(flatten(source).x).to.equal(source.x);
  });

  it('converts to tensors the caller owns, leaking none after dispose', () => {
    const before = tf.memory().numTensors;
    const ds = images();
    const [x, y] = toTensors(ds);
    expect(x.shape).to.deep.equal([3, 2, 2]);
    expect(x.dtype).to.equal('float32');
    expect(y.dtype).to.equal('int32');
    expect(Array.from(y.dataSync())).to.deep.equal([2, 0, 1]);
    expect(Array.from(x.dataSync())).to.deep.equal(Array.from(ds.x));
    ds.x[0] = 99; // the tensor holds its own copy
    expect(x.dataSync()[0]).to.equal(0);
    tf.dispose([x, y]);
    const unlabeled = toTensors(createDataset(new Float32Array(4), [2, 2]));
    expect(unlabeled).to.have.length(1);
    tf.dispose(unlabeled);
    expect(tf.memory().numTensors).to.equal(before);
  });

  it('shares the arrays with the tensors when told not to copy (seen on the cpu backend, which keeps them)', async () => {
    const previous = tf.getBackend();
    await tf.setBackend('cpu');
    try {
      const ds = images();
      const [shared, sharedLabels] = toTensors(ds, { copy: false });
      const [copied, copiedLabels] = toTensors(ds);
      ds.x[0] = 99;
      ds.labels![0] = 7;
      expect([shared.dataSync()[0], sharedLabels.dataSync()[0]]).to.deep.equal([99, 7]);
      expect([copied.dataSync()[0], copiedLabels.dataSync()[0]]).to.deep.equal([0, 2]);
      tf.dispose([shared, sharedLabels, copied, copiedLabels]);
    } finally {
      await tf.setBackend(previous);
    }
  });

  it('takes a range of rows as views of the values and labels', () => {
    const ds = images();
    const middle = rowRange(ds, 1, 3);
    expect(middle.shape).to.deep.equal([2, 2, 2]);
    expect(Array.from(middle.x)).to.deep.equal([4, 5, 6, 7, 8, 9, 10, 11]);
    expect(Array.from(middle.labels!)).to.deep.equal([0, 1]);
    expect(middle.classes).to.equal(ds.classes);
    expect(middle.x.buffer).to.equal(ds.x.buffer);
    expect(rowRange(ds, 3, 3).shape).to.deep.equal([0, 2, 2]);
  });

  it('converts to nested arrays for net.train', () => {
    const [x, y] = toArrays(images());
    expect(x).to.deep.equal([
      [
        [0, 1],
        [2, 3],
      ],
      [
        [4, 5],
        [6, 7],
      ],
      [
        [8, 9],
        [10, 11],
      ],
    ]);
    expect(y).to.deep.equal([2, 0, 1]);
    expect(toArrays(flatten(images()))[0]).to.deep.equal([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9, 10, 11],
    ]);
    expect(toArrays(createDataset(new Float32Array([1, 2]), [2]))).to.deep.equal([[1, 2]]);
    expect(() => toArrays(createDataset(new Float32Array(1), [1, 1, 1, 1, 1]))).to.throw(DataError, /flatten/);
    // Both forms type-check as training data for net.train.
    const asArrays: TrainData = toArrays(images());
    const tensors = toTensors(images());
    const asTensors: TrainData = tensors;
    expect([asArrays.length, (asTensors as unknown[]).length]).to.deep.equal([2, 2]);
    tf.dispose(tensors);
  });
});
