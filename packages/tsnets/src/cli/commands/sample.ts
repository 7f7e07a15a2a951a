import { Network, recurrent } from '@tsnets/core';
import * as datasets from '@tsnets/datasets';
import { UsageError } from '../errors';
import { cliMessages } from '../messages';
import { processOutput } from '../output';

/** The flags of `tsnets sample`. */
export interface SampleFlags {
  prompt: string;
  length: number;
  seed: number;
  streams: number;
}

/**
 * `tsnets sample MODEL`: continues `--prompt` by `--length` characters drawn
 * one at a time from a character model (`tsnets train --window N --data
 * FILE.txt`), seeded by `--seed`; one line per stream.
 */
export async function sample(model: string, flags: SampleFlags): Promise<void> {
  const network = await Network.load(model);
  try {
    if (!(network instanceof recurrent.Classifier) || !network.classNames)
      throw new UsageError(cliMessages.notCharacterModel(model));
    const names = network.classNames;
    const text = new datasets.Text('', { alpha: names.slice(1).join(''), unknown: names[0] });
    const prompt = text.encode(flags.prompt);
    const streams = network.predictSequence(prompt.length ? prompt : [0], flags.length, {
      rng: flags.seed,
      streams: flags.streams,
    });
    const out = processOutput(false);
    for (const continuation of streams) out.data(flags.prompt + text.decode(continuation));
  } finally {
    network.dispose();
  }
}
