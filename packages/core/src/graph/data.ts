import { DataError } from '../errors/errors';
import { messages } from '../errors/messages';
import { tf } from '../tf';

/** Data tsnets accepts: a tensor, nested number arrays, or a typed array with a shape elsewhere. */
export type ArrayInput = tf.Tensor | number[] | number[][] | number[][][] | number[][][][];

function shapeOf(value: unknown): number[] {
  const shape: number[] = [];
  let level: unknown = value;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  return shape;
}

/** `name[i][j]...` for a position in nested arrays. */
export function indexName(name: string, index: readonly number[]): string {
  return `${name}${index.map((i) => `[${i}]`).join('')}`;
}

/**
 * Throws a `DataError` at the first place where nested arrays are not
 * rectangular, comparing each row with the first one at its depth (the one
 * `shape` was read from): `x[12] has 5 values, x[0] has 7`.
 */
function checkRectangular(value: unknown[], shape: readonly number[], name: string, sequences = false): void {
  const fail = (path: number[], message: string): never => {
    throw new DataError(message, name, path[0], path[1]);
  };
  const walk = (level: unknown, path: number[]): void => {
    const depth = path.length;
    const reference = indexName(
      name,
      path.map(() => 0),
    );
    if (!Array.isArray(level)) {
      fail(
        path,
        messages.notNested(name, indexName(name, path), describe(level), reference, `an array of ${shape[depth]}`),
      );
      return;
    }
    if (level.length !== shape[depth]) {
      // In sequence data the second axis is time: different lengths need padding and a mask.
      const ragged = sequences && depth === 1 ? messages.sequenceLengths : messages.raggedRows;
      fail(path, ragged(name, indexName(name, path), level.length, reference, shape[depth]));
    }
    if (depth === shape.length - 1) {
      const nested = level.findIndex((v) => Array.isArray(v));
      if (nested >= 0)
        fail(
          [...path, nested],
          messages.notNested(
            name,
            indexName(name, [...path, nested]),
            'an array',
            indexName(name, [...path.map(() => 0), 0]),
            'a value',
          ),
        );
      return;
    }
    for (let i = 0; i < level.length; i++) walk(level[i], [...path, i]);
  };
  walk(value, []);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : value === null ? 'null' : String(value);
}

function locate(
  flat: ArrayLike<number>,
  shape: readonly number[],
  test: (v: number) => boolean,
): [number, number, number] | undefined {
  const columns = shape.length > 1 ? shape.slice(1).reduce((a, b) => a * b, 1) : 1;
  for (let i = 0; i < flat.length; i++) {
    if (test(flat[i])) return [Math.floor(i / columns), i % columns, flat[i]];
  }
  return undefined;
}

/** Throws a `DataError` naming the row and column of the first NaN or infinite value. */
export function checkFinite(name: string, values: ArrayLike<number>, shape: readonly number[]): void {
  const bad = locate(values, shape, (v) => !Number.isFinite(v));
  if (bad) throw new DataError(messages.nonFinite(name, bad[0], bad[1], bad[2]), name, bad[0], bad[1]);
}

/**
 * Converts input to a tensor of the given dtype, checking that it is
 * rectangular and finite (`sequences`: the second axis is time, and rows of
 * different lengths are reported as sequences needing padding). Tensors the
 * caller passed are returned as they are (never disposed by tsnets); new ones
 * belong to the surrounding `tf.tidy`.
 */
export function toTensor(
  value: ArrayInput,
  name: string,
  dtype: 'float32' | 'int32' = 'float32',
  sequences = false,
): tf.Tensor {
  if (value instanceof tf.Tensor) {
    if (value.isDisposed)
      throw new DataError(messages.badData(name, 'the tensor was disposed', 'Pass a live tensor.'), name);
    const values = value.dataSync();
    checkFinite(name, values, value.shape);
    if (dtype === 'int32' && value.dtype !== 'int32') return tf.cast(value, 'int32');
    if (dtype === 'float32' && value.dtype !== 'float32') return tf.cast(value, 'float32');
    return value;
  }
  if (!Array.isArray(value)) {
    throw new DataError(
      messages.badData(
        name,
        `expected a tensor or an array of numbers, got ${typeof value}`,
        'Pass nested number arrays or a tf.Tensor.',
      ),
      name,
    );
  }
  const shape = shapeOf(value);
  checkRectangular(value, shape, name, sequences);
  const flat = (value as unknown[]).flat(Infinity) as unknown[];
  const expected = shape.reduce((a, b) => a * b, 1);
  if (flat.length !== expected) {
    throw new DataError(
      messages.badData(
        name,
        `rows of different lengths (expected shape [${shape}])`,
        'Make every row the same length.',
      ),
      name,
    );
  }
  const bad = flat.findIndex((v) => typeof v !== 'number');
  if (bad >= 0) {
    const columns = shape.length > 1 ? expected / shape[0] : 1;
    const row = Math.floor(bad / columns);
    const column = bad % columns;
    throw new DataError(
      messages.badData(
        name,
        `row ${row}, column ${column} is ${JSON.stringify(flat[bad])}, not a number`,
        'Convert values to numbers first.',
      ),
      name,
      row,
      column,
    );
  }
  checkFinite(name, flat as number[], shape);
  return tf.tensor(flat as number[], shape, dtype);
}
