import { expect } from 'chai';
import { Regressor, tf, type Network } from '@tsnets/core';
import { firstEpoch, INPUTS, leakFree, OUTPUTS, take } from './helpers';

/** Every output of a feedForward call as nested arrays, disposing the tensors. */
function outputsOf(net: Network, keywords?: Record<string, unknown>): Record<string, number[][]> {
  const outputs = net.feedForward(INPUTS, keywords);
  return Object.fromEntries(Object.entries(outputs).map(([name, tensor]) => [name, take(tensor)]));
}

const flat = (values: number[][]): number[] => values.flat();

/** Runs `body` with a fresh seeded Regressor([7, 8, 12, 5]), disposing it after. */
async function withNet<T>(body: (net: Network) => T | Promise<T>): Promise<T> {
  const net = new Regressor([7, 8, 12, 5]);
  try {
    return await body(net);
  } finally {
    net.dispose();
  }
}

describe('noise rewrites the graph', () => {
  it(
    'feedForward with input_noise keeps the clean input as in:out-prenoise and adds N(0, 0.1²)',
    leakFree(() =>
      withNet((net) => {
        const outputs = outputsOf(net, { input_noise: 0.1 });
        expect(outputs).to.have.property('in:out-prenoise');
        expect(outputs['in:out-prenoise']).to.deep.equal(INPUTS);
        const noise = flat(outputs['in:out']).map((v, i) => v - flat(INPUTS)[i]);
        const mean = noise.reduce((a, b) => a + b, 0) / noise.length;
        const std = Math.sqrt(noise.reduce((a, b) => a + (b - mean) ** 2, 0) / noise.length);
        expect(Math.abs(mean)).to.be.below(0.02);
        expect(std).to.be.within(0.09, 0.11);
      }),
    ),
  );

  it(
    'plain feedForward is clean and deterministic',
    leakFree(() =>
      withNet((net) => {
        const first = outputsOf(net);
        expect(Object.keys(first).some((name) => name.includes('-pre'))).to.equal(false);
        expect(first['in:out']).to.deep.equal(INPUTS);
        expect(outputsOf(net)).to.deep.equal(first);
      }),
    ),
  );

  it(
    'hidden_noise acts on the hidden layers only, output_noise on the last',
    leakFree(() =>
      withNet((net) => {
        const hidden = Object.keys(outputsOf(net, { hidden_noise: 0.1 })).filter((n) => n.endsWith('-prenoise'));
        expect(hidden).to.deep.equal(['hid1:out-prenoise', 'hid2:out-prenoise']);
        const output = Object.keys(outputsOf(net, { output_noise: 0.1 })).filter((n) => n.endsWith('-prenoise'));
        expect(output).to.deep.equal(['out:out-prenoise']);
      }),
    ),
  );

  it(
    'noise by glob makes one instance per glob, each on its own outputs',
    leakFree(() =>
      withNet((net) => {
        const regularizers = net.regularizersFrom({ noise: { 'hid?:out': 0.1, 'out:out': 0.2 } });
        expect(regularizers.map((r) => r.targets())).to.deep.equal([['hid1:out', 'hid2:out'], ['out:out']]);
        expect(regularizers.map((r) => (r as unknown as { std: number }).std)).to.deep.equal([0.1, 0.2]);
        expect(regularizers.every((r) => r.trainOnly)).to.equal(true);
      }),
    ),
  );

  it(
    'a level of 0 rewrites nothing',
    leakFree(() =>
      withNet((net) => {
        expect(outputsOf(net, { input_noise: 0, hidden_dropout: 0 })).to.deep.equal(outputsOf(net));
      }),
    ),
  );
});

