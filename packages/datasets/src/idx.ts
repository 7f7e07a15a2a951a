import { DataError } from '@tsnets/core';
import { createDataset, type LabeledDataset } from './dataset';
import { datasetMessages } from './messages';
import { readFileBytes } from './read';

/** The element types an IDX file can hold, by their names here. */
export type IdxDtype = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** The values of an IDX file, in the typed array that fits its element type. */
export type IdxValues = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/** An IDX file read into memory: its element type, dimensions and values (row-major, native byte order). */
export interface IdxArray {
  readonly dtype: IdxDtype;
  readonly shape: readonly number[];
  readonly values: IdxValues;
}

interface DtypeInfo {
  readonly name: IdxDtype;
  readonly bytes: number;
  readonly make: (length: number) => IdxValues;
  readonly read: (view: DataView, offset: number) => number;
}

/** The IDX type codes (third byte of the magic number); multi-byte values are big-endian. */
const DTYPES: ReadonlyMap<number, DtypeInfo> = new Map<number, DtypeInfo>([
  [0x08, { name: 'uint8', bytes: 1, make: (n) => new Uint8Array(n), read: (v, o) => v.getUint8(o) }],
  [0x09, { name: 'int8', bytes: 1, make: (n) => new Int8Array(n), read: (v, o) => v.getInt8(o) }],
  [0x0b, { name: 'int16', bytes: 2, make: (n) => new Int16Array(n), read: (v, o) => v.getInt16(o) }],
  [0x0c, { name: 'int32', bytes: 4, make: (n) => new Int32Array(n), read: (v, o) => v.getInt32(o) }],
  [0x0d, { name: 'float32', bytes: 4, make: (n) => new Float32Array(n), read: (v, o) => v.getFloat32(o) }],
  [0x0e, { name: 'float64', bytes: 8, make: (n) => new Float64Array(n), read: (v, o) => v.getFloat64(o) }],
]);

/**
 * Decodes the bytes of an (uncompressed) IDX file: a big-endian header of a
 * magic number (two zero bytes, a type code, the number of dimensions) and
 * one 32-bit size per dimension, then the values (for one-byte types a view
 * of `bytes`, not a copy). `name` labels errors,
 * which are `DataError`s for a wrong magic number, a truncated file, or
 * bytes left over after the values.
 *
 * ```ts
 * parseIdx(bytes).shape; // [60000, 28, 28] for MNIST training images
 * ```
 */
export function parseIdx(bytes: Uint8Array, name = 'IDX data'): IdxArray {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 4) throw new DataError(datasetMessages.idxTooShort(name, bytes.length, 4, 'magic number'), name);
  const magic = view.getUint32(0);
  const type = DTYPES.get(bytes[2]);
  const rank = bytes[3];
  if (bytes[0] !== 0 || bytes[1] !== 0) throw badMagic(name, magic, 'the first two bytes must be zero');
  if (!type) throw badMagic(name, magic, `unknown type code 0x${bytes[2].toString(16).padStart(2, '0')}`);
  if (rank === 0) throw badMagic(name, magic, 'zero dimensions');
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes)
    throw new DataError(
      datasetMessages.idxTooShort(name, bytes.length, headerBytes, `header (${rank} dimensions)`),
      name,
    );
  const shape: number[] = [];
  for (let d = 0; d < rank; d++) shape.push(view.getUint32(4 + 4 * d));
  const count = shape.reduce((a, b) => a * b, 1);
  const needed = headerBytes + count * type.bytes;
  if (bytes.length < needed) {
    throw new DataError(
      datasetMessages.idxTooShort(name, bytes.length, needed, `header's ${shape.join('x')} ${type.name} values`),
      name,
    );
  }
  if (bytes.length > needed) throw new DataError(datasetMessages.idxTrailing(name, bytes.length - needed, shape), name);
  return { dtype: type.name, shape, values: decode(view, headerBytes, count, type) };
}

function decode(view: DataView, offset: number, count: number, type: DtypeInfo): IdxValues {
  // Bytes need no conversion: a view of the file's bytes, not a copy (MNIST's training images are 47 MB).
  if (type.name === 'uint8') return new Uint8Array(view.buffer, view.byteOffset + offset, count);
  if (type.name === 'int8') return new Int8Array(view.buffer, view.byteOffset + offset, count);
  const out = type.make(count);
  for (let i = 0; i < count; i++) out[i] = type.read(view, offset + i * type.bytes);
  return out;
}

