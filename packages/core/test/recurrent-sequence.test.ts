import { expect } from 'chai';
import { ConfigurationError, RandomState, recurrent } from '../src/index';
import { leakFree } from './helpers';

/** A character-model shape: one-hot inputs of 6 classes in, 6 class probabilities out. */
const makeNet = (): recurrent.Classifier => new recurrent.Classifier([6, [8, 'gru'], 6]);

/** The next-label probabilities after `labels`, from predictProba on the one-hot prefix. */
function nextProbabilities(net: recurrent.Classifier, labels: number[]): number[] {
  const oneHot = labels.map((label) => Array.from({ length: 6 }, (_, k) => (k === label ? 1 : 0)));
  const proba = net.predictProba([oneHot]);
  const rows = proba.arraySync() as number[][][];
  proba.dispose();
  return rows[0][labels.length - 1];
}

describe('recurrent Classifier.predictSequence', () => {
  it(
    'continues by the requested steps with labels in range, the same for the same seed',
    leakFree(() => {
      const net = makeNet();
      const a = net.predictSequence([0, 1, 2], 5, { rng: 13 });
      expect(a).to.have.lengthOf(5);
      expect(a.every((l) => Number.isInteger(l) && l >= 0 && l < 6)).to.equal(true);
      expect(net.predictSequence([0, 1, 2], 5, { rng: 13 })).to.deep.equal(a);
      const draws = new Set([1, 2, 3, 4, 5, 6].map((seed) => net.predictSequence([0, 1, 2], 5, { rng: seed }).join()));
      expect(draws.size).to.be.greaterThan(1);
      net.dispose();
    }),
  );

  it(
    "draws each label from the model's next-step distribution",
    leakFree(() => {
      const net = makeNet();
      const p = nextProbabilities(net, [0, 1, 2]);
      const streams = 3000;
      const firsts = net.predictSequence([0, 1, 2], 1, { streams, rng: 5 }).map(([label]) => label);
      for (let k = 0; k < 6; k++) {
        const frequency = firsts.filter((l) => l === k).length / streams;
        const sd = Math.sqrt((p[k] * (1 - p[k])) / streams);
        expect(Math.abs(frequency - p[k]), `class ${k}: ${frequency} vs ${p[k]}`).to.be.at.most(4.5 * sd + 1e-9);
      }
      net.dispose();
    }),
  );

  it(
    'feeds each drawn label back: the second draw follows the distribution after the first',
    leakFree(() => {
      const net = makeNet();
      // Replay the draws with the same generator: NumPy's multinomial(1, p) is one binomial trial per class.
      const rng = new RandomState(21);
      const labels = [3];
      for (let step = 0; step < 4; step++) {
        const p = nextProbabilities(net, labels);
        let remaining = 1;
        let drawn = 5;
        for (let k = 0; k < 5; k++) {
          if (rng.binomial(1, Math.min(1, p[k] / remaining)) === 1) {
            drawn = k;
            break;
          }
          remaining -= p[k];
        }
        labels.push(drawn);
      }
      expect(net.predictSequence([3], 4, { rng: 21 })).to.deep.equal(labels.slice(1));
      net.dispose();
    }),
  );

  it(
    'refuses labels outside the input classes, negative steps and zero streams',
    leakFree(() => {
      const net = makeNet();
      expect(() => net.predictSequence([0, 6], 2)).to.throw(
        ConfigurationError,
        /labels\[1\] is 6, not a class in \[0, 5\]/,
      );
      expect(() => net.predictSequence([], 2)).to.throw(ConfigurationError, /at least one starting label/);
      expect(() => net.predictSequence([0], -1)).to.throw(ConfigurationError, /steps is -1/);
      expect(() => net.predictSequence([0], 1, { streams: 0 })).to.throw(ConfigurationError, /streams is 0/);
      net.dispose();
    }),
  );
});
