import { Autoencoder, Classifier, OUTPUT_CHUNK, Regressor, monitorNumbers, tf, type Network } from '@tsnets/core';
import { Trainer, defaultSettings } from '@tsnets/trainer';

/**
 * Loss monitors (`loss`, `err`, `acc` for classifiers) and the model's score
 * on some examples: each monitor weighs every row alike, so `acc` is the
 * accuracy of the whole set.
 */
export function measure(network: Network, arrays: tf.Tensor[]): Record<string, number> {
  const seed = typeof network.rng === 'number' ? network.rng : 13;
  const trainer = new Trainer(network);
  // In chunks of rows, weighted by their rows: the monitors are means over rows, and one pass over 10,000 images
  // would hold every feature map at once.
  const rows = arrays[0].shape[0];
  const sums: Record<string, number> = {};
  for (let start = 0; start < rows; start += OUTPUT_CHUNK) {
    const size = Math.min(OUTPUT_CHUNK, rows - start);
    const part = arrays.map((array) => tf.slice(array, start, size));
    try {
      const values = monitorNumbers(trainer.evaluateData(network, part, { ...defaultSettings(seed), batchSize: size }));
      for (const [name, value] of Object.entries(values)) sums[name] = (sums[name] ?? 0) + value * size;
    } finally {
      tf.dispose(part);
    }
  }
  const monitors = Object.fromEntries(Object.entries(sums).map(([name, sum]) => [name, sum / rows]));
  let score: number;
  if (network instanceof Autoencoder) score = network.score(arrays[0]);
  else if (network instanceof Classifier || network instanceof Regressor) score = network.score(arrays[0], arrays[1]);
  else score = NaN;
  return { ...monitors, score };
}
