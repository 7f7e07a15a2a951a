import type { Constructor, Kind } from './catalog';
import { register, type RegisterOptions } from './registry';

/** Options of a registering decorator: an id string, or the full options. */
export type DecoratorArgument = string | RegisterOptions | undefined;

function toOptions(argument: DecoratorArgument, more?: RegisterOptions): RegisterOptions {
  return typeof argument === 'string' ? { ...more, id: argument } : { ...argument, ...more };
}

/** Makes a class decorator that registers the class for one kind (sugar over `register`). */
export function registering(kind: Kind) {
  return (argument?: DecoratorArgument, more?: RegisterOptions) =>
    <T extends Constructor>(target: T): T => {
      register(kind, target, toOptions(argument, more));
      return target;
    };
}

/** Registers a layer form: `@layer('ff')`. */
export const layer = registering('layer');
/** Registers an activation: `@activation('relu')`. */
export const activation = registering('activation');
/** Registers a loss: `@loss('mse')`. */
export const loss = registering('loss');
/** Registers an optimizer: `@optimizer('sgd')`. */
export const optimizer = registering('optimizer');
/** Registers a regularizer: `@regularizer('weightinverse')`; without an id, the lowercased class name. */
export const regularizer = registering('regularizer');

function registeringFn(kind: Kind) {
  return <T>(target: Constructor<T>, options?: DecoratorArgument) => register(kind, target, toOptions(options));
}

/** Registers a layer form without decorators: `registerLayer(MyLayer, 'mine')`. */
export const registerLayer = registeringFn('layer');
/** Registers an activation without decorators. */
export const registerActivation = registeringFn('activation');
/** Registers a loss without decorators. */
export const registerLoss = registeringFn('loss');
/** Registers an optimizer without decorators. */
export const registerOptimizer = registeringFn('optimizer');
/** Registers a regularizer without decorators: `registerRegularizer(WeightInverse, 'weightinverse')`. */
export const registerRegularizer = registeringFn('regularizer');
