import { tf, type Layer, type Network } from '@tsnets/core';
import { UsageError } from '../errors';
import { cliMessages } from '../messages';
import { fileSystem } from '@tsnets/tfjs-file-io';

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

/**
 * Builds a `tf.sequential` of dense layers computing what `network` computes
 * (its `predict`, or for classifiers `predictProba`). Throws a `UsageError`
 * naming the first layer that has no dense equivalent: tied weights, other
 * forms, several inputs, or activations tfjs-layers lacks.
 */
export function toLayersModel(network: Network): tf.Sequential {
  const [input, ...rest] = network.layers;
  if (input.shape.length !== 1)
    throw new UsageError(cliMessages.cannotExport(input.name, `its input shape [${input.shape}] is not flat`));
  const model = tf.sequential();
  let previous: Layer = input;
  for (const layer of rest) {
    const activation = checkDense(layer, previous);
    model.add(
      tf.layers.dense({
        units: layer.size,
        activation: activation as 'linear',
        ...(previous === input ? { inputShape: [input.size] } : {}),
      }),
    );
    const dense = model.layers[model.layers.length - 1];
    dense.setWeights([layer.find('w').variable, layer.find('b').variable]);
    previous = layer;
  }
  return model;
}

function checkDense(layer: Layer, previous: Layer): string {
  if (layer.form === 'tied')
    throw new UsageError(
      cliMessages.cannotExport(
        layer.name,
        `it is tied to "${String(layer.options.partner)}" (shared, transposed weights)`,
      ),
    );
  if (!DENSE_FORMS.has(layer.form))
    throw new UsageError(cliMessages.cannotExport(layer.name, `its form "${layer.form}" is not a dense layer`));
  if (layer.inputs.length !== 1 || layer.inputs[0] !== previous.outputName) {
    throw new UsageError(
      cliMessages.cannotExport(layer.name, `it reads ${layer.inputs.join(', ')}, not just the layer before it`),
    );
  }
  const activation = ACTIVATIONS[layer.activate.name];
  if (!activation)
    throw new UsageError(
      cliMessages.cannotExport(layer.name, `tfjs-layers has no activation "${layer.activate.name}"`),
    );
  return activation;
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