function badMagic(name: string, magic: number, reason: string): DataError {
  return new DataError(datasetMessages.badIdxMagic(name, magic, reason), name);
}

/**
 * Reads an IDX file (raw or gzip-compressed, known by its first bytes), such
 * as MNIST's `train-images-idx3-ubyte.gz`. Throws a `DataError` naming the
 * file for a missing file, a wrong magic number or a truncated file.
 *
 * ```ts
 * const images = await loadIdx('train-images-idx3-ubyte.gz');
 * images.dtype; // 'uint8'
 * ```
 */
export async function loadIdx(path: string): Promise<IdxArray> {
  return parseIdx(await readFileBytes(path), path);
}

/** Options of `loadIdxPair`. */
export interface IdxPairOptions {
  /**
   * How to scale the image values. `true` (the default) divides by the
   * largest value of the element type (255 for uint8, 127 for int8, 32767
   * for int16, 2147483647 for int32), so uint8 pixels land in [0, 1]; float
   * files are kept as they are. `false` keeps the raw values; a number
   * multiplies every value by it.
   */
  scale?: boolean | number;
  /** Reshape each image to one flat vector (`[n, rows * cols]`), as a feedforward network takes it. Default false. */
  flatten?: boolean;
  /** The number of classes; defaults to the largest label plus one. */
  classes?: number;
}

const LARGEST: Partial<Record<IdxDtype, number>> = { uint8: 255, int8: 127, int16: 32767, int32: 2147483647 };

/**
 * Reads an IDX images file and its IDX labels file (each raw or gzip) into one
 * labeled dataset of shape `[n, rows, cols]` (or `[n, rows * cols]` with
 * `flatten`), pixels scaled to [0, 1] by default. Throws a `DataError` when a
 * file is not IDX, is truncated, the labels are not one integer per image, or
 * the counts differ.
 *
 * ```ts
 * const train = await loadIdxPair('train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', { flatten: true });
 * train.shape; // [60000, 784]
 * ```
 */
export async function loadIdxPair(
  imagesPath: string,
  labelsPath: string,
  options: IdxPairOptions = {},
): Promise<LabeledDataset> {
  const [images, labels] = await Promise.all([loadIdx(imagesPath), loadIdx(labelsPath)]);
  if (images.shape.length < 2) {
    const hint = labels.shape.length >= 2 ? ' Did you swap the images and labels paths?' : '';
    throw new DataError(
      datasetMessages.idxWrongKind(
        imagesPath,
        'images (two or more dimensions, examples first)',
        `a 1-dimensional array of ${images.shape[0]} values`,
        hint,
      ),
      imagesPath,
    );
  }
  if (labels.shape.length !== 1 || labels.dtype.startsWith('float')) {
    throw new DataError(
      datasetMessages.idxWrongKind(
        labelsPath,
        'labels (one dimension of integers)',
        `a ${labels.shape.join('x')} array of ${labels.dtype}`,
        ' Pass the labels file (magic 0x00000801) as the second path.',
      ),
      labelsPath,
    );
  }
  if (labels.shape[0] !== images.shape[0]) {
    throw new DataError(
      datasetMessages.idxCountMismatch(imagesPath, images.shape[0], labelsPath, labels.shape[0]),
      labelsPath,
    );
  }
  const factor = scaleFactor(options.scale ?? true, images.dtype);
  const x = new Float32Array(images.values.length);
  for (let i = 0; i < x.length; i++) x[i] = images.values[i] * factor;
  const labelValues = Int32Array.from(labels.values);
  const negative = labelValues.findIndex((v) => v < 0);
  if (negative >= 0)
    throw new DataError(
      datasetMessages.badLabel(`"${labelsPath}"`, `index ${negative}`, labelValues[negative]),
      labelsPath,
      negative,
    );
  const n = images.shape[0];
  const shape = options.flatten ? [n, images.shape.slice(1).reduce((a, b) => a * b, 1)] : images.shape;
  return createDataset(x, shape, { labels: labelValues, classes: options.classes });
}

function scaleFactor(scale: boolean | number, dtype: IdxDtype): number {
  if (typeof scale === 'number') return scale;
  if (!scale) return 1;
  return 1 / (LARGEST[dtype] ?? 1);
}
