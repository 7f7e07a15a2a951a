import { DataError, type tf } from '@tsnets/core';
import { lossMessages } from './messages';

const sameShape = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((d, i) => d === b[i]);

const format = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/** Throws a `DataError` unless `tensor` has exactly the `expected` shape. */
export function expectShape(
  loss: string,
  array: string,
  tensor: tf.Tensor,
  expected: readonly number[],
  fix: string,
): void {
  if (!sameShape(tensor.shape, expected)) {
    throw new DataError(lossMessages.badShape(loss, array, tensor.shape, format(expected), fix), array);
  }
}

/**
 * Checks the weights of a loss: present when the loss is weighted, and of
 * the targets' shape whenever given.
 */
export function checkWeights(loss: string, weighted: boolean, target: tf.Tensor, weights: tf.Tensor | undefined): void {
  if (weights === undefined) {
    if (weighted) throw new DataError(lossMessages.missingWeights(loss), 'weights');
    return;
  }
  expectShape(loss, 'weights', weights, target.shape, 'Give one weight per target value.');
}

/** Checks an output and a same-shaped target (and weights) of a regression-style loss. */
export function checkTargets(
  loss: string,
  weighted: boolean,
  output: tf.Tensor,
  target: tf.Tensor,
  weights: tf.Tensor | undefined,
): void {
  expectShape(loss, 'targets', target, output.shape, 'The targets must have the shape of the network output.');
  checkWeights(loss, weighted, target, weights);
}

/**
 * Checks an output of class scores `[..., K]` against integer labels of
 * shape `[...]` (the output's shape without its last axis), and weights.
 */
export function checkLabels(
  loss: string,
  weighted: boolean,
  output: tf.Tensor,
  labels: tf.Tensor,
  weights: tf.Tensor | undefined,
): void {
  if (output.rank < 1) {
    throw new DataError(
      lossMessages.badShape(
        loss,
        'outputs',
        output.shape,
        'at least one axis (the classes)',
        'Use a classifier output.',
      ),
      'outputs',
    );
  }
  expectShape(
    loss,
    'labels',
    labels,
    output.shape.slice(0, -1),
    'Give one integer class label per example (the output shape without its class axis).',
  );
  checkWeights(loss, weighted, labels, weights);
}
