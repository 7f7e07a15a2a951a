import {
  Autoencoder,
  Classifier,
  convolution,
  Regressor,
  type LayerSpec,
  type Network,
  type NetworkOptions,
} from '@tsnets/core';
import * as datasets from '@tsnets/datasets';
import { UsageError } from './errors';
import { inputWidth, type ModelKind } from './examples';
import { inputShape, layerSize } from './layers';
import { cliMessages } from './messages';

const KINDS: Record<ModelKind, new (layers: LayerSpec[], options: NetworkOptions) => Network> = {
  regressor: Regressor,
  classifier: Classifier,
  autoencoder: Autoencoder,
};

/** Checks a `--model` value. */
export function modelKind(text: string): ModelKind {
  if (!Object.hasOwn(KINDS, text)) throw new UsageError(cliMessages.unknownModel(text));
  return text as ModelKind;
}

/** The model kind of a (loaded) network. */
export function kindOf(network: Network): ModelKind {
  // Recurrent and convolution models' kinds end in their family's: 'convolution-classifier'.
  const kind = (network.constructor as { KIND?: string }).KIND ?? 'regressor';
  return kind.endsWith('classifier') ? 'classifier' : kind.endsWith('autoencoder') ? 'autoencoder' : 'regressor';
}

/** The number of outputs a layer list ends with (a trailing `tied` layer mirrors the input). */
export function outputCount(layers: readonly LayerSpec[]): number {
  return layerSize(layers[layers.length - 1]) ?? layerSize(layers[0]) ?? 0;
}

/** Checks that the layer list fits the data before any network is built, naming the fix. */
export function checkFit(layers: readonly LayerSpec[], kind: ModelKind, loaded: datasets.Dataset, data: string): void {
  const outputs = outputCount(layers);
  const width = inputWidth(loaded, kind, outputs);
  const first = inputShape(layers)?.reduce((a, b) => a * b, 1) ?? layerSize(layers[0]) ?? 0;
  if (first !== width) {
    throw new UsageError(
      cliMessages.layersDoNotFit(
        'the input layer',
        first,
        `${data} (${width} values per example)`,
        width,
        `start --layers with ${width}`,
      ),
    );
  }
  if (kind === 'classifier' && loaded.classes !== undefined && outputs < loaded.classes) {
    throw new UsageError(
      cliMessages.layersDoNotFit(
        'the output layer',
        outputs,
        `${data} (${loaded.classes} classes)`,
        loaded.classes,
        `end --layers with ${loaded.classes}`,
      ),
    );
  }
  if (kind === 'autoencoder' && outputs !== width) {
    throw new UsageError(
      cliMessages.layersDoNotFit(
        'the output layer',
        outputs,
        `an autoencoder of ${data}`,
        width,
        `end --layers with ${width} or tied`,
      ),
    );
  }
}

/**
 * The examples in the shape of the model's input: flat data (MNIST's 784
 * values) reshaped to an image input such as `28x28x1`; other inputs as
 * they are. The sizes were checked by `checkFit` (or the caller).
 */
export function shapedFor(dataset: datasets.Dataset, shape: readonly number[] | undefined): datasets.Dataset {
  if (!shape || shape.length < 2 || shape.join() === dataset.shape.slice(1).join()) return dataset;
  return datasets.reshape(dataset, shape);
}

/** Builds the network for `--model` and `--layers`: a convolution model when the input is an image shape. */
export function buildNetwork(
  kind: ModelKind,
  layers: LayerSpec[],
  seed: number,
  classNames?: readonly string[],
): Network {
  const images = (inputShape(layers)?.length ?? 0) > 1 && kind !== 'autoencoder';
  const Model = images ? convolution[kind === 'classifier' ? 'Classifier' : 'Regressor'] : KINDS[kind];
  return new Model(layers, classNames ? { rng: seed, classNames } : { rng: seed });
}
