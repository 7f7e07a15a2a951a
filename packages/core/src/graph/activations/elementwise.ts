import { tf } from '../../tf';
import { Activation } from './activation';

const EPSILON = 1e-8;

function meanLast(x: tf.Tensor): tf.Tensor {
  return tf.mean(x, -1, true);
}

function stdLast(x: tf.Tensor): tf.Tensor {
  return tf.sqrt(tf.mean(tf.square(tf.sub(x, meanLast(x))), -1, true));
}

/** The activations without parameters, by id (first) and aliases. */
export const ELEMENTWISE: ReadonlyArray<[string[], (x: tf.Tensor) => tf.Tensor]> = [
  [['linear', 'identity'], (x) => x],
  [['logistic', 'sigmoid'], (x) => tf.sigmoid(x)],
  [['tanh'], (x) => tf.tanh(x)],
  [['softmax'], (x) => tf.softmax(x)],
  [['softplus'], (x) => tf.softplus(x)],
  [['relu', 'rect:max'], (x) => tf.relu(x)],
  [['rect:min'], (x) => tf.minimum(x, 1)],
  [['rect:minmax'], (x) => tf.clipByValue(x, 0, 1)],
  [['elu'], (x) => tf.elu(x)],
  [['norm:mean'], (x) => tf.sub(x, meanLast(x))],
  [['norm:max'], (x) => tf.div(x, tf.add(tf.max(tf.abs(x), -1, true), EPSILON))],
  [['norm:std'], (x) => tf.div(x, tf.add(stdLast(x), EPSILON))],
  [['norm:z'], (x) => tf.div(tf.sub(x, meanLast(x)), tf.add(stdLast(x), EPSILON))],
];

/** Makes an `Activation` class for a parameter-free function. */
export function elementwise(className: string, fn: (x: tf.Tensor) => tf.Tensor): typeof Activation {
  const Class = class extends Activation {
    apply(x: tf.Tensor): tf.Tensor {
      return fn(x);
    }
  };
  Object.defineProperty(Class, 'name', { value: className });
  return Class;
}
