import {
  RandomState,
  TrainingError,
  checkMonitors,
  create,
  idOf,
  isRegistered,
  messages,
  ready,
  resolveRegularizers,
  tf,
  finish,
  graphRewrites,
  keywordOf,
  monitorRecord,
  type EndReason,
  type MonitorValues,
  type Network,
  type Optimizer,
  type Parameter,
  Regularizer,
  type ResolvedRegularizer,
  type TrainData,
  type TrainOptions,
  type TrainResult,
  type TrainingRun,
} from '@tsnets/core';
import { EventEmitter } from 'eventemitter3';
import type { DependencyContainer } from 'tsyringe';
import { ArrayBatches, makeBatches, type Batches } from './batches';
import { Checkpoints } from './checkpoints';
import type { TrainerEvents } from './events';
import { GradientSums, gradientParameters } from './gradients';
import { HistoryRecorder } from './recorder';
import { resolveOptions, type TrainingSettings } from './options';
import { Snapshot } from './snapshot';
import type { TrainingStrategy } from './strategy';

/** Options of a trainer itself (not of one training run). */
export interface TrainerOptions {
  /** The container to derive this trainer's child container from (default: the network's). */
  scope?: DependencyContainer;
}

/** Networks in a training run, so a second `train()` of one is refused instead of interleaving parameter updates. */
const TRAINING = new WeakSet<Network>();

/**
 * Trains a network and reports progress as events. Each trainer resolves
 * optimizers and regularizers from its own child container, so an app can
 * override an entry for one trainer (`registerIn(trainer.container, ...)`)
 * without touching another.
 *
 * @example
 * const trainer = new Trainer(net);
 * trainer.on('validation', ({ epoch, valid }) => log(epoch, valid.loss));
 * await trainer.train([x, y], { algo: 'adam', learning_rate: 1e-3 });
 */
export class Trainer extends EventEmitter<TrainerEvents> {
  readonly container: DependencyContainer;
  /** Set by `stop()`; cleared when a run starts. */
  private stopRequested = false;

  constructor(
    readonly network: Network,
    options: TrainerOptions = {},
  ) {
    super();
    this.container = (options.scope ?? network.scope).createChildContainer();
  }

  /**
   * Ends the current run after the current batch, as aborting its `signal`
   * would (reason `aborted`, the best parameters restored). For apps and
   * tools that hold the trainer but not the signal, such as the dashboard's
   * stop button.
   */
  stop(): void {
    this.stopRequested = true;
  }

  /** True when `stop()` was called or the run's signal aborted. */
  private aborted(settings: TrainingSettings): boolean {
    return this.stopRequested || settings.signal?.aborted === true;
  }

  /** Trains until a stopping rule ends it; resolves to the model as left and how the run went (see `TrainResult`). */
  train(data: TrainData, options: TrainOptions = {}): Promise<TrainResult> {
    return finish(this.itertrain(data, options));
  }

  /** Trains one epoch at a time, yielding `[train, valid]` monitor values; returns what `train` resolves to. */
  async *itertrain(data: TrainData, options: TrainOptions = {}): TrainingRun {
    const network = this.network;
    if (TRAINING.has(network)) throw new TrainingError(messages.alreadyTraining(), 0);
    TRAINING.add(network);
    this.stopRequested = false;
    try {
      const seed = typeof network.rng === 'number' ? network.rng : 13;
      const { settings, regularizers } = resolveOptions(options, seed, this.container);
      await ready();
      const algo = settings.algo.toLowerCase();
      if (isRegistered('trainer', algo, this.container)) {
        const strategy = create<TrainingStrategy>('trainer', algo, [], this.container);
        return yield* strategy.run(this, data, settings, regularizers);
      }
      return yield* this.descend(network, data, settings, regularizers);
    } finally {
      TRAINING.delete(network);
    }
  }

