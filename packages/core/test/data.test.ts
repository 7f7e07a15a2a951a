/** Bad input data gives typed errors that say which array, row and column. */
import { expect } from 'chai';
import { Autoencoder, Classifier, DataError, Regressor, tf, type Network } from '../src/index';
import { AE_LAYERS, CLASSES, CLF_LAYERS, INPUTS, NUM_CLASSES, OUTPUTS, REG_LAYERS, leakFree } from './helpers';

/** Runs `f`, expecting a DataError; returns it. */
function dataError(f: () => unknown): DataError {
  try {
    const result = f();
    if (result instanceof tf.Tensor) result.dispose();
  } catch (error) {
    expect(error).to.be.instanceOf(DataError);
    return error as DataError;
  }
  throw new Error('expected a DataError');
}

function withNet<N extends Network>(net: N, check: (net: N) => void): void {
  try {
    check(net);
  } finally {
    net.dispose();
  }
}

const copy = (rows: number[][]): number[][] => rows.map((row) => [...row]);

describe('bad input data', () => {
  it(
    'inputs of the wrong width',
    leakFree(() => {
      withNet(new Regressor(REG_LAYERS), (net) => {
        const error = dataError(() => net.predict(INPUTS.map((row) => row.slice(1))));
        expect(error.array).to.equal('inputs');
        expect(error.message).to.match(/\[64, 6\].*\[N, 7\]/);
        expect(dataError(() => net.feedForward(INPUTS.map((row) => [...row, 0]))).array).to.equal('inputs');
      });
    }),
  );

  it(
    'inputs of the wrong rank, or empty',
    leakFree(() => {
      withNet(new Regressor(REG_LAYERS), (net) => {
        expect(dataError(() => net.predict(INPUTS[0])).array).to.equal('inputs');
        expect(dataError(() => net.predict([INPUTS])).array).to.equal('inputs');
        expect(dataError(() => net.predict([])).array).to.equal('inputs');
      });
    }),
  );

  it(
    'ragged rows and non-numbers',
    leakFree(() => {
      withNet(new Regressor(REG_LAYERS), (net) => {
        const ragged = copy(INPUTS);
        ragged[5] = ragged[5].slice(2);
        const short = dataError(() => net.predict(ragged));
        expect(short.message).to.include('inputs[5] has 5 values, inputs[0] has 7');
        expect([short.array, short.row]).to.deep.equal(['inputs', 5]);
        const nested = copy(INPUTS) as unknown as unknown[][];
        nested[12][3] = [1, 2];
        expect(dataError(() => net.predict(nested as number[][])).message).to.include(
          'inputs[12][3] is an array, but inputs[0][0] is a value',
        );
        const flat = copy(INPUTS) as unknown[];
        flat[9] = 4;
        expect(dataError(() => net.predict(flat as number[][])).message).to.include(
          'inputs[9] is 4, but inputs[0] is an array of 7',
        );
        const text = copy(INPUTS) as unknown as unknown[][];
        text[2][4] = 'x';
        const error = dataError(() => net.predict(text as number[][]));
        expect([error.row, error.column]).to.deep.equal([2, 4]);
      });
    }),
  );

  for (const [what, value] of [
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
  ] as const) {
    it(
      `${what} in the inputs names its row and column`,
      leakFree(() => {
        withNet(new Regressor(REG_LAYERS), (net) => {
          const x = copy(INPUTS);
          x[3][2] = value;
          const error = dataError(() => net.predict(x));
          expect(error.array).to.equal('inputs');
          expect([error.row, error.column]).to.deep.equal([3, 2]);
          expect(error.message).to.include(`row 3, column 2 is ${value}`);
          const t = tf.tensor2d(x);
          expect([dataError(() => net.predict(t)).row, dataError(() => net.predict(t)).column]).to.deep.equal([3, 2]);
          t.dispose();
        });
      }),
    );
  }

  it(
    'NaN in the targets and weights of score',
    leakFree(() => {
      withNet(new Regressor(REG_LAYERS), (net) => {
        const y = copy(OUTPUTS);
        y[10][4] = NaN;
        const error = dataError(() => net.score(INPUTS, y));
        expect([error.array, error.row, error.column]).to.deep.equal(['targets', 10, 4]);
        const w = OUTPUTS.map((row) => row.map(() => 1));
        w[0][1] = NaN;
        expect(dataError(() => net.score(INPUTS, OUTPUTS, w)).array).to.equal('weights');
      });
    }),
  );

  it(
    'targets of the wrong width or row count',
    leakFree(() => {
      withNet(new Regressor(REG_LAYERS), (net) => {
        expect(
          dataError(() =>
            net.score(
              INPUTS,
              OUTPUTS.map((row) => row.slice(1)),
            ),
          ).array,
        ).to.equal('targets');
        expect(dataError(() => net.score(INPUTS, OUTPUTS.slice(1))).message).to.match(/63 rows.*64/);
        expect(
          dataError(() =>
            net.score(
              INPUTS,
              OUTPUTS,
              OUTPUTS.map((row) => row.slice(1).map(Math.abs)),
            ),
          ).array,
        ).to.equal('weights');
      });
    }),
  );

  it(
    'negative weights',
    leakFree(() => {
      withNet(new Regressor(REG_LAYERS), (net) => {
        const w = OUTPUTS.map((row) => row.map(() => 1));
        w[7][3] = -0.5;
        const error = dataError(() => net.score(INPUTS, OUTPUTS, w));
        expect(error.message).to.include('weights[7][3] is -0.5; weights must not be negative');
        expect([error.array, error.row, error.column]).to.deep.equal(['weights', 7, 3]);
      });
    }),
  );

  it(
    'labels out of range, negative or fractional name their row',
    leakFree(() => {
      withNet(new Classifier(CLF_LAYERS), (net) => {
        for (const [row, bad] of [
          [4, NUM_CLASSES],
          [9, -1],
          [0, 1.5],
        ]) {
          const labels = [...CLASSES];
          labels[row] = bad;
          const error = dataError(() => net.score(INPUTS, labels));
          expect(error.array).to.equal('labels');
          expect(error.row).to.equal(row);
          expect(error.message)
            .to.include(`row ${row} is ${bad}`)
            .and.include(`[0, ${NUM_CLASSES - 1}]`);
        }
        expect(
          dataError(() =>
            net.score(
              INPUTS,
              CLASSES.map((c) => [c]),
            ),
          ).array,
        ).to.equal('labels');
      });
    }),
  );

  it(
    'autoencoder weights of the wrong shape',
    leakFree(() => {
      withNet(new Autoencoder(AE_LAYERS), (net) => {
        expect(
          dataError(() =>
            net.score(
              INPUTS,
              INPUTS.map((row) => row.slice(2).map(Math.abs)),
            ),
          ).array,
        ).to.equal('weights');
      });
    }),
  );

  it(
    'a disposed tensor',
    leakFree(() => {
      withNet(new Regressor(REG_LAYERS), (net) => {
        const t = tf.tensor2d(INPUTS);
        t.dispose();
        expect(dataError(() => net.predict(t)).message).to.match(/disposed/);
      });
    }),
  );

  it(
    'a multi-input network needs inputs by name',
    leakFree(() => {
      withNet(
        new Regressor([
          { shape: [3], name: 'a' },
          { shape: [2], name: 'b', form: 'input' },
          { size: 2, inputs: ['a', 'b'] },
        ]),
        (net) => {
          expect(dataError(() => net.predict([[1, 2, 3]])).message).to.match(/"a", "b"/);
          expect(dataError(() => net.predict({ a: [[1, 2, 3]] })).message).to.match(/"b"/);
          expect(dataError(() => net.predict({ a: [[1, 2, 3]], b: [[1, 2, 3]] })).array).to.equal('inputs[b]');
          const out = net.predict({ a: [[1, 2, 3]], b: [[4, 5]] });
          expect(out.shape).to.deep.equal([1, 2]);
          out.dispose();
        },
      );
    }),
  );
});
