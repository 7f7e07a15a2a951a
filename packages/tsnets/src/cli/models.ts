import { Autoencoder, Classifier, Regressor, type LayerSpec, type Network, type NetworkOptions } from '@tsnets/core';
import * as datasets from '@tsnets/datasets';
import { UsageError } from './errors';
import { inputWidth, type ModelKind } from './examples';
import { layerSize } from './layers';
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
  const kind = (network.constructor as { KIND?: string }).KIND ?? 'regressor';
  return kind === 'classifier' || kind === 'autoencoder' ? kind : 'regressor';
}

/** The number of outputs a layer list ends with (a trailing `tied` layer mirrors the input). */
export function outputCount(layers: readonly LayerSpec[]): number {
  return layerSize(layers[layers.length - 1]) ?? layerSize(layers[0]) ?? 0;
}

/** Checks that the layer list fits the data before any network is built, naming the fix. */
export function checkFit(layers: readonly LayerSpec[], kind: ModelKind, loaded: datasets.Dataset, data: string): void {
  const outputs = outputCount(layers);
  const width = inputWidth(loaded, kind, outputs);
  const first = layerSize(layers[0]) ?? 0;
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

/** Builds the network for `--model` and `--layers`. */
export function buildNetwork(
  kind: ModelKind,
  layers: LayerSpec[],
  seed: number,
  classNames?: readonly string[],
): Network {
  return new KINDS[kind](layers, classNames ? { rng: seed, classNames } : { rng: seed });
}
