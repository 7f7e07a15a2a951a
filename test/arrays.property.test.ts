/**
 * Property: bad arrays given to `predict`, `score` or `train` (ragged rows,
 * NaN or infinite values, non-numbers, nested values, wrong widths, row
 * counts that disagree, negative weights, empty arrays) are always a
 * DataError, never a raw TypeError or a tfjs error, and leave the number of
 * live tensors as it was. Seeded, so a failure can be replayed.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { DataError, Regressor, tf } from '@tsnets/core';
import '@tsnets/losses';
import '@tsnets/optimizers';
import '@tsnets/regularizers';
import '@tsnets/trainer';

const INPUTS = 7;
const OUTPUTS = 5;

type Which = 'x' | 'y' | 'w';
type Damage =
  | { kind: 'short' | 'long' | 'number-row'; row: number }
  | { kind: 'value'; row: number; column: number; value: unknown }
  | { kind: 'width'; width: number }
  | { kind: 'drop-row' | 'empty' }
  | { kind: 'negative'; row: number; column: number; value: number };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constantFrom('short' as const, 'long' as const, 'number-row' as const), row: fc.nat() }),
  fc.record({
    kind: fc.constant('value' as const),
    row: fc.nat(),
    column: fc.nat(),
    value: fc.constantFrom<unknown>(NaN, Infinity, -Infinity, 'x', '1', null, undefined, [1], [], {}, true),
  }),
  fc.record({ kind: fc.constant('width' as const), width: fc.integer({ min: 1, max: 9 }) }),
  fc.record({ kind: fc.constantFrom('drop-row' as const, 'empty' as const) }),
  fc.record({
    kind: fc.constant('negative' as const),
    row: fc.nat(),
    column: fc.nat(),
    value: fc.double({ min: -1e6, max: -1e-6, noNaN: true }),
  }),
);

const matrix = (rows: number, columns: number, min: number): fc.Arbitrary<number[][]> =>
  fc.array(fc.array(fc.double({ min, max: 10, noNaN: true }), { minLength: columns, maxLength: columns }), {
    minLength: rows,
    maxLength: rows,
  });

const scenario = fc.integer({ min: 2, max: 6 }).chain((n) =>
  fc.record({
    x: matrix(n, INPUTS, -10),
    y: matrix(n, OUTPUTS, -10),
    w: matrix(n, OUTPUTS, 0),
    operation: fc.constantFrom('predict', 'score', 'score-weighted', 'train', 'train-weighted'),
    which: fc.constantFrom<Which>('x', 'y', 'w'),
    damage,
  }),
);

/** Applies damage that makes the array invalid for any model reading it. */
function spoil(array: unknown[][], d: Damage, width: number, which: Which): unknown[] {
  const rows = array.map((row) => [...row]);
  const at = (row: number): number => row % rows.length;
  switch (d.kind) {
    case 'short':
      rows[at(d.row)].pop();
      return rows;
    case 'long':
      rows[at(d.row)].push(1);
      return rows;
    case 'number-row':
      return rows.map((row, i) => (i === at(d.row) ? 3 : row));
    case 'value':
      rows[at(d.row)][d.column % width] = d.value;
      return rows;
    case 'width':
      return rows.map((row) => Array.from({ length: d.width === width ? width + 1 : d.width }, (_, i) => row[i] ?? 0));
    case 'drop-row':
      return rows.slice(1);
    case 'empty':
      return [];
    case 'negative':
      // A negative input or target is fine: spoil it with NaN instead.
      rows[at(d.row)][d.column % width] = which === 'w' ? d.value : NaN;
      return rows;
  }
}

describe('arrays, property-based', () => {
  let plain: Regressor;
  let weighted: Regressor;

  before(() => {
    plain = new Regressor([INPUTS, 4, OUTPUTS], { rng: 2 });
    weighted = new Regressor([INPUTS, 4, OUTPUTS], { rng: 2, weighted: true });
  });
  after(() => {
    plain.dispose();
    weighted.dispose();
  });

  it('bad arrays for predict, score and train are DataErrors, with no tensor leaked', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ x, y, w, operation, which, damage: d }) => {
        const uses: Which[] =
          operation === 'predict' ? ['x'] : operation.endsWith('weighted') ? ['x', 'y', 'w'] : ['x', 'y'];
        // A dropped row is only wrong next to another array; predict has none.
        const target: Which = uses.includes(which) && !(d.kind === 'drop-row' && operation === 'predict') ? which : 'x';
        if (d.kind === 'drop-row' && operation === 'predict') d = { kind: 'empty' };
        if (d.kind === 'drop-row' && target === 'x') d = { kind: 'empty' };
        const arrays = { x, y, w } as Record<Which, unknown[]>;
        arrays[target] = spoil(arrays[target] as number[][], d, target === 'x' ? INPUTS : OUTPUTS, target);
        const [X, Y, W] = [arrays.x, arrays.y, arrays.w] as number[][][];
        const before = tf.memory().numTensors;
        let outcome: unknown;
        try {
          if (operation === 'predict') plain.predict(X).dispose();
          else if (operation === 'score') plain.score(X, Y);
          else if (operation === 'score-weighted') plain.score(X, Y, W);
          else if (operation === 'train') await plain.train([X, Y], { max_updates: 1, batch_size: 8 });
          else await weighted.train([X, Y, W], { max_updates: 1, batch_size: 8 });
          outcome = 'no error';
        } catch (error) {
          outcome = error;
        }
        expect(outcome, `${operation} with ${target} damaged by ${JSON.stringify(d)}`).to.be.instanceOf(DataError);
        expect(tf.memory().numTensors, 'tensors after the refused call').to.equal(before);
      }),
      { seed: 20261129, numRuns: 1000 },
    );
  });
});
