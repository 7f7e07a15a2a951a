import { Classifier, Network, tf } from '@tsnets/core';
import * as datasets from '@tsnets/datasets';
import { loadData, splitData, type CsvFlags } from '../data';
import { UsageError } from '../errors';
import { examples } from '../examples';
import { cliMessages } from '../messages';
import { kindOf } from '../models';

/** The data flags `evaluate` and `predict` share. */
export interface DataFlags extends Omit<CsvFlags, 'classNames'> {
  data: string;
  validFraction: number;
  testFraction: number;
  seed: number;
}

/**
 * Loads a saved model and the examples it is applied to: the test split when
 * `--test-fraction` is given (with the same `--seed` and `--valid-fraction`
 * as training, it is the same rows), otherwise every row of `--data`.
 */
export async function modelAndExamples(
  path: string,
  flags: DataFlags,
): Promise<{ network: Network; arrays: tf.Tensor[] }> {
  const network = await Network.load(path);
  try {
    const kind = kindOf(network);
    const classNames = network instanceof Classifier ? network.classNames : undefined;
    const { dataset, label } = await loadData(flags.data, kind === 'classifier', 'data', { ...flags, classNames });
    let part: datasets.Dataset = dataset;
    if (flags.testFraction > 0) {
      part = splitData(dataset, flags.validFraction, flags.testFraction, flags.seed).test;
      if (datasets.rowCount(part) === 0) throw new UsageError(cliMessages.emptySplit('test'));
    }
    const outputs = network.layers[network.layers.length - 1].size;
    const arrays = examples(part, kind, outputs, label);
    const width = network.layers[0].size;
    if (arrays[0].shape[1] !== width) {
      tf.dispose(arrays);
      throw new UsageError(
        cliMessages.layersDoNotFit(
          'the model',
          width,
          `${label} (${arrays[0].shape[1]} values per example)`,
          arrays[0].shape[1] as number,
          'pass data the model was trained on',
        ),
      );
    }
    return { network, arrays };
  } catch (error) {
    network.dispose();
    throw error;
  }
}
