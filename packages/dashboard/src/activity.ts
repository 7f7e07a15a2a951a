import { tf, type Network, type NetworkInput } from '@tsnets/core';

/** Outputs whose magnitude is below this count as near zero. */
export const NEAR_ZERO = 1e-3;

/**
 * The fraction of each hidden layer's outputs near zero (|h| < `NEAR_ZERO`)
 * on `sample`, by layer name (`{ hid1: 0.42 }`): how many units a sparsity
 * penalty or a dead ReLU has silenced. Hidden layers are those between the
 * input and the last layer.
 */
export function hiddenActivity(network: Network, sample: NetworkInput): Record<string, number> {
  const hidden = network.layers.slice(1, -1).map((layer) => layer.name);
  if (hidden.length === 0) return {};
  const outputs = network.feedForward(sample);
  try {
    const fractions = tf.tidy(() =>
      tf.stack(hidden.map((name) => tf.mean(tf.cast(tf.less(tf.abs(outputs[`${name}:out`]), NEAR_ZERO), 'float32')))),
    );
    const values = fractions.dataSync();
    fractions.dispose();
    return Object.fromEntries(hidden.map((name, i) => [name, values[i]]));
  } finally {
    tf.dispose(Object.values(outputs));
  }
}
