import { DataError, RandomState } from '@tsnets/core';
import { datasetMessages } from './messages';
import { readFileBytes } from './read';

/** Options of `sequenceBatches`. */
export interface SequenceBatchOptions {
  /** Time steps of each window (default 100). */
  steps?: number;
  /** Windows per batch (default 64). */
  batchSize?: number;
  /** Seed or generator of the window offsets (default 13). */
  rng?: number | RandomState;
}

/**
 * theanets' `recurrent.batches`: a batch source that cuts windows from long
 * series. `arrays` are series `[time][features]` of one length (inputs, and
 * targets and weights as the model reads them); each call draws `batchSize`
 * offsets (seeded) and gives, for each array, the windows
 * `[batchSize, steps, features]` starting there. It is a `BatchSource`:
 * pass it to `train` as the data.
 */
export function sequenceBatches(
  arrays: readonly number[][][],
  options: SequenceBatchOptions = {},
): () => number[][][][] {
  const steps = options.steps ?? 100;
  const batchSize = options.batchSize ?? 64;
  if (!Array.isArray(arrays) || arrays.length === 0 || !arrays.every(Array.isArray))
    throw new DataError(datasetMessages.badSeriesList(), 'arrays');
  const length = arrays[0].length;
  arrays.forEach((array, i) => {
    if (array.length !== length)
      throw new DataError(datasetMessages.seriesLengths(i, array.length, length), `arrays[${i}]`);
  });
  if (!Number.isInteger(steps) || steps < 1 || !Number.isInteger(batchSize) || batchSize < 1 || length - steps < 1)
    throw new DataError(datasetMessages.badWindows(length, steps, batchSize), 'steps');
  const rng = options.rng instanceof RandomState ? options.rng : new RandomState(options.rng ?? 13);
  return () => {
    const windows = arrays.map(() => [] as number[][][]);
    for (let b = 0; b < batchSize; b++) {
      const offset = rng.randomInterval(length - steps - 1);
      arrays.forEach((array, i) => windows[i].push(array.slice(offset, offset + steps)));
    }
    return windows;
  };
}

/** A time series read from a CSV file. */
export interface Series {
  /** The first column of each row (a year, a date as yyyymmdd, ...). */
  times: number[];
  /** The value columns, one row per time: `[time][columns]`. Missing values are carried forward from the last one seen. */
  values: number[][];
  /** Per time and column: 1 where the value was read, 0 where it was missing, a mask for weighted losses. */
  weights: number[][];
  /** The row indices that had a missing value. */
  missing: number[];
  /** The names of the value columns. */
  columns: string[];
}

/**
 * Reads a CSV time series with a header: a time column, then value columns.
 * An empty cell is a missing value: it is never read as 0. It is reported in
 * `missing`, masked by a 0 in `weights`, and filled with the last value
 * seen (a series that starts with a missing value is an error). Anything else
 * that is not a number is a `DataError` naming the line and column.
 */
export async function loadSeries(pathOrText: string): Promise<Series> {
  const source = /[\r\n]/.test(pathOrText) ? 'the CSV text' : `"${pathOrText}"`;
  const text = /[\r\n]/.test(pathOrText) ? pathOrText : Buffer.from(await readFileBytes(pathOrText)).toString('utf8');
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  if (lines.length < 2) throw new DataError(datasetMessages.csvEmpty(source), source);
  const unquote = (cell: string): string => cell.trim().replace(/^"(.*)"$/, '$1');
  const columns = lines[0].split(',').map(unquote).slice(1);
  const series: Series = { times: [], values: [], weights: [], missing: [], columns };
  lines.slice(1).forEach((line, row) => {
    const cells = line.split(',').map(unquote);
    if (cells.length !== columns.length + 1)
      throw new DataError(datasetMessages.seriesWidth(source, row + 2, cells.length, columns.length + 1), source, row);
    const [time, ...rest] = cells.map((cell, column) => {
      if (cell === '' && column > 0) return NaN;
      const value = Number(cell);
      if (cell === '' || !Number.isFinite(value))
        throw new DataError(datasetMessages.seriesCell(source, row + 2, column, cell), source, row, column);
      return value;
    });
    const previous = series.values[series.values.length - 1];
    if (rest.some(Number.isNaN)) {
      if (!previous) throw new DataError(datasetMessages.seriesStartsMissing(source), source, row);
      series.missing.push(row);
    }
    series.times.push(time);
    series.values.push(rest.map((v, k) => (Number.isNaN(v) ? (previous as number[])[k] : v)));
    series.weights.push(rest.map((v) => (Number.isNaN(v) ? 0 : 1)));
  });
  return series;
}
