import { tf } from '@tsnets/core';

/** `tensor` as float32 (targets or weights given as integers would not mix with float outputs). */
export function asFloat(tensor: tf.Tensor): tf.Tensor {
  return tensor.dtype === 'float32' ? tensor : tf.cast(tensor, 'float32');
}

/** Weights flattened to one per row of `[n, K]` class scores, when given. */
export function rowWeights(weights: tf.Tensor | undefined): tf.Tensor | undefined {
  return weights === undefined ? undefined : tf.reshape(asFloat(weights), [-1]);
}