describe('dropout rewrites the graph', () => {
  it(
    'input_dropout zeroes about a fraction p and scales the rest by 1/(1 - p)',
    leakFree(() =>
      withNet((net) => {
        const outputs = outputsOf(net, { input_dropout: 0.5 });
        expect(outputs['in:out-predrop']).to.deep.equal(INPUTS);
        const clean = flat(INPUTS);
        const dropped = flat(outputs['in:out']);
        let zeros = 0;
        dropped.forEach((v, i) => {
          if (v === 0) zeros += 1;
          else expect(v).to.be.closeTo(2 * clean[i], 1e-5);
        });
        expect(zeros / dropped.length).to.be.within(0.4, 0.6);
      }),
    ),
  );

  // p = 0.3, not 0.5: at 0.5, 1/(1 - p) and 1/p are both 2, so a mask scaled by 1/p would pass.
  for (const [keyword, names] of [
    ['input_dropout', ['in:out']],
    ['hidden_dropout', ['hid1:out', 'hid2:out']],
    ['output_dropout', ['out:out']],
  ] as const) {
    it(
      `${keyword} zeroes about a fraction 0.3 of ${names.join(' and ')} and scales the rest by 1/0.7`,
      leakFree(() =>
        withNet((net) => {
          const outputs = outputsOf(net, { [keyword]: 0.3 });
          const dropped = Object.keys(outputs).filter((n) => n.endsWith('-predrop'));
          expect(dropped).to.deep.equal(names.map((name) => `${name}-predrop`));
          for (const name of names) {
            const clean = flat(outputs[`${name}-predrop`]);
            const after = flat(outputs[name]);
            let zeros = 0;
            let kept = 0;
            after.forEach((v, i) => {
              if (clean[i] === 0) return; // a relu zero says nothing about the mask
              if (v === 0) zeros += 1;
              else {
                kept += 1;
                expect(v, `${name} element ${i}`).to.be.closeTo(clean[i] / 0.7, 1e-5 * Math.max(1, Math.abs(clean[i])));
              }
            });
            expect(kept, name).to.be.above(20);
            expect(zeros / (zeros + kept), name).to.be.within(0.2, 0.4);
          }
        }),
      ),
    );
  }

  it(
    'dropout by glob acts on the matched outputs only',
    leakFree(() =>
      withNet((net) => {
        const names = Object.keys(outputsOf(net, { dropout: { 'hid1:out': 0.2 } }));
        expect(names.filter((n) => n.endsWith('-predrop'))).to.deep.equal(['hid1:out-predrop']);
      }),
    ),
  );

  it(
    'plain predict is deterministic; predict with hidden_dropout differs call to call (MC dropout)',
    leakFree(() =>
      withNet((net) => {
        const plain = take(net.predict(INPUTS));
        expect(take(net.predict(INPUTS))).to.deep.equal(plain);
        const first = take(net.predict(INPUTS, { hidden_dropout: 0.5 }));
        const second = take(net.predict(INPUTS, { hidden_dropout: 0.5 }));
        expect(first).to.not.deep.equal(second);
        expect(first).to.not.deep.equal(plain);
        expect(take(net.predict(INPUTS))).to.deep.equal(plain);
      }),
    ),
  );

  it(
    'an explicit rng makes predict-time dropout repeatable',
    leakFree(() =>
      withNet((net) => {
        const keywords = { hidden_dropout: { rate: 0.5, rng: 7 } };
        expect(take(net.predict(INPUTS, keywords))).to.deep.equal(take(net.predict(INPUTS, keywords)));
      }),
    ),
  );

  it(
    'a fresh network draws the same predict-time masks',
    leakFree(async () => {
      const first = await withNet((net) => take(net.predict(INPUTS, { hidden_dropout: 0.5 })));
      const second = await withNet((net) => take(net.predict(INPUTS, { hidden_dropout: 0.5 })));
      expect(first).to.deep.equal(second);
    }),
  );

  it(
    'score is unchanged unless dropout is asked for',
    leakFree(() =>
      withNet((net) => {
        const regressor = net as Regressor;
        const plain = regressor.score(INPUTS, OUTPUTS);
        expect(regressor.score(INPUTS, OUTPUTS)).to.equal(plain);
        expect(regressor.score(INPUTS, OUTPUTS, undefined, { hidden_dropout: 0.5 })).to.not.equal(plain);
      }),
    ),
  );
});

