import { writeFileSync } from 'node:fs';
import { tf } from '@tsnets/core';
import { processOutput } from '../output';
import { modelAndExamples, type DataFlags } from './dataset-flags';

/**
 * `tsnets predict MODEL --data ... [--output FILE]`: one CSV line per example,
 * the class label for classifiers, the output values otherwise; written to
 * FILE, or to stdout.
 */
export async function predict(path: string, flags: DataFlags & { output?: string }): Promise<void> {
  const { network, arrays } = await modelAndExamples(path, flags);
  let lines: string[];
  try {
    const predicted = network.predict(arrays[0]);
    const values = predicted.arraySync() as number[] | number[][];
    predicted.dispose();
    lines = values.map((row) => (Array.isArray(row) ? row.join(',') : String(row)));
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
