import { Autoencoder, type TrainData, type TrainingRun } from '@tsnets/core';
import { Layerwise } from './layerwise';
import type { TrainingSettings } from './options';
import { TrainingStrategy } from './strategy';
import { Trainer } from './trainer';

/**
 * Unsupervised pretraining, as theanets: build a tied-weights autoencoder
 * from the network's encoding layers, train it layerwise on the inputs
 * alone, then copy the trained values into the network.
 */
export class Pretrain extends TrainingStrategy {
  async *run(
    trainer: Trainer,
    data: TrainData,
    settings: TrainingSettings,
    regularizers: Record<string, unknown>,
  ): TrainingRun {
    const network = trainer.network;
    const encoders = network.layers.slice(0, -1);
    const specs: Array<Record<string, unknown>> = encoders.map((layer) => {
      const { form, ...rest } = layer.toSpec();
      return { ...rest, form };
    });
    for (const layer of [...encoders].reverse().slice(0, -2)) {
      specs.push({ form: 'tied', partner: layer.name, activation: layer.activate.name });
    }
    specs.push({ form: 'tied', partner: encoders[1].name, activation: 'linear' });
    const shadow = new Autoencoder(specs as never, { rng: network.rng, scope: network.scope });
    try {
      for (const layer of encoders) {
        for (const param of layer.params) shadow.find(layer.name, param.key).variable.assign(param.variable);
      }
      const inputsOnly = typeof data === 'function' ? () => data().slice(0, 1) : data.slice(0, 1);
      const valid = settings.valid;
      const shadowSettings = {
        ...settings,
        valid:
          valid === undefined ? undefined : typeof valid === 'function' ? () => valid().slice(0, 1) : valid.slice(0, 1),
      };
      const inner = new Trainer(shadow, { scope: trainer.container });
      forward(inner, trainer);
      const result = yield* new Layerwise().run(inner, inputsOnly, shadowSettings, regularizers);
      for (const layer of encoders) {
        for (const param of layer.params) param.variable.assign(shadow.find(layer.name, param.key).variable);
      }
      return result;
    } finally {
      shadow.dispose();
    }
  }
}

/** Re-emits the inner trainer's events on the outer one. */
function forward(inner: Trainer, outer: Trainer): void {
  const emit = outer.emit.bind(outer) as (event: string, ...args: unknown[]) => boolean;
  for (const event of ['start', 'batch', 'iteration', 'validation', 'improvement', 'end'] as const) {
    (inner.on as (event: string, listener: (...args: unknown[]) => void) => Trainer)(event, (...args) =>
      emit(event, ...args),
    );
  }
}
