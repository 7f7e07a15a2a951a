import { Autoencoder, Classifier, Regressor, monitorNumbers, tf, type Network } from '@tsnets/core';
import { Trainer, defaultSettings } from '@tsnets/trainer';

/**
 * Loss monitors (`loss`, `err`, `acc` for classifiers) and the model's score
 * on some examples, in one pass over every row, so `acc` is the accuracy of
 * the whole set (batches of unequal size would weigh rows unequally).
 */
export function measure(network: Network, arrays: tf.Tensor[]): Record<string, number> {
  const seed = typeof network.rng === 'number' ? network.rng : 13;
  const settings = { ...defaultSettings(seed), batchSize: arrays[0].shape[0] };
  const monitors = new Trainer(network).evaluateData(network, arrays, settings);
  let score: number;
  if (network instanceof Autoencoder) score = network.score(arrays[0]);
  else if (network instanceof Classifier || network instanceof Regressor) score = network.score(arrays[0], arrays[1]);
  else score = NaN;
  return { ...monitorNumbers(monitors), score };
}
