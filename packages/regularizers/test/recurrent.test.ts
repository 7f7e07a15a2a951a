import { expect } from 'chai';
import { recurrent, RandomState, RegularizerError, tf, type Network, type TrainOptions } from '@tsnets/core';
import { expectClose, leakFree } from './helpers';
import '../src/index';

// Eight sequences of six steps, seven features; targets of five.
const rng = new RandomState(31);
const sequences = (count: number, steps: number, width: number): number[][][] =>
  Array.from({ length: count }, () => Array.from({ length: steps }, () => Array.from(rng.randn(width))));
const X = sequences(8, 6, 7);
const Y = sequences(8, 6, 5);

/** theanets' regularizers_test.py TestRNN net: [7, (8, 'rnn'), 12, 5]. */
const makeNet = (): Network => new recurrent.Regressor([7, [8, 'rnn'], 12, 5]);

/** An output of the clean graph as nested numbers. */
function outputOf(net: Network, name: string): number[][][] {
  const all = net.feedForward(X);
  const value = all[name].arraySync() as number[][][];
  tf.dispose(Object.values(all));
  return value;
}

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const norm2 = (v: number[]): number => v.reduce((s, x) => s + x * x, 0);

/** `loss - err` of the first validation with the keywords. */
async function penalty(net: Network, keywords: TrainOptions): Promise<number> {
  const run = net.itertrain([X, Y], { algo: 'sgd', batch_size: 8, ...keywords });
  const first = await run.next();
  await run.return(undefined);
  const [, valid] = first.value as [Record<string, number>, Record<string, number>];
  return valid.loss - valid.err;
}

