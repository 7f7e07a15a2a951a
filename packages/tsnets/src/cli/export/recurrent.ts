import { tf, type Layer, type RecurrentOptions } from '@tsnets/core';
import { UsageError } from '../errors';
import { cliMessages } from '../messages';

const variable = (layer: Layer, key: string): tf.Tensor => layer.find(key).variable;

/** Why a recurrent layer has no tfjs-layers equivalent, or undefined when it has one. */
function unexportable(layer: Layer): string | undefined {
  if (layer.form === 'lstm')
    return "tfjs' lstm has no peephole weights (ci, cf, co), which tsnets' lstm has; use gru or rnn to export";
  if (layer.form !== 'rnn' && layer.form !== 'gru') return `tfjs-layers has no "${layer.form}" layer`;
  const options = layer.options as RecurrentOptions;
  if (options.direction === 'backward')
    return "it runs backward, and tfjs' goBackwards returns its steps in reverse order";
  if (options.h_0 !== undefined) return 'it reads its initial state from another layer';
  return undefined;
}

/** A tfjs-layers layer and the weights to give it once a model has built it. */
export interface Exported {
  layer: tf.layers.Layer;
  /** Its weights in tfjs' order; the caller disposes those that are not the model's own variables. */
  weights: () => tf.Tensor[];
}

/**
 * The tfjs-layers recurrent layer (whole sequences out) computing what an
 * `rnn` or `gru` layer computes. tfjs' GRU orders its gates (rate z, reset
 * r, hidden) and keeps `z` of the old state, where tsnets keeps `1 - z`: the
 * rate gate's weights are negated, since `σ(-a) = 1 - σ(a)`.
 */
export function recurrentLayer(layer: Layer, activation: string, inputShape?: number[]): Exported {
  const reason = unexportable(layer);
  if (reason) throw new UsageError(cliMessages.cannotExport(layer.name, reason));
  const shape = inputShape ? { inputShape } : {};
  if (layer.form === 'rnn') {
    return {
      layer: tf.layers.simpleRNN({
        units: layer.size,
        activation: activation as 'tanh',
        returnSequences: true,
        ...shape,
      }),
      weights: () => [variable(layer, 'xh'), variable(layer, 'hh'), variable(layer, 'b')].map((w) => tf.clone(w)),
    };
  }
  return {
    layer: tf.layers.gru({
      units: layer.size,
      activation: activation as 'tanh',
      recurrentActivation: 'sigmoid',
      returnSequences: true,
      ...shape,
    }),
    weights: () =>
      tf.tidy(() => {
        const [wh, wr, wz] = tf.split(variable(layer, 'w'), 3, 1);
        const [bh, br, bz] = tf.split(variable(layer, 'b'), 3, 0);
        return [
          tf.concat([tf.neg(wz), wr, wh], 1),
          tf.concat([tf.neg(variable(layer, 'hz')), variable(layer, 'hr'), variable(layer, 'hh')], 1),
          tf.concat([tf.neg(bz), br, bh], 0),
        ];
      }),
  };
}
