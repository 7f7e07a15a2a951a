import { TrainingError, tf, type Network, type TrainData } from '@tsnets/core';
import { serveDashboard, type Dashboard } from '@tsnets/dashboard';
import * as datasets from '@tsnets/datasets';
import { Trainer, type EndReason } from '@tsnets/trainer';
import { loadData, splitData, type CsvFlags } from '../data';
import { Interrupted, SavedElsewhereError, UsageError } from '../errors';
import { examples } from '../examples';
import { STOP_SIGNALS, interruptible } from '../interrupt';
import { inputShape, parseLayers } from '../layers';
import { cliMessages } from '../messages';
import { buildNetwork, checkFit, modelKind, outputCount, shapedFor } from '../models';
import { formatNumber, processOutput, report } from '../output';
import { progressMode, showProgress } from '../progress';
import { checkSaveTarget, errorCode, saveWithFallback } from '../save-target';
import { measure } from '../score';
import { hasRecurrentLayer } from '../sequences';
import { trainSequences } from './train-sequences';

/** The flags of `tsnets train` besides the training options and regularizer keywords. */
export interface TrainFlags extends Omit<CsvFlags, 'classNames'> {
  model: string;
  layers: string;
  data: string;
  validFraction: number;
  testFraction: number;
  testData?: string;
  save?: string;
  json: boolean;
  seed: number;
  /** Recurrent models: time steps per training window. */
  window?: number;
  /** Text data: the fewest times a character must occur to join the alphabet. */
  minCount: number;
  /** Serve the live page (`--dashboard`) on `port` (0: any free one). */
  dashboard?: boolean;
  port?: number;
}

const REASONS: Record<EndReason, string> = {
  patience: 'no improvement within the patience',
  max_updates: 'reached --max-updates',
  aborted: 'interrupted',
  stopped: 'stopped',
  error: 'error',
  done: 'done',
};

/**
 * Saves to `--save` (or a fallback path when that fails, see
 * `saveWithFallback`) and reports where; a fallback is a
 * `SavedElsewhereError` once reported.
 */
async function saveModel(network: Network, target: string, report: (line: string) => void): Promise<void> {
  const saved = await saveWithFallback(network, target);
  if (saved.failure) {
    const message = cliMessages.savedElsewhere(target, errorCode(saved.failure), saved.path);
    throw new SavedElsewhereError(message, target, saved.path, saved.failure);
  }
  report(`saved ${saved.path}`);
}

/**
 * `tsnets train`: checks the `--save` target, builds the model, loads and
 * splits the data, trains with the given options (SIGINT, SIGTERM and SIGHUP
 * stop after the current batch), reports the measures on the test split or
 * `--test-data`, and saves the best parameters, also after a NaN stop or a
 * stop signal (then it throws `Interrupted`, for the exit code).
 */
export async function train(flags: TrainFlags, options: Record<string, unknown>): Promise<void> {
  const out = processOutput(flags.json);
  if (flags.save) checkSaveTarget(flags.save);
  const kind = modelKind(flags.model);
  const layers = parseLayers(flags.layers);
  if (flags.window !== undefined) return trainSequences(flags, options, kind, layers);
  if (hasRecurrentLayer(layers)) throw new UsageError(cliMessages.needsWindow());
  const loaded = await loadData(flags.data, kind === 'classifier', 'data', flags);
  const { label } = loaded;
  checkFit(layers, kind, loaded.dataset, label);
  const dataset = shapedFor(loaded.dataset, inputShape(layers));
  // Class names read from --data (a CSV's label column) name the model's classes, and test data must use them.
  const classNames = kind === 'classifier' ? dataset.classNames : undefined;
  const testSet = flags.testData
    ? await loadData(flags.testData, kind === 'classifier', 'test-data', { ...flags, classNames })
    : undefined;
  if (testSet) {
    if (flags.testFraction > 0) throw new UsageError(cliMessages.twoTestSets());
    checkFit(layers, kind, testSet.dataset, testSet.label);
    testSet.dataset = shapedFor(testSet.dataset, inputShape(layers));
  }
  const parts = splitData(dataset, flags.validFraction, flags.testFraction, flags.seed);
  if (flags.validFraction > 0 && datasets.rowCount(parts.valid) === 0)
    throw new UsageError(cliMessages.emptySplit('valid'));
  if (flags.testFraction > 0 && datasets.rowCount(parts.test) === 0)
    throw new UsageError(cliMessages.emptySplit('test'));

  const outputs = outputCount(layers);
  const network = buildNetwork(kind, layers, flags.seed, classNames?.length === outputs ? classNames : undefined);
  const tensors: tf.Tensor[][] = [];
  const arrays = (part: datasets.Dataset, name = label) => {
    const made = examples(part, kind, outputs, name);
    tensors.push(made);
    return made;
  };
  try {
    const trainData = arrays(parts.train);
    const valid = datasets.rowCount(parts.valid) > 0 ? arrays(parts.valid) : undefined;
    await fitAndSave(network, flags, options, out, trainData, valid, () => {
      const test = testSet
        ? arrays(testSet.dataset, testSet.label)
        : datasets.rowCount(parts.test) > 0
          ? arrays(parts.test)
          : undefined;
      if (test) report(out.status, 'test', measure(network, test));
    });
  } finally {
    for (const made of tensors) tf.dispose(made);
    network.dispose();
  }
}

