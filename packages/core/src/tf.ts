/** The TensorFlow.js union package tsnets is built on, re-exported so apps and plugins share one copy. */
import * as tf from '@tensorflow/tfjs';

export { tf };
export type Tensor = tf.Tensor;
export type Scalar = tf.Scalar;
