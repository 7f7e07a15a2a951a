import { expect } from 'chai';
import { DataError, RandomState } from '@tsnets/core';
import { createDataset, type Dataset } from '../src/dataset';
import { split } from '../src/split';

/** 100 rows whose single feature is the row index; labels cycle 0..3 unevenly. */
function numbered(rows = 100): Dataset {
  const x = Float32Array.from({ length: rows }, (_, i) => i);
  const labels = Int32Array.from({ length: rows }, (_, i) => (i % 10 < 4 ? 0 : i % 10 < 7 ? 1 : i % 10 < 9 ? 2 : 3));
  return createDataset(x, [rows, 1], { labels });
}

const ids = (ds: Dataset) => Array.from(ds.x);

describe('split', () => {
  it('makes parts of the requested sizes that cover every row once', () => {
    const { train, valid, test } = split(numbered(), { valid: 0.15, test: 0.2, rng: 3 });
    expect([train.shape, valid.shape, test.shape]).to.deep.equal([
      [65, 1],
      [15, 1],
      [20, 1],
    ]);
    const all = [...ids(train), ...ids(valid), ...ids(test)];
    expect(new Set(all).size).to.equal(100);
    expect([...all].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 100 }, (_, i) => i));
    // Labels travel with their rows.
    for (const part of [train, valid, test])
      part.x.forEach((row, i) => expect(part.labels![i]).to.equal(numbered().labels![row]));
  });

  it('is deterministic per seed and differs between seeds', () => {
    const a = split(numbered(), { valid: 0.2, rng: 7 });
    const b = split(numbered(), { valid: 0.2, rng: new RandomState(7) });
    const c = split(numbered(), { valid: 0.2, rng: 8 });
    expect(ids(a.valid)).to.deep.equal(ids(b.valid));
    expect(ids(a.train)).to.deep.equal(ids(b.train));
    expect(ids(a.valid)).to.not.deep.equal(ids(c.valid));
    expect(ids(split(numbered(), { valid: 0.2 }).valid)).to.deep.equal(
      ids(split(numbered(), { valid: 0.2, rng: 13 }).valid),
    );
  });

  it('keeps the class proportions when stratified', () => {
    const { train, test } = split(numbered(), { test: 0.5, stratify: true, rng: 1 });
    const count = (ds: Dataset) => [0, 1, 2, 3].map((k) => ds.labels!.filter((l) => l === k).length);
    expect(count(test)).to.deep.equal([20, 15, 10, 5]);
    expect(count(train)).to.deep.equal([20, 15, 10, 5]);
    // Classes are mixed, not in blocks.
    expect(Array.from(test.labels!.subarray(0, 20)).some((l) => l !== 0)).to.equal(true);
  });

  it('in place gives the same parts as views of the reordered dataset, labels with their rows', () => {
    for (const options of [
      { valid: 0.15, test: 0.2, rng: 3 },
      { valid: 0.3, test: 0.1, stratify: true, rng: 5 },
    ]) {
      // Two features per row (the index and minus it), so a cycle that moved part of a row would show.
      const twoWide = (rows = 100) => {
        const base = numbered(rows);
        const x = Float32Array.from({ length: 2 * rows }, (_, i) => (i % 2 ? -Math.floor(i / 2) : i / 2));
        return createDataset(x, [rows, 2], { labels: base.labels!.slice() });
      };
      const copied = split(twoWide(), options);
      const data = twoWide();
      const viewed = split(data, { ...options, inPlace: true });
      for (const part of ['train', 'valid', 'test'] as const) {
        expect(Array.from(viewed[part].x), part).to.deep.equal(Array.from(copied[part].x));
        expect(Array.from(viewed[part].labels!), part).to.deep.equal(Array.from(copied[part].labels!));
        expect(viewed[part].shape).to.deep.equal(copied[part].shape);
        expect(viewed[part].x.buffer).to.equal(data.x.buffer);
      }
      // The dataset itself now holds the test rows, then the valid ones, then the train ones.
      expect(Array.from(data.x)).to.deep.equal([...copied.test.x, ...copied.valid.x, ...copied.train.x]);
    }
  });

  it('gives an empty part for a zero fraction and rejects bad fractions', () => {
    const { train, valid, test } = split(numbered(10), {});
    expect(train.shape).to.deep.equal([10, 1]);
    expect(valid.shape).to.deep.equal([0, 1]);
    expect(test.x.length).to.equal(0);
    expect(() => split(numbered(), { valid: 1.2 })).to.throw(DataError, /valid/);
    expect(() => split(numbered(), { valid: 0.6, test: 0.4 })).to.throw(DataError, /add up to 1/);
    expect(() => split(createDataset(new Float32Array(2), [2, 1]), { stratify: true })).to.throw(DataError, /labels/);
  });
});
