import { existsSync } from 'node:fs';
import * as datasets from '@tsnets/datasets';
import { UsageError } from './errors';
import { cliMessages } from './messages';

/** The data a `--data` value names, and how to describe it in messages. */
export interface LoadedData {
  dataset: datasets.Dataset;
  /** e.g. `digits` or `"train.csv"`. */
  label: string;
}

const IDX_SUFFIXES = ['', '.gz'];

/** How a CSV file is read: `--label-column`, `--delimiter`, `--header`/`--no-header`, and a model's class names. */
export interface CsvFlags {
  labelColumn?: string;
  delimiter?: string;
  header?: boolean;
  /** The class names of the model the data is for (labels must be among them, in this order). */
  classNames?: readonly string[];
}

/** `--label-column`: an index (negative from the end) or a header name. */
function labelColumn(text: string | undefined): number | string {
  if (text === undefined) return -1;
  return /^-?\d+$/.test(text.trim()) ? Number(text) : text;
}

/** `--delimiter`: one character; `tab` or `\t` for a tab. */
function delimiterOf(text: string | undefined, spec: string): string {
  if (text === undefined) return /\.tsv(\.gz)?$/i.test(spec) ? '\t' : ',';
  if (text === 'tab' || text === '\\t') return '\t';
  if (text.length !== 1) throw new UsageError(cliMessages.badDelimiter(text));
  return text;
}

/**
 * Loads what `--data` names: `digits`, `iris`, `mnist` or `fashion-mnist`
 * (MNIST and Fashion-MNIST from their optional packages), `mnist-test` or `fashion-mnist-test`, a `.csv` file (when `labeled`, the
 * `--label-column`, by default the last, holds integer labels or class names), or an IDX prefix `P` for
 * `P-images-idx3-ubyte[.gz]` and `P-labels-idx1-ubyte[.gz]`. Images are
 * flattened to one row per example.
 */
export async function loadData(spec: string, labeled: boolean, flag = 'data', csv: CsvFlags = {}): Promise<LoadedData> {
  switch (spec) {
    case 'digits':
      return { dataset: await datasets.digits(), label: 'digits' };
    case 'iris':
      return { dataset: await datasets.iris(), label: 'iris' };
    case 'mnist':
      return { dataset: await datasets.mnist(), label: 'mnist' };
    case 'mnist-test':
      return { dataset: await datasets.mnist({ set: 'test' }), label: 'mnist-test' };
    case 'fashion-mnist':
      return { dataset: await datasets.fashionMnist(), label: 'fashion-mnist' };
    case 'fashion-mnist-test':
      return { dataset: await datasets.fashionMnist({ set: 'test' }), label: 'fashion-mnist-test' };
  }
  if (/\.(csv|tsv)(\.gz)?$/i.test(spec)) {
    if (!existsSync(spec)) throw new UsageError(cliMessages.missingData(flag, spec, [spec]));
    const options: datasets.CsvOptions = {
      delimiter: delimiterOf(csv.delimiter, spec),
      header: csv.header ?? 'auto',
      ...(labeled ? { labelColumn: labelColumn(csv.labelColumn), classNames: csv.classNames } : {}),
    };
    const dataset = await datasets.loadCsv(spec, options);
    return { dataset, label: JSON.stringify(spec) };
  }
  const images = IDX_SUFFIXES.map((suffix) => `${spec}-images-idx3-ubyte${suffix}`);
  const labels = IDX_SUFFIXES.map((suffix) => `${spec}-labels-idx1-ubyte${suffix}`);
  const image = images.find((file) => existsSync(file));
  const label = labels.find((file) => existsSync(file));
  if (!image || !label) throw new UsageError(cliMessages.missingData(flag, spec, [...images, ...labels]));
  return { dataset: await datasets.loadIdxPair(image, label, { flatten: true }), label: JSON.stringify(spec) };
}

/**
 * The train, valid and test parts of a `--data` set, split by a seeded permutation. The set is the command's own
 * (fresh from `loadData`): it is reordered in place and the parts are views of it, so the data is held once.
 */
export function splitData(
  dataset: datasets.Dataset,
  validFraction: number,
  testFraction: number,
  seed: number,
): datasets.Splits {
  return datasets.split(dataset, { valid: validFraction, test: testFraction, rng: seed, inPlace: true });
}