describe('noise and dropout change training steps only', () => {
  const KEYWORDS = [
    { input_noise: 0.1 },
    { hidden_noise: 0.1 },
    { output_noise: 0.1 },
    { noise: { '*:out': 0.1 } },
    { input_dropout: 0.2 },
    { hidden_dropout: 0.2 },
    { output_dropout: 0.2 },
    { dropout: { 'hid?:out': 0.2 } },
  ];

  it(
    'the first training loss differs from the clean one, the validation does not, and both repeat with the seed',
    leakFree(async () => {
      const [cleanTrain, cleanValid] = await withNet((net) => firstEpoch(net));
      for (const keywords of KEYWORDS) {
        const what = JSON.stringify(keywords);
        const [train, valid] = await withNet((net) => firstEpoch(net, keywords));
        expect(train.loss, what).to.not.equal(cleanTrain.loss);
        expect(valid.loss, what).to.equal(cleanValid.loss);
        const [again] = await withNet((net) => firstEpoch(net, keywords));
        expect(again.loss, `${what} again`).to.equal(train.loss);
      }
    }),
  );

  it(
    'training with noise and dropout leaves predict clean afterwards',
    leakFree(() =>
      withNet(async (net) => {
        await net.train([INPUTS, OUTPUTS], {
          algo: 'sgd',
          batch_size: 64,
          max_updates: 3,
          hidden_dropout: 0.5,
          input_noise: 0.1,
        });
        const plain = take(net.predict(INPUTS));
        expect(take(net.predict(INPUTS))).to.deep.equal(plain);
        const names = Object.keys(outputsOf(net));
        expect(names.some((n) => n.includes('-pre'))).to.equal(false);
      }),
    ),
  );

  it(
    'training repeats exactly with the same seeds',
    leakFree(async () => {
      const keywords = { algo: 'sgd', batch_size: 64, max_updates: 5, hidden_dropout: 0.3, input_noise: 0.1 };
      const first = await withNet(async (net) => {
        await net.train([INPUTS, OUTPUTS], keywords);
        return take(net.predict(INPUTS));
      });
      const second = await withNet(async (net) => {
        await net.train([INPUTS, OUTPUTS], keywords);
        return take(net.predict(INPUTS));
      });
      expect(second).to.deep.equal(first);
    }),
  );
});

describe('targets', () => {
  it(
    'each regularizer reports what it acts on',
    leakFree(() =>
      withNet((net) => {
        const targets = (keywords: Record<string, unknown>) => net.regularizersFrom(keywords).map((r) => r.targets());
        expect(targets({ weight_l2: 0.1 })).to.deep.equal([['hid1.w', 'hid2.w', 'out.w']]);
        expect(targets({ weight_l1: { weight: 0.1, pattern: 'hid*' } })).to.deep.equal([['hid1.w', 'hid2.w']]);
        expect(targets({ hidden_l1: 0.1 })).to.deep.equal([['hid1:out', 'hid2:out']]);
        expect(targets({ contractive: 0.1 })).to.deep.equal([['hid1:out', 'hid2:out']]);
        expect(targets({ input_noise: 0.1 })).to.deep.equal([['in:out']]);
        expect(targets({ hidden_dropout: 0.1 })).to.deep.equal([['hid1:out', 'hid2:out']]);
        expect(targets({ output_dropout: 0.1 })).to.deep.equal([['out:out']]);
        expect(targets({ dropout: 0.1 })).to.deep.equal([['in:out', 'hid1:out', 'hid2:out', 'out:out']]);
        expect(targets({ hidden_noise: { std: 0.1, pattern: 'hid1:pre' } })).to.deep.equal([['hid1:pre']]);
      }),
    ),
  );

  it(
    'every regularizer at once trains and leaves no tensor behind',
    leakFree(() =>
      withNet(async (net) => {
        const before = tf.memory().numTensors;
        await net.train([INPUTS, OUTPUTS], {
          algo: 'sgd',
          batch_size: 32,
          max_updates: 3,
          weight_l1: 0.01,
          weight_l2: 0.01,
          hidden_l1: 0.01,
          contractive: 0.01,
          input_noise: 0.1,
          hidden_noise: 0.1,
          output_noise: 0.1,
          noise: { 'hid1:pre': 0.1 },
          input_dropout: 0.1,
          hidden_dropout: 0.1,
          output_dropout: 0.1,
          dropout: { 'hid2:pre': 0.1 },
        });
        expect(tf.memory().numTensors).to.equal(before);
      }),
    ),
  );
});
