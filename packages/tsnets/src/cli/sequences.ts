import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { Bidirectional, Recurrent, isRegistered, lookup, type BatchSource, type LayerSpec } from '@tsnets/core';
import * as datasets from '@tsnets/datasets';
import { UsageError } from './errors';
import { cliMessages } from './messages';

/** Training data for a recurrent model, cut into windows of `--window` steps. */
export interface SequenceData {
  /** `classifier` for text (a character model), `regressor` for a series (predicting the next step). */
  kind: 'classifier' | 'regressor';
  /** How messages name the data. */
  label: string;
  /** Values per step of the inputs (the alphabet's classes, or the series' columns). */
  width: number;
  /** Text: the classes' characters, the unknown character first; kept in the model file. */
  classNames?: string[];
  train: BatchSource;
  /** Batches per epoch: about one pass over the training part. */
  iterationSize: number;
  /** Fixed validation windows from the held-out end of the data. */
  valid?: number[][][][] | [number[][][], number[][]];
}

/** How sequence data is cut: the window, the held-out fraction, the seed, the batch size, the alphabet's `--min-count`. */
export interface SequenceFlags {
  window: number;
  validFraction: number;
  seed: number;
  batchSize: number;
  minCount: number;
}

/** True when a layer list holds a recurrent layer form (`128:lstm`). */
export function hasRecurrentLayer(layers: readonly LayerSpec[]): boolean {
  return layers.some((spec) => {
    const form = Array.isArray(spec) ? spec.find((part) => typeof part === 'string') : undefined;
    return typeof form === 'string' && isRegistered('layer', form) && isRecurrentForm(form);
  });
}

function isRecurrentForm(form: string): boolean {
  const Form = lookup('layer', form).target as { prototype: unknown };
  return Form.prototype instanceof Recurrent || Form === Bidirectional;
}

/** Up to 256 windows, as many as the held-out part holds without much overlap. */
const validWindows = (length: number, window: number): number =>
  Math.max(1, Math.min(256, Math.floor(length / window)));

async function readText(path: string): Promise<string> {
  const bytes = await readFile(path);
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** A text file as a character model's data: one-hot characters in, the next character's class out. */
async function textData(path: string, flags: SequenceFlags): Promise<SequenceData> {
  const raw = await readText(path);
  const cut = Math.floor(raw.length * (1 - flags.validFraction));
  const text = new datasets.Text(raw.slice(0, cut), { minCount: flags.minCount });
  const label = JSON.stringify(path);
  if (text.text.length <= flags.window + 1)
    throw new UsageError(cliMessages.tooShortForWindow(label, text.text.length, flags.window));
  const held = flags.validFraction > 0 ? new datasets.Text(raw.slice(cut), { alpha: text.alpha }) : undefined;
  if (held && held.text.length <= flags.window + 1)
    throw new UsageError(
      cliMessages.tooShortForWindow(`the held-out part of ${label}`, held.text.length, flags.window),
    );
  return {
    kind: 'classifier',
    label,
    width: text.classes,
    classNames: [text.unknown, ...text.alpha],
    train: text.classifierBatches(flags.window, flags.batchSize, flags.seed),
    iterationSize: Math.max(1, Math.floor(text.text.length / (flags.window * flags.batchSize))),
    valid: held?.classifierBatches(flags.window, validWindows(held.text.length, flags.window), flags.seed + 1)(),
  };
}

/**
 * A series as a next-step regressor's data: inputs are the values at t,
 * targets at t + 1, weights 0 where the target was missing. Values are
 * standardized by the training part's mean and deviation per column.
 */
function seriesData(series: datasets.Series, label: string, flags: SequenceFlags): SequenceData {
  const cut = Math.floor(series.values.length * (1 - flags.validFraction));
  const columns = series.columns.length;
  const trainRows = series.values.slice(0, cut);
  const mean = series.columns.map((_, k) => trainRows.reduce((s, row) => s + row[k], 0) / trainRows.length);
  const sd = series.columns.map(
    (_, k) => Math.sqrt(trainRows.reduce((s, row) => s + (row[k] - mean[k]) ** 2, 0) / trainRows.length) || 1,
  );
  const z = series.values.map((row) => row.map((v, k) => (v - mean[k]) / sd[k]));
  const part = (from: number, to: number): number[][][] => [
    z.slice(from, to - 1),
    z.slice(from + 1, to),
    series.weights.slice(from + 1, to),
  ];
  const train = part(0, cut);
  if (train[0].length <= flags.window)
    throw new UsageError(cliMessages.tooShortForWindow(label, train[0].length, flags.window));
  const held = flags.validFraction > 0 ? part(cut - 1, z.length) : undefined;
  if (held && held[0].length <= flags.window)
    throw new UsageError(cliMessages.tooShortForWindow(`the held-out part of ${label}`, held[0].length, flags.window));
  return {
    kind: 'regressor',
    label,
    width: columns,
    train: datasets.sequenceBatches(train, { steps: flags.window, batchSize: flags.batchSize, rng: flags.seed }),
    iterationSize: Math.max(1, Math.floor(train[0].length / (flags.window * flags.batchSize))),
    valid: held
      ? datasets.sequenceBatches(held, {
          steps: flags.window,
          batchSize: validWindows(held[0].length, flags.window),
          rng: flags.seed + 1,
        })()
      : undefined,
  };
}

/**
 * Loads what `--data` names for a recurrent model: a text file (`.txt`,
 * `.txt.gz`) for a character model, or a series (`sunspots`, `co2`, a
 * `.csv` with a time column and value columns) for next-step regression.
 */
export async function loadSequences(spec: string, flags: SequenceFlags): Promise<SequenceData> {
  if (spec === 'sunspots') return seriesData(await datasets.sunspots(), 'sunspots', flags);
  if (spec === 'co2') return seriesData(await datasets.co2(), 'co2', flags);
  if (!existsSync(spec)) throw new UsageError(cliMessages.missingData('data', spec, [spec]));
  if (/\.txt(\.gz)?$/i.test(spec)) return textData(spec, flags);
  if (/\.csv(\.gz)?$/i.test(spec)) return seriesData(await datasets.loadSeries(spec), JSON.stringify(spec), flags);
  throw new UsageError(cliMessages.notSequenceData(spec));
}
