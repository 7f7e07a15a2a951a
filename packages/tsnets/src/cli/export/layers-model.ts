import { tf, type Input, type Layer, type Network } from '@tsnets/core';
import { UsageError } from '../errors';
import { cliMessages } from '../messages';
import { fileSystem } from '@tsnets/tfjs-file-io';
import { IMAGE_FORMS, imageLayers } from './convolution';
import { recurrentLayer, type Exported } from './recurrent';

/** tsnets activation names and the tfjs-layers activation each equals. */
const ACTIVATIONS: Readonly<Record<string, string>> = {
  linear: 'linear',
  identity: 'linear',
  relu: 'relu',
  'rect:max': 'relu',
  logistic: 'sigmoid',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  softmax: 'softmax',
  softplus: 'softplus',
  elu: 'elu',
};

const DENSE_FORMS = new Set(['feedforward', 'classifier']);
/** Recurrent forms; `recurrentLayer` exports `rnn` and `gru` and names why it cannot export the rest. */
const RECURRENT_FORMS = new Set([
  'rnn',
  'gru',
  'lstm',
  'rrnn',
  'mut1',
  'clockwork',
  'mrnn',
  'scrn',
  'bcrnn',
  'bidirectional',
]);

/**
 * Builds a `tf.sequential` computing what `network` computes (its `predict`,
 * or for classifiers `predictProba`): dense layers, and for recurrent models
 * `simpleRNN` for `rnn` and `gru` for `gru` over whole sequences, and for
 * images `conv2d`, pooling and `flatten` (see `imageLayers`). Throws a
 * `UsageError` naming the first layer that has no equivalent: tied weights,
 * other forms (lstm: peepholes), several inputs, or activations tfjs-layers
 * lacks.
 */
export function toLayersModel(network: Network): tf.Sequential {
  const [input, ...rest] = network.layers as [Input, ...Layer[]];
  const sequences = input.shape.length === 2 && input.shape[0] === -1;
  const images = input.shape.length === 3;
  if (input.shape.length !== 1 && !sequences && !images)
    throw new UsageError(cliMessages.cannotExport(input.name, `its input shape [${input.shape}] is not flat`));
  const model = tf.sequential();
  const add = (exported: Exported): void => {
    model.add(exported.layer);
    const weights = exported.weights();
    if (weights.length) exported.layer.setWeights(weights);
    tf.dispose(weights);
  };
  try {
    const dataShape = sequences ? [null as unknown as number, input.size] : input.dataShape;
    let inputShape: number[] | undefined = dataShape;
    if (input.dataShape.join() !== input.shape.join()) {
      // Channels-first data: axes moved as the input layer moves them, channels last.
      add({ layer: tf.layers.permute({ dims: [2, 3, 1], inputShape }), weights: () => [] });
      inputShape = undefined;
    }
    let previous: Layer = input;
    for (const layer of rest) {
      const activation = layer.form === 'flatten' ? 'linear' : checkChain(layer, previous);
      if (layer.form === 'flatten') checkChain(layer, previous, false);
      if (RECURRENT_FORMS.has(layer.form)) add(recurrentLayer(layer, activation, inputShape));
      else if (IMAGE_FORMS.has(layer.form)) imageLayers(layer, activation, inputShape).forEach(add);
      else {
        checkDense(layer);
        add({
          layer: tf.layers.dense({
            units: layer.size,
            activation: activation as 'linear',
            ...(inputShape ? { inputShape } : {}),
          }),
          weights: () => [tf.clone(layer.find('w').variable), tf.clone(layer.find('b').variable)],
        });
      }
      inputShape = undefined;
      previous = layer;
    }
  } catch (error) {
    // A half-built model holds the layers added so far.
    model.dispose();
    throw error;
  }
  return model;
}

/** Each layer must read just the layer before it, with an activation tfjs-layers has; its tfjs name. */
function checkChain(layer: Layer, previous: Layer, activated = true): string {
  if (layer.inputs.length !== 1 || layer.inputs[0] !== previous.outputName) {
    throw new UsageError(
      cliMessages.cannotExport(layer.name, `it reads ${layer.inputs.join(', ')}, not just the layer before it`),
    );
  }
  if (!activated) return 'linear';
  const activation = ACTIVATIONS[layer.activate.name];
  if (!activation)
    throw new UsageError(
      cliMessages.cannotExport(layer.name, `tfjs-layers has no activation "${layer.activate.name}"`),
    );
  return activation;
}

function checkDense(layer: Layer): void {
  if (layer.form === 'tied')
    throw new UsageError(
      cliMessages.cannotExport(
        layer.name,
        `it is tied to "${String(layer.options.partner)}" (shared, transposed weights)`,
      ),
    );
  if (!DENSE_FORMS.has(layer.form))
    throw new UsageError(cliMessages.cannotExport(layer.name, `its form "${layer.form}" is not a dense layer`));
}

/** Writes `network` as a TensorFlow.js LayersModel: `dir/model.json` and `dir/weights.bin`. */
export async function exportLayersModel(network: Network, dir: string): Promise<void> {
  const model = toLayersModel(network);
  try {
    await model.save(fileSystem(dir));
  } finally {
    model.dispose();
  }
}
