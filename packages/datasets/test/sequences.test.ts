import { expect } from 'chai';
import { DataError, RandomState } from '@tsnets/core';
import { co2, loadSeries, names, sequenceBatches, sunspots, Text } from '../src/index';

const rng = new RandomState(13);
const series = (steps: number, width: number): number[][] =>
  Array.from({ length: steps }, () => Array.from(rng.randn(width)));

describe('sequenceBatches (theanets recurrent_test.py TestFunctions)', () => {
  const samples = series(62, 7);
  const labels = series(62, 5);

  it('labeled: two arrays of [batch, steps, features]', () => {
    const batch = sequenceBatches([samples, labels], { steps: 31, batchSize: 64 });
    const [x, y] = batch();
    expect(batch()).to.have.lengthOf(2);
    expect([x.length, x[0].length, x[0][0].length]).to.deep.equal([64, 31, 7]);
    expect([y.length, y[0].length, y[0][0].length]).to.deep.equal([64, 31, 5]);
  });

  it('unlabeled: one array', () => {
    const [x] = sequenceBatches([samples], { steps: 31, batchSize: 64 })();
    expect([x.length, x[0].length, x[0][0].length]).to.deep.equal([64, 31, 7]);
  });

  it('each window is a run of consecutive steps, the same offset in every array, seeded', () => {
    const [x, y] = sequenceBatches([samples, labels], { steps: 5, batchSize: 20, rng: 3 })();
    const offsets = x.map((window) => samples.indexOf(window[0]));
    offsets.forEach((offset, b) => {
      expect(offset).to.be.within(0, 62 - 5 - 1);
      expect(x[b]).to.deep.equal(samples.slice(offset, offset + 5));
      expect(y[b]).to.deep.equal(labels.slice(offset, offset + 5));
    });
    expect(new Set(offsets).size).to.be.greaterThan(1);
    const again = sequenceBatches([samples, labels], { steps: 5, batchSize: 20, rng: 3 })();
    expect(again[0]).to.deep.equal(x);
  });

  it('refuses series of different lengths and windows longer than the data', () => {
    expect(() => sequenceBatches([samples, labels.slice(1)])).to.throw(DataError, /arrays\[1\] has 61 time steps/);
    expect(() => sequenceBatches([samples], { steps: 62 })).to.throw(DataError, /windows of 62 steps/);
    expect(() => sequenceBatches([])).to.throw(DataError, /non-empty list/);
  });
});

describe('Text (theanets recurrent_test.py TestText)', () => {
  const TXT = 'hello world, how are you!';

  it('builds the alphabet from characters seen min_count times', () => {
    let text = new Text(TXT, { minCount: 2, unknown: '_' });
    expect(text.text).to.equal('hello worl__ how _re _o__');
    expect(text.alpha).to.equal(' ehlorw');
    text = new Text(TXT, { minCount: 3, unknown: '_' });
    expect(text.text).to.equal('__llo _o_l__ _o_ ___ _o__');
    expect(text.alpha).to.equal(' lo');
  });

  const txt = (): Text => new Text(TXT, { alpha: 'helo wrd,!', unknown: '_' });

  it('takes a given alphabet', () => {
    expect(txt().text).to.equal('hello world, how _re _o_!');
    expect(txt().alpha).to.equal('helo wrd,!');
  });

  it('encodes and decodes', () => {
    expect(txt().encode('hello!')).to.deep.equal([1, 2, 3, 3, 4, 10]);
    expect(txt().encode('you!')).to.deep.equal([0, 4, 0, 10]);
    expect(txt().decode([1, 2, 3, 3, 4, 10])).to.equal('hello!');
    expect(txt().decode([0, 4, 0, 10])).to.equal('_o_!');
    expect(() => txt().decode([1, 11])).to.throw(DataError, /codes\[1\] is 11/);
  });

  it('classifier batches: one-hot inputs and the next character as labels', () => {
    const text = txt();
    const batch = text.classifierBatches(8, 5);
    const [inputs, labels] = batch();
    expect([inputs.length, inputs[0].length, inputs[0][0].length]).to.deep.equal([5, 8, 1 + text.alpha.length]);
    expect([labels.length, labels[0].length]).to.deep.equal([5, 8]);
    // Each label is the input of the step after it.
    inputs.forEach((window, b) => window.slice(1).forEach((step, t) => expect(step.indexOf(1)).to.equal(labels[b][t])));
    expect(batch()[0]).to.not.deep.equal(batch()[0]);
  });

  it('refuses an unknown character inside the alphabet', () => {
    expect(() => new Text(TXT, { alpha: 'ab_', unknown: '_' })).to.throw(DataError, /"_" is in the alphabet/);
  });
});

describe('bundled sequence data', () => {
  it('names: 8,422 first names', async () => {
    const list = await names();
    expect(list).to.have.lengthOf(8422);
    expect(list[0]).to.equal('Aaren');
  });

  it('sunspots: 309 years from 1700, nothing missing', async () => {
    const s = await sunspots();
    expect(s.columns).to.deep.equal(['SUNACTIVITY']);
    expect(s.times).to.have.lengthOf(309);
    expect([s.times[0], s.values[0][0]]).to.deep.equal([1700, 5]);
    expect(s.missing).to.deep.equal([]);
  });

  it('co2: 59 missing weeks masked and carried forward, never read as 0', async () => {
    const s = await co2();
    expect(s.times).to.have.lengthOf(2284);
    expect(s.missing).to.have.lengthOf(59);
    // 1958-05-10 is the first empty week (line 8 of the file, row 6).
    expect(s.missing[0]).to.equal(6);
    expect(s.times[6]).to.equal(19580510);
    expect(s.weights[6]).to.deep.equal([0]);
    expect(s.values[6]).to.deep.equal(s.values[5]);
    expect(Math.min(...s.values.map(([v]) => v))).to.be.greaterThan(300);
    expect(s.weights.filter(([w]) => w === 0)).to.have.lengthOf(59);
  });

  it('loadSeries names the line of a cell that is not a number', async () => {
    let caught: unknown;
    try {
      await loadSeries('t,v\n1,2\n2,x\n');
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(DataError);
    expect((caught as Error).message).to.match(/Line 3, column 1 of the CSV text is "x"/);
  });
});