  /**
   * Gradient descent with one optimizer on one network, with downhill's loop:
   * validate before the first epoch and every `validateEvery` epochs; stop
   * after more than `patience` validations without an improvement
   * (`best - loss > best * minImprovement`) or at `maxUpdates`; restore the
   * best parameters whenever it ends.
   */
  async *descend(
    network: Network,
    data: TrainData,
    settings: TrainingSettings,
    keywords: Record<string, unknown>,
  ): TrainingRun {
    const regularizers = resolveRegularizers(network, keywords, this.container);
    if (settings.monitors) checkMonitors(settings.monitors, network.names());
    const watched = gradientParameters(network, settings.monitorGradients);
    const rewrites = graphRewrites(regularizers);
    const optimizer = create<Optimizer>(
      'optimizer',
      settings.algo,
      [{ ...settings, rng: new RandomState(settings.rng) }],
      this.container,
    );
    const slots = network.slots();
    let train: Batches | undefined;
    let valid: Batches | undefined;
    try {
      train = makeBatches(
        network,
        data,
        slots,
        settings.batchSize,
        new RandomState(settings.rng),
        settings.iterationSize,
      );
      valid =
        settings.valid !== undefined
          ? makeBatches(network, settings.valid, slots, settings.batchSize, new RandomState(settings.rng), undefined)
          : train instanceof ArrayBatches
            ? train.view(new RandomState(settings.rng))
            : train;
    } catch (error) {
      optimizer.dispose();
      train?.dispose();
      throw error;
    }
    const variables = network.params.map((param) => param.variable);
    // The parameters as they came: what is restored when no validation is ever finite.
    const snapshot = new Snapshot(network.params);
    snapshot.take();
    const checkpoints = new Checkpoints(network, settings);
    let best = Infinity;
    let bestEpoch = 0;
    let bestValues: MonitorValues | undefined;
    let sinceBest = 0;
    let epoch = 0;
    let reason: EndReason = 'done';
    let failure: Error | undefined;
    let training: MonitorValues | undefined;
    let validation: MonitorValues = { loss: NaN, err: NaN };
    let validated = -1;
    const described = regularizers.map(describe);
    const recorder = new HistoryRecorder(
      network,
      settings.algo,
      { ...settings, ...keywords } as Record<string, unknown>,
      described,
    );
    const validate = () => {
      validation = this.evaluate(network, valid, regularizers, settings, watched);
      validated = epoch;
      recorder.validated(epoch, validation);
      const loss = validation.loss;
      const improved = Number.isFinite(best) ? best - loss > best * settings.minImprovement : Number.isFinite(loss);
      if (improved) {
        best = loss;
        bestEpoch = epoch;
        bestValues = validation;
        sinceBest = 0;
        snapshot.take();
      } else {
        sinceBest += 1;
      }
      this.emit('validation', { epoch, valid: validation, best, improved });
      if (improved) this.emit('improvement', { epoch, loss });
    };
    try {
      this.emit('start', {
        algo: settings.algo,
        backend: tf.getBackend(),
        settings: { ...settings, signal: undefined, valid: undefined, monitors: undefined },
        regularizers: described,
        batches: train.size,
      });
      const turns = new EventLoopTurns(100);
      while (epoch < settings.maxUpdates) {
        if (epoch % settings.validateEvery === 0) {
          validate();
          if (sinceBest > settings.patience) {
            reason = 'patience';
            break;
          }
        }
        const trained = await this.trainEpoch(
          network,
          train,
          optimizer,
          variables,
          regularizers,
          settings,
          epoch + 1,
          turns,
        );
        if (!trained) {
          reason = 'aborted';
          break;
        }
        epoch += 1;
        training = Object.keys(rewrites).length > 0 ? { ...trained, graph: rewrites } : trained;
        recorder.trained(epoch, training);
        if (!Number.isFinite(training.loss)) {
          throw new TrainingError(messages.nanLoss(epoch, String(training.loss)), epoch);
        }
        // The last epoch's parameters are validated before they are reported.
        if (epoch >= settings.maxUpdates && validated < epoch) validate();
        this.emit('iteration', { epoch, train: training, valid: validation });
        const saved = await checkpoints.after(epoch);
        if (saved) this.emit('checkpoint', { epoch, path: saved });
        reason = 'stopped'; // if the consumer stops iterating at this yield
        yield [training, validation];
        reason = 'done';
        if (this.aborted(settings)) {
          reason = 'aborted';
          break;
        }
      }
      if (reason === 'done') reason = 'max_updates';
    } catch (error) {
      reason = 'error';
      failure = error as Error;
      throw error;
    } finally {
      // Parameters trained since the last validation compete for best too.
      if (reason !== 'error' && validated >= 0 && validated < epoch) validate();
      snapshot.restore();
      snapshot.clear();
      optimizer.dispose();
      if (valid !== train) valid.dispose();
      train.dispose();
      recorder.ended(reason, { epoch: bestEpoch, loss: best });
      this.emit('end', { reason, epoch, best, bestEpoch, error: failure });
    }
    return {
      train: training ?? { loss: NaN, err: NaN },
      valid: bestValues ?? validation,
      best: { epoch: bestEpoch, loss: best },
      reason,
      epochs: epoch,
    };
  }