describe('recurrent_norm and recurrent_state (theanets regularizers_test.py TestRNN)', () => {
  it(
    'recurrent_norm is the mean squared change of the squared state norm, times the weight',
    leakFree(async () => {
      const net = makeNet();
      const h = outputOf(net, 'hid1:out');
      const changes = h.flatMap((s) => s.slice(1).map((step, t) => (norm2(step) - norm2(s[t])) ** 2));
      const expected = 0.1 * mean(changes);
      expect(expected).to.be.greaterThan(0);
      expectClose(await penalty(net, { recurrent_norm: { weight: 0.1, pattern: 'hid1:out' } }), expected, 1e-4, 1e-6);
      net.dispose();
    }),
  );

  it(
    'recurrent_state is the mean squared change of each unit, averaged over matched outputs',
    leakFree(async () => {
      const net = makeNet();
      const state = (name: string): number =>
        mean(
          outputOf(net, name).flatMap((s) => s.slice(1).flatMap((step, t) => step.map((v, k) => (v - s[t][k]) ** 2))),
        );
      const expected = 0.1 * ((state('hid1:out') + state('hid1:pre')) / 2);
      const got = await penalty(net, { recurrent_state: { weight: 0.1, pattern: 'hid1:*' } });
      expectClose(got, expected, 1e-4, 1e-6);
      net.dispose();
    }),
  );

  for (const key of ['recurrent_norm', 'recurrent_state']) {
    it(
      `${key} trains (theanets test_progress)`,
      leakFree(async () => {
        const net = makeNet();
        const run = net.itertrain([X, Y], {
          algo: 'sgd',
          momentum: 0.5,
          batch_size: 3,
          max_gradient_norm: 1,
          [key]: { weight: 0.1, pattern: 'hid1:out' },
        });
        const [, valid0] = (await run.next()).value as [Record<string, number>, Record<string, number>];
        const [train1] = (await run.next()).value as [Record<string, number>, Record<string, number>];
        await run.return(undefined);
        expect(train1.loss).to.be.below(valid0.loss);
        net.dispose();
      }),
    );

    it(
      `${key} with a number alone needs a pattern (theanets test_raises)`,
      leakFree(async () => {
        const net = makeNet();
        let caught: unknown;
        try {
          await penalty(net, { [key]: 0.1 });
        } catch (error) {
          caught = error;
        }
        expect(caught).to.be.instanceOf(RegularizerError);
        expect((caught as Error).message).to.match(new RegExp(`${key}.*needs a pattern.*pattern: 'hid1:out'`));
        net.dispose();
      }),
    );
  }

  it(
    'a pattern matching an output that is not a sequence is refused by name',
    leakFree(async () => {
      // A vector-rate rrnn's hid1:rate is one rate per unit, [8], not [N, T, 8].
      const net = new recurrent.Regressor([7, { form: 'rrnn', rate: 'vector', size: 8 }, 5]);
      let caught: unknown;
      try {
        await penalty(net, { recurrent_state: { weight: 0.1, pattern: 'hid1:rate' } });
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(RegularizerError);
      expect((caught as Error).message).to.match(/output "hid1:rate" has shape \[8\], not a sequence/);
      net.dispose();
    }),
  );
});

describe('feed-forward regularizers act on recurrent layers', () => {
  it(
    'hidden_l1 and weight_l2 add their formulas over the recurrent layer',
    leakFree(async () => {
      const net = makeNet();
      const hidden = mean(
        [outputOf(net, 'hid1:out').flat(2), outputOf(net, 'hid2:out').flat(2)].map((v) => mean(v.map(Math.abs))),
      );
      expectClose(await penalty(net, { hidden_l1: 0.5 }), 0.5 * hidden, 1e-4, 1e-6);
      const matrices = net.params.filter((p) => p.shape.length > 1);
      const l2 = mean(matrices.map((p) => mean(Array.from(p.value(), (v) => v * v))));
      expect(matrices.map((p) => p.name)).to.include.members(['hid1.xh', 'hid1.hh']);
      expectClose(await penalty(net, { weight_l2: 0.5 }), 0.5 * l2, 1e-4, 1e-6);
      net.dispose();
    }),
  );

  it(
    'dropout on a sequence draws a new mask at every time step',
    leakFree(() => {
      const net = makeNet();
      const all = net.feedForward(X, { hidden_dropout: 0.5 });
      const kept = (all['hid1:out'].arraySync() as number[][][]).map((s) => s.map((step) => step.map((v) => v !== 0)));
      const clean = (all['hid1:out-predrop'].arraySync() as number[][][]).map((s) =>
        s.map((step) => step.map((v) => v !== 0)),
      );
      tf.dispose(Object.values(all));
      // Units active before dropout, dropped at some steps and kept at others within one sequence.
      let varies = false;
      kept.forEach((s, n) =>
        s[0].forEach((_, k) => {
          const pattern = s.filter((_, t) => clean[n][t][k]).map((step) => step[k]);
          if (pattern.includes(true) && pattern.includes(false)) varies = true;
        }),
      );
      expect(varies).to.equal(true);
      net.dispose();
    }),
  );

  it(
    'dropout with per_sequence keeps one mask for all the steps of a sequence',
    leakFree(() => {
      const net = makeNet();
      const all = net.feedForward(X, { hidden_dropout: { rate: 0.5, per_sequence: true } });
      const out = all['hid1:out'].arraySync() as number[][][];
      const clean = all['hid1:out-predrop'].arraySync() as number[][][];
      tf.dispose(Object.values(all));
      let dropped = 0;
      clean.forEach((s, n) =>
        s[0].forEach((_, k) => {
          // Over the steps where the unit is active, it is either always kept (times 2) or always dropped.
          const active = s.map((step, t) => [step[k], out[n][t][k]]).filter(([c]) => c !== 0);
          const kept = active.map(([c, o]) => Math.abs(o - 2 * c) < 1e-5);
          const zero = active.map(([, o]) => o === 0);
          expect(kept.every(Boolean) || zero.every(Boolean), `sequence ${n} unit ${k}`).to.equal(true);
          if (active.length && zero.every(Boolean)) dropped++;
        }),
      );
      expect(dropped).to.be.greaterThan(0);
      expect(() => net.feedForward(X, { hidden_dropout: { rate: 0.5, per_sequence: 'yes' } as never })).to.throw(
        RegularizerError,
        /per_sequence/,
      );
      net.dispose();
    }),
  );
});
