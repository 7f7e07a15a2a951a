import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { recurrent } from 'tsnets';
import type { Workload } from './workloads';

/** One-hot character windows and the next character at each step. */
export interface SequenceRows {
  x: Float32Array;
  labels: Int32Array;
  /** `[windows, timeSteps, classes]`. */
  shape: [number, number, number];
}

/**
 * The windows a character workload trains on, the same for every runner:
 * `steps * batchSize` windows of `timeSteps + 1` characters from the SOTU
 * text, at offsets drawn from `RandomState(13)`. `x` holds each window's first
 * `timeSteps` characters one-hot (`[windows, timeSteps, classes]`), `labels`
 * the next character at each step (`[windows, timeSteps]`).
 */
export function sequenceRows(w: Workload): SequenceRows {
  const file = join(__dirname, '..', '..', 'examples', 'data', 'sotu-1961-2021.txt.gz');
  const text = new recurrent.Text(gunzipSync(readFileSync(file)).toString('utf8'), { minCount: 20 });
  const classes = w.sizes[0];
  if (text.classes !== classes)
    throw new Error(`The SOTU alphabet has ${text.classes} classes; the workload says ${classes}.`);
  const steps = w.timeSteps as number;
  const windows = w.steps * w.batchSize;
  const [inputs, labels] = text.classifierBatches(steps, windows, 13)();
  const x = new Float32Array(windows * steps * classes);
  inputs.forEach((window, b) => window.forEach((step, t) => x.set(step, (b * steps + t) * classes)));
  return { x, labels: Int32Array.from(labels.flat()), shape: [windows, steps, classes] };
}
