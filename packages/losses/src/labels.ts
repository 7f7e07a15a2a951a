import { tf } from '@tsnets/core';

/**
 * Class scores as rows and, per row, the score of the labelled class:
 * `scores` is `[n, K]` (every axis but the last flattened) and `truth` is
 * `[n]`, `truth_r = scores_r[label_r]`. The pick is a product with a one-hot
 * mask, so gradients flow to the scores.
 */
export function labelledScores(output: tf.Tensor, labels: tf.Tensor): { scores: tf.Tensor2D; truth: tf.Tensor1D } {
  const classes = output.shape[output.rank - 1];
  const scores = tf.reshape(output, [-1, classes]) as tf.Tensor2D;
  const indices = tf.reshape(labels.dtype === 'int32' ? labels : tf.cast(labels, 'int32'), [-1]) as tf.Tensor1D;
  const truth = tf.sum(tf.mul(scores, tf.oneHot(indices, classes)), -1) as tf.Tensor1D;
  return { scores, truth };
}
