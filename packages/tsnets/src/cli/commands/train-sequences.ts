import { monitorNumbers, recurrent, type LayerSpec, type Network } from '@tsnets/core';
import { UsageError } from '../errors';
import { cliMessages } from '../messages';
import { outputCount } from '../models';
import { processOutput, report } from '../output';
import { loadSequences } from '../sequences';
import { fitAndSave, type TrainFlags } from './train';

/**
 * `tsnets train --window N`: a recurrent model on windows of `--data`. Text
 * trains a character model (a recurrent classifier whose class names are the
 * alphabet, for `tsnets sample`); a series trains a weighted regressor of
 * the next step. `--valid-fraction` holds out the end of the data; the
 * validation line reports the model on those windows after training.
 */
export async function trainSequences(
  flags: TrainFlags,
  options: Record<string, unknown>,
  kind: string,
  layers: LayerSpec[],
): Promise<void> {
  const out = processOutput(flags.json);
  if (flags.testData !== undefined || flags.testFraction > 0) throw new UsageError(cliMessages.sequenceTestSet());
  const batchSize = typeof options.batch_size === 'number' ? options.batch_size : 32;
  const data = await loadSequences(flags.data, {
    window: flags.window as number,
    validFraction: flags.validFraction,
    seed: flags.seed,
    batchSize,
    minCount: flags.minCount,
  });
  if (kind !== data.kind) throw new UsageError(cliMessages.sequenceModel(kind, data.kind, data.label));
  const first = typeof layers[0] === 'number' ? layers[0] : undefined;
  for (const [what, size, fix] of [
    ['the input layer', first, 'start'],
    ['the output layer', outputCount(layers), 'end'],
  ] as const) {
    if (size !== data.width)
      throw new UsageError(
        cliMessages.layersDoNotFit(
          what,
          size ?? 0,
          `${data.label} (${data.width} values per step)`,
          data.width,
          `${fix} --layers with ${data.width}`,
        ),
      );
  }
  const network: Network =
    data.kind === 'classifier'
      ? new recurrent.Classifier(layers, { rng: flags.seed, classNames: data.classNames })
      : new recurrent.Regressor(layers, { rng: flags.seed, weighted: true });
  try {
    await fitAndSave(
      network,
      flags,
      { iteration_size: data.iterationSize, ...options },
      out,
      data.train,
      data.valid,
      () => {
        if (data.valid) report(out.status, 'valid', monitorNumbers(network.evaluate(data.valid)));
      },
    );
  } finally {
    network.dispose();
  }
}
