import { expect } from 'chai';
import { ConfigurationError, DataError, recurrent, Regressor, tf } from '../src/index';
import { INPUTS, leakFree, NUM_INPUTS as NI, RNN } from './helpers';

/** Runs `body`, which must throw an instance of `type`; returns the error. */
function thrown<T extends Error>(type: new (...args: never[]) => T, body: () => unknown): T {
  try {
    body();
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(type);
    return error as T;
  }
  throw new Error('expected an error');
}

const REG = [NI, [8, 'rnn'], 5];

describe('recurrent models: bad input is a typed error before any work', () => {
  it(
    '2-D data given to a recurrent model names the shape it needs',
    leakFree(() => {
      const net = new recurrent.Regressor(REG);
      const error = thrown(DataError, () => net.predict(INPUTS));
      expect(error.message).to.match(/\[64, 7\].*\[N, T, 7\].*recurrent model/);
      net.dispose();
    }),
  );

  it(
    '3-D data given to a feed-forward model points to the recurrent models',
    leakFree(() => {
      const net = new Regressor([NI, 8, 5]);
      const error = thrown(DataError, () => net.predict(RNN.inputs));
      expect(error.message).to.match(/\[64, 31, 7\].*\[N, 7\].*recurrent\.Regressor/);
      net.dispose();
    }),
  );

  it(
    'sequences of different lengths name the sequence and say how to pad and mask',
    leakFree(() => {
      const net = new recurrent.Regressor(REG);
      const ragged = [RNN.inputs[0], RNN.inputs[1].slice(0, 20), RNN.inputs[2]];
      const error = thrown(DataError, () => net.predict(ragged));
      expect(error.message).to.match(/inputs\[1\] has 20 time steps, inputs\[0\] has 31/);
      expect(error.message).to.match(/pad.*weights/);
      expect(error.row).to.equal(1);
      net.dispose();
    }),
  );

  it(
    'a time length of 0 is refused',
    leakFree(() => {
      const net = new recurrent.Regressor(REG);
      const empty = tf.zeros([2, 0, NI]);
      const error = thrown(DataError, () => net.predict(empty));
      expect(error.message).to.match(/\[2, 0, 7\].*at least one time step/);
      empty.dispose();
      net.dispose();
    }),
  );

  it(
    'targets with other time steps than the inputs are refused, naming both',
    leakFree(() => {
      const net = new recurrent.Regressor(REG);
      const error = thrown(DataError, () =>
        net.score(
          RNN.inputs,
          RNN.outputs.map((s) => s.slice(0, 30)),
        ),
      );
      expect(error.message).to.match(/targets: has 30 time steps but inputs has 31/);
      net.dispose();
    }),
  );

  it(
    "weights whose shape differs from the targets' are refused",
    leakFree(() => {
      const net = new recurrent.Regressor(REG);
      const perStep = RNN.outputs.map((s) => s.map(() => 1));
      const error = thrown(DataError, () => net.score(RNN.inputs, RNN.outputs, perStep));
      expect(error.message).to.match(/weights.*\[64, 31\].*\[N, T, 5\]/);
      net.dispose();
    }),
  );

  it('h_0 naming a layer that does not exist', () => {
    const error = thrown(
      ConfigurationError,
      () => new recurrent.Regressor([NI, { form: 'rnn', size: 8, h_0: 'start' }, 5]),
    );
    expect(error.message).to.match(/h_0 "start".*no earlier layer is called "start"/);
  });

  it('h_0 naming an output of the wrong shape', () => {
    const error = thrown(
      ConfigurationError,
      () =>
        new recurrent.Regressor([
          { form: 'input', name: 'h0', shape: [3] },
          { form: 'input', name: 'in', size: NI },
          { form: 'rnn', size: 8, inputs: 'in', h_0: 'h0' },
          5,
        ]),
    );
    expect(error.message).to.match(/h_0 "h0".*\[3\].*\[8\]/);
  });

  it('bptt_limit below 1, an unknown rate form, an unknown direction, a bad period list', () => {
    const bad = (spec: Record<string, unknown>, pattern: RegExp): void => {
      const error = thrown(ConfigurationError, () => new recurrent.Regressor([NI, { size: 8, ...spec }, 5]));
      expect(error.message).to.match(pattern);
    };
    bad({ form: 'rnn', bptt_limit: 0 }, /bptt_limit "0".*at least 1/);
    bad({ form: 'rrnn', rate: 'fast' }, /rate "fast".*matrix, vector, uniform, log/);
    bad({ form: 'scrn', rate: 'matrix' }, /rate "matrix".*vector, uniform, log/);
    bad({ form: 'gru', direction: 'sideways' }, /direction "sideways".*'forward' or 'backward'/);
    bad({ form: 'clockwork', periods: [1, 0] }, /periods.*positive integers/);
    bad({ form: 'clockwork', periods: [1, 2, 4] }, /size 8 is not a multiple of 3 modules/);
    bad({ form: 'bidirectional', size: 7 } as never, /even size/);
    bad({ form: 'bidirectional', worker: 'ff' }, /worker "ff".*recurrent layer form/);
  });

  it('a recurrent layer in a feed-forward model says which models read sequences', () => {
    const error = thrown(ConfigurationError, () => new Regressor([NI, [8, 'lstm'], 5]));
    expect(error.message).to.match(/reads sequences \[N, T, features\].*\[N, 7\].*recurrent\.Regressor/);
  });
});
