import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { DataError } from '@tsnets/core';
import { loadCsv, parseCsv } from './csv';
import { loadIdxPair } from './idx';
import { createDataset, rowCount, type LabeledDataset } from './dataset';
import { datasetMessages } from './messages';
import { requireDatasetPackage, type IdxSetPackage } from './optional';

/**
 * The absolute path of a file bundled in this package's `data/` folder
 * (e.g. `'digits.csv.gz'`). Found by walking up from this module, so it works
 * from the sources, from `dist/src` and from an npm-installed copy. Throws a
 * `DataError` when the file is missing.
 */
export function bundledPath(file: string): string {
  const searched: string[] = [];
  let dir = __dirname;
  for (let up = 0; up < 4; up++) {
    const candidate = join(dir, 'data', file);
    searched.push(join(dir, 'data'));
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new DataError(datasetMessages.missingBundled(file, searched), resolve(file));
}

/** Options of `digits`. */
export interface DigitsOptions {
  /** Divide the pixel values (0..16) by 16 so they lie in [0, 1]; default true. */
  scale?: boolean;
  /** Keep each digit as an 8x8 image (shape `[1797, 8, 8]`) instead of 64 values; default false. */
  images?: boolean;
}

/**
 * The UCI optical-recognition handwritten digits as bundled by scikit-learn:
 * 1797 8x8 images of the digits 0 to 9 (about 180 each), pixel values 0..16
 * scaled to [0, 1] by default. Shape `[1797, 64]` (or `[1797, 8, 8]` with
 * `images`), labels 0..9 with `classNames` '0'..'9'.
 *
 * ```ts
 * const data = await digits();
 * const net = new Classifier([64, [100, 'relu'], 10]);
 * ```
 */
export async function digits(options: DigitsOptions = {}): Promise<LabeledDataset> {
  const file = bundledPath('digits.csv.gz');
  const raw = await loadCsv(file, { header: false, labelColumn: -1, classes: 10 });
  const rows = rowCount(raw);
  if (rows !== 1797 || raw.shape[1] !== 64)
    throw new DataError(datasetMessages.bundledCorrupt(file, `shape [${raw.shape}] instead of [1797, 64]`), file);
  const x = raw.x;
  if (options.scale ?? true) for (let i = 0; i < x.length; i++) x[i] /= 16;
  return createDataset(x, options.images ? [rows, 8, 8] : [rows, 64], {
    labels: raw.labels,
    classes: 10,
    classNames: Array.from({ length: 10 }, (_, i) => String(i)),
  });
}

/** The iris measurements, in centimeters, in the file's column order. */
const IRIS_FEATURES = ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'];

/**
 * Fisher's iris data from the UCI repository (as bundled by scikit-learn):
 * 150 flowers, 4 measurements in centimeters (unscaled), 3 classes of 50
 * (`classNames` setosa, versicolor, virginica).
 *
 * ```ts
 * const { train, test } = split(await iris(), { test: 0.2, stratify: true });
 * ```
 */
export async function iris(): Promise<LabeledDataset> {
  const file = bundledPath('iris.csv');
  const text = await readFile(file, 'utf8');
  // The first line is scikit-learn's: rows, features, then the class names.
  const newline = text.indexOf('\n');
  const [rows, features, ...classNames] = text.slice(0, newline).trim().split(',');
  const data = parseCsv(
    text.slice(newline + 1),
    { header: false, labelColumn: -1, classes: classNames.length },
    `"${file}"`,
  );
  if (rowCount(data) !== Number(rows) || data.shape[1] !== Number(features) || classNames.length !== 3) {
    throw new DataError(
      datasetMessages.bundledCorrupt(
        file,
        `shape [${data.shape}] and ${classNames.length} classes disagree with its first line`,
      ),
      file,
    );
  }
  return createDataset(data.x, data.shape, {
    labels: data.labels,
    classes: 3,
    classNames,
    featureNames: IRIS_FEATURES,
  });
}

/** Options of `mnist` and `fashionMnist`. */
export interface MnistOptions {
  /** `'train'` (60,000 images, the default) or `'test'` (10,000). */
  set?: 'train' | 'test';
  /** Keep each image as 28x28 instead of 784 values; default false. */
  images?: boolean;
}

/** A set in MNIST's layout from its optional package (a folder of the four IDX gzip files). */
async function idxSet(dataset: string, packageName: string, options: MnistOptions): Promise<LabeledDataset> {
  const pkg = requireDatasetPackage<IdxSetPackage>(dataset, packageName);
  const { images, labels } = pkg.files(options.set ?? 'train');
  const data = await loadIdxPair(images, labels, { flatten: !options.images, classes: pkg.classNames.length });
  return { ...data, classNames: [...pkg.classNames] };
}

/**
 * The MNIST handwritten digits (Y. LeCun and C. Cortes) from the four
 * original IDX files in the optional package `@tsnets/dataset-mnist`: 28x28
 * images scaled to [0, 1], shape `[n, 784]` (or `[n, 28, 28]` with
 * `images`), labels 0..9. Rejects with a `MissingDatasetError` naming that
 * package when it is not installed.
 *
 * ```ts
 * const train = await mnist();
 * const test = await mnist({ set: 'test' });
 * ```
 */
export function mnist(options: MnistOptions = {}): Promise<LabeledDataset> {
  return idxSet('MNIST', '@tsnets/dataset-mnist', options);
}

/**
 * Fashion-MNIST (Zalando Research) from the optional package
 * `@tsnets/dataset-fashion-mnist`: 28x28 grayscale images of clothing in
 * MNIST's layout, the same sizes and options as `mnist`; labels 0..9 with
 * `classNames` from 'T-shirt/top' to 'Ankle boot'. Rejects with a
 * `MissingDatasetError` naming that package when it is not installed.
 *
 * ```ts
 * const train = await fashionMnist();
 * ```
 */
export function fashionMnist(options: MnistOptions = {}): Promise<LabeledDataset> {
  return idxSet('Fashion-MNIST', '@tsnets/dataset-fashion-mnist', options);
}
