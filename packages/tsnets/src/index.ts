/**
 * tsnets: theanets-style neural networks for TypeScript. Importing this
 * package registers every built-in layer, activation, loss, optimizer,
 * regularizer and trainer.
 */
export * from '@tsnets/core';