/**
 * Trains `network` with progress on `out` (SIGINT, SIGTERM and SIGHUP stop
 * after the current batch), reports how it ended, runs `afterTraining` (the
 * test measures), and saves the best parameters to `--save`, also after a
 * NaN stop or a stop signal (then it throws `Interrupted`, for the exit
 * code). The caller disposes the network and the data.
 */
export async function fitAndSave(
  network: Network,
  flags: { save?: string; json: boolean; seed: number; dashboard?: boolean; port?: number },
  options: Record<string, unknown>,
  out: ReturnType<typeof processOutput>,
  trainData: TrainData,
  valid: TrainData | undefined,
  afterTraining: () => void = () => undefined,
): Promise<void> {
  const interrupt = interruptible(out);
  let sample: tf.Tensor | undefined;
  try {
    const trainer = new Trainer(network);
    const maxUpdates = typeof options.max_updates === 'number' ? options.max_updates : Infinity;
    const finish = showProgress(trainer, progressMode(flags.json), out, maxUpdates);
    let ended: { reason: EndReason; epoch: number; best: number } | undefined;
    trainer.on('end', (info) => (ended = info));
    let dashboard: Dashboard | undefined;
    if (flags.dashboard) {
      // Hidden activity is measured on the first 256 training rows (not of a batch source).
      const inputs = Array.isArray(trainData) ? trainData[0] : undefined;
      if (inputs instanceof tf.Tensor) sample = tf.slice(inputs, 0, Math.min(256, inputs.shape[0]));
      dashboard = await serveDashboard(trainer, {
        port: flags.port ?? 0,
        sample,
        stop: () => interrupt.request('the dashboard'),
      });
      out.status(cliMessages.dashboardAt(dashboard.url));
    }
    try {
      await trainer.train(trainData, { ...options, rng: flags.seed, signal: interrupt.signal, valid });
    } catch (error) {
      // A NaN stop restored the best parameters: keep them when asked to.
      if (error instanceof TrainingError && flags.save && ended && Number.isFinite(ended.best)) {
        finish();
        await saveModel(network, flags.save, () =>
          out.status(cliMessages.savedAfterNan(flags.save as string, formatNumber(ended?.best))),
        );
      }
      throw error;
    } finally {
      finish();
      await dashboard?.close();
    }
    const signal = interrupt.received();
    if (ended) {
      const asker = interrupt.requestedBy();
      const reason =
        ended.reason === 'aborted' && signal
          ? `interrupted by ${signal}`
          : ended.reason === 'aborted' && asker
            ? `stopped from ${asker}`
            : REASONS[ended.reason];
      out.status(
        `${ended.reason === 'aborted' ? 'stopped' : 'finished'} after ${ended.epoch} epochs (${reason}); ` +
          `best valid loss ${formatNumber(ended.best)}`,
      );
    }
    afterTraining();
    if (flags.save) await saveModel(network, flags.save, out.status);
    const stopped = interrupt.received();
    if (stopped) throw new Interrupted(stopped, STOP_SIGNALS[stopped]);
  } finally {
    interrupt.release();
    sample?.dispose();
  }
}
