import { tf } from '@tsnets/core';
import { processOutput, report } from '../output';
import { measure } from '../score';
import { modelAndExamples, type DataFlags } from './dataset-flags';

/** `tsnets evaluate MODEL --data ...`: loss, err, accuracy (classifiers) and score, as a line or (`--json`) one JSON object. */
export async function evaluate(path: string, flags: DataFlags & { json: boolean }): Promise<void> {
  const out = processOutput(flags.json);
  const { network, arrays } = await modelAndExamples(path, flags);
  try {
    const measures = measure(network, arrays);
    if (flags.json) out.data(JSON.stringify(measures));
    else report(out.data, `${path} on ${arrays[0].shape[0]} rows`, measures);
  } finally {
    tf.dispose(arrays);
    network.dispose();
  }
}
