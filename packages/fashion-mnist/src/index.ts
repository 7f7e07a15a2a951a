/**
 * @tsnets/dataset-fashion-mnist: the four original Fashion-MNIST IDX files (and their
 * LICENSE), and where they are. `datasets.fashionMnist()` of tsnets (or `@tsnets/datasets`) finds this
 * package when it is installed and loads the files; this module only names
 * them, so it has no dependencies.
 */
import { join } from 'node:path';

/** The training set (60,000 images) or the test set (10,000). */
export type FashionMnistSet = 'train' | 'test';

/** The absolute paths of one set's two gzipped IDX files. */
export interface IdxFiles {
  /** `[n, 28, 28]` uint8 pixels. */
  images: string;
  /** `[n]` uint8 labels 0..9 (see classNames). */
  labels: string;
}

/** The folder holding the IDX files: `data/` beside `dist/`. */
export const dataDir: string = join(__dirname, '..', '..', 'data');

/** The class names by label, from 'T-shirt/top' (0) to 'Ankle boot' (9). */
export const classNames: readonly string[] = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

/**
 * The paths of the images and labels files of `set` (default `'train'`).
 *
 * ```ts
 * const { images, labels } = files('test'); // .../data/t10k-images-idx3-ubyte.gz, ...
 * ```
 */
export function files(set: FashionMnistSet = 'train'): IdxFiles {
  if (set !== 'train' && set !== 'test') {
    throw new RangeError(`Unknown Fashion-MNIST set ${JSON.stringify(set)}: pass 'train' or 'test'.`);
  }
  const prefix = set === 'train' ? 'train' : 't10k';
  return {
    images: join(dataDir, `${prefix}-images-idx3-ubyte.gz`),
    labels: join(dataDir, `${prefix}-labels-idx1-ubyte.gz`),
  };
}
