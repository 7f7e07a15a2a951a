import { writeFileSync } from 'node:fs';
import { Classifier, tf } from '@tsnets/core';
import { UsageError } from '../errors';
import { cliMessages } from '../messages';
import { processOutput } from '../output';
import { modelAndExamples, type DataFlags } from './dataset-flags';

/**
 * `tsnets predict MODEL --data ... [--output FILE] [--proba]`: one CSV line
 * per example: for classifiers the class (its name when the model has class
 * names) or, with `--proba`, the probability of each class; the output
 * values otherwise. Written to FILE, or to stdout.
 */
export async function predict(path: string, flags: DataFlags & { output?: string; proba?: boolean }): Promise<void> {
  const { network, arrays } = await modelAndExamples(path, flags);
  let lines: string[];
  try {
    if (flags.proba && !(network instanceof Classifier)) throw new UsageError(cliMessages.probaNeedsClassifier());
    if (network instanceof Classifier && !flags.proba && network.classNames) {
      lines = network.predictNames(arrays[0]);
    } else {
      const predicted =
        network instanceof Classifier && flags.proba ? network.predictProba(arrays[0]) : network.predict(arrays[0]);
      const values = predicted.arraySync() as number[] | number[][];
      predicted.dispose();
      lines = values.map((row) => (Array.isArray(row) ? row.join(',') : String(row)));
    }
  } finally {
    tf.dispose(arrays);
    network.dispose();
  }
  if (flags.output) {
    writeFileSync(flags.output, `${lines.join('\n')}\n`);
    processOutput(false).status(`wrote ${lines.length} predictions to ${flags.output}`);
  } else {
    const out = processOutput(false);
    for (const line of lines) out.data(line);
  }
}