  /**
   * Mean monitor values over one pass of validation batches, on the clean
   * graph (no train-only rewrites), with the loss's `terms`, and with the
   * `gradients` norms of `watched` parameters when there are any.
   */
  evaluate(
    network: Network,
    batches: Batches,
    regularizers: readonly Regularizer[],
    settings: TrainingSettings,
    watched: readonly Parameter[] = [],
  ): MonitorValues {
    const sums: number[] = [];
    let names: string[] = [];
    let count = 0;
    const gradients = watched.length > 0 ? new GradientSums(watched) : undefined;
    try {
      for (const batch of batches.epoch()) {
        let kept: tf.Scalar[] = [];
        try {
          const loss = () => {
            const pairs = network.evaluateBatch(batch, regularizers, settings.monitors, false);
            names = pairs.map(([name]) => name);
            kept = pairs.map(([, value]) => tf.keep(value));
            return pairs[0][1];
          };
          if (gradients) gradients.add(loss);
          else tf.tidy(loss);
          accumulate(sums, tf.stack(kept));
        } finally {
          tf.dispose([...kept, ...batch]);
        }
        count += 1;
      }
      const values = average(names, sums, count);
      if (!gradients) return values;
      const norms = gradients.norms(count);
      return { ...values, gradients: monitorRecord(norms.names, norms.values).gradients };
    } finally {
      gradients?.dispose();
    }
  }

  /** Monitor values of the network on some data (one pass, clean graph, no regularizers). */
  evaluateData(network: Network, data: TrainData, settings: TrainingSettings): MonitorValues {
    const batches = makeBatches(network, data, network.slots(), settings.batchSize, new RandomState(settings.rng));
    try {
      return this.evaluate(network, batches, [], settings);
    } finally {
      batches.dispose();
    }
  }

  /** One epoch of optimizer steps; undefined when aborted part-way. */
  private async trainEpoch(
    network: Network,
    batches: Batches,
    optimizer: Optimizer,
    variables: tf.Variable[],
    regularizers: readonly Regularizer[],
    settings: TrainingSettings,
    epoch: number,
    turns: EventLoopTurns,
  ): Promise<MonitorValues | undefined> {
    const sums: number[] = [];
    let names: string[] = [];
    let count = 0;
    for (const batch of batches.epoch()) {
      await turns.now();
      if (this.aborted(settings)) {
        for (const tensor of batch) tensor.dispose();
        return undefined;
      }
      let kept: tf.Scalar[] = [];
      let values: Float32Array;
      try {
        // The step returns the loss, which is kept[0]: the finally frees it with the rest.
        optimizer.step(() => {
          const pairs = network.evaluateBatch(batch, regularizers, settings.monitors, true);
          names = pairs.map(([name]) => name);
          kept = pairs.map(([, value]) => tf.keep(value));
          return pairs[0][1];
        }, variables);
        values = accumulate(sums, tf.stack(kept));
      } finally {
        tf.dispose([...kept, ...batch]);
      }
      count += 1;
      this.emit('batch', { epoch, batch: count, batches: batches.size, loss: values[0] });
    }
    return average(names, sums, count);
  }
}

/**
 * Lets the event loop run at least every `everyMs` of training, so timers,
 * I/O and signals (an abort from Ctrl-C) are seen. One clock per training
 * run: epochs shorter than `everyMs` must not restart it, or a run of short
 * epochs (an async generator between them yields only to microtasks) would
 * never let a timer or signal handler in.
 */
class EventLoopTurns {
  private last = performance.now();

  constructor(private readonly everyMs: number) {}

  async now(): Promise<void> {
    if (performance.now() - this.last <= this.everyMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.last = performance.now();
  }
}

function accumulate(sums: number[], stacked: tf.Tensor): Float32Array {
  const values = stacked.dataSync() as Float32Array;
  stacked.dispose();
  values.forEach((value, i) => (sums[i] = (sums[i] ?? 0) + value));
  return values;
}

function average(names: readonly string[], sums: readonly number[], count: number): MonitorValues {
  return monitorRecord(
    names,
    sums.map((sum) => sum / Math.max(count, 1)),
  );
}

function describe(regularizer: Regularizer): ResolvedRegularizer {
  const withTargets = regularizer as Regularizer & { targets?: () => string[] };
  const given = regularizer.options as Record<string, unknown>;
  const names = (regularizer.constructor as typeof Regularizer).optionNames ?? [];
  return {
    id:
      idOf('regularizer', regularizer.constructor as typeof Regularizer) ?? regularizer.constructor.name.toLowerCase(),
    keyword: keywordOf(regularizer),
    weight: regularizer.weight,
    targets: typeof withTargets.targets === 'function' ? withTargets.targets() : [],
    options: Object.fromEntries(names.filter((name) => given[name] !== undefined).map((name) => [name, given[name]])),
  };
}
