/**
 * tsnets: theanets-style neural networks for TypeScript on TensorFlow.js.
 * Importing this package registers every built-in layer, activation, loss, optimizer, regularizer and the
 * trainer, so `net.train(...)` works with no further set-up.
 */
export * from '@tsnets/core';
export * from '@tsnets/losses';
export * from '@tsnets/optimizers';
export * from '@tsnets/regularizers';
export * from '@tsnets/trainer';
export * as datasets from '@tsnets/datasets';
