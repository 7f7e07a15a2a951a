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
    // An image model's input takes the examples' values in its shape (MNIST's 784 as 28x28x1).
    const shape = network.inputs[0].dataShape;
    const width = shape.reduce((a, b) => a * b, 1);
    const arrays = examples(part, kind, outputs, label);
    const found = arrays[0].size / Math.max(1, arrays[0].shape[0]);
    if (found !== width) {
      tf.dispose(arrays);
      throw new UsageError(
        cliMessages.layersDoNotFit(
          'the model',
          width,
          `${label} (${found} values per example)`,
          found,
          'pass data the model was trained on',
        ),
      );
    }
    if (shape.length > 1) {
      const flat = arrays[0];
      arrays[0] = tf.reshape(flat, [-1, ...shape]);
      flat.dispose();
    }
    return { network, arrays };
  } catch (error) {
    network.dispose();
    throw error;
  }
}
