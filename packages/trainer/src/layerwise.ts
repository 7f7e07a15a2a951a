import {
  Tied,
  type LayerSpec,
  type Network,
  type NetworkOptions,
  type TrainData,
  type TrainResult,
  type TrainingRun,
} from '@tsnets/core';
import type { TrainingSettings } from './options';
import { TrainingStrategy } from './strategy';
import type { Trainer } from './trainer';

type NetworkClass = new (layers: readonly LayerSpec[], options?: NetworkOptions) => Network;

/**
 * Greedy layerwise training, as theanets' supervised pretrainer: grow the
 * network one hidden layer at a time, each stage trained with a temporary
 * output layer (`lwout`, or tied layers back to the input for tied
 * autoencoders), then train the whole network. Stages share the real
 * layers, so their parameters are the network's own.
 */
export class Layerwise extends TrainingStrategy {
  async *run(
    trainer: Trainer,
    data: TrainData,
    settings: TrainingSettings,
    regularizers: Record<string, unknown>,
  ): TrainingRun {
    const network = trainer.network;
    const original = network.layers;
    const stageSettings = { ...settings, algo: settings.subalgo };
    const tied = original.some((layer) => layer instanceof Tied);
    const stages = tied ? 1 + Math.floor(original.length / 2) : original.length - 1;
    const Model = network.constructor as NetworkClass;
    const last = original[original.length - 1];
    let result: TrainResult | undefined;
    for (let i = 1; i < stages; i++) {
      if (i === stages - 1) {
        result = yield* trainer.descend(network, data, stageSettings, regularizers);
        continue;
      }
      const tail: LayerSpec[] = [];
      if (tied) {
        let previous = original[i].name;
        for (let j = 0; j < i; j++) {
          const name = `lwtied${j + 1}`;
          tail.push({
            form: 'tied',
            name,
            partner: original[i - j].name,
            inputs: previous,
            activation: j === i - 1 ? last.activate.name : original[i - j - 1].activate.name,
          });
          previous = name;
        }
      } else {
        tail.push({
          form: 'feedforward',
          name: 'lwout',
          inputs: original[i].outputName,
          size: last.size,
          activation: last.activate.name,
        });
      }
      const stage = new Model([...original.slice(0, i + 1), ...tail], {
        rng: network.rng,
        scope: network.scope,
        loss: lossFor(network, tail),
      });
      try {
        result = yield* trainer.descend(stage, data, stageSettings, regularizers);
      } finally {
        for (const layer of stage.layers.slice(i + 1)) layer.dispose();
      }
    }
    // The last stage trains the whole network; one without hidden layers has no other stage.
    return result ?? (yield* trainer.descend(network, data, stageSettings, regularizers));
  }
}

function lossFor(network: Network, tail: readonly LayerSpec[]): never {
  const spec = network.losses[0].toSpec();
  const output = tail[tail.length - 1] as { name: string };
  return { ...spec, outputName: `${output.name}:out` } as never;
}
