/**
 * A character model of the State of the Union addresses (1961-2021), as
 * theanets' `theanets-char-rnn` script: an LSTM reads one-hot characters and
 * predicts the next one. Prints the validation cross-entropy in bits per
 * character beside the unigram baseline (the bits of always predicting the
 * training text's character frequencies), and seeded samples.
 *
 *   npm run build && node out/examples/char-rnn.js [--hidden 128] [--steps 32] [--batch 32] [--epochs 20] [--chars N]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { recurrent, ready, type TrainResult } from 'tsnets';

/** Options of `main`. */
export interface CharOptions {
  hidden?: number;
  steps?: number;
  batch?: number;
  epochs?: number;
  /** Characters of the corpus to use (default all 2.1 million). */
  chars?: number;
  /** Batches per training epoch (default 50). */
  batches?: number;
  log?: (line: string) => void;
}

/** What a run measured. */
export interface CharResult {
  /** Validation cross-entropy of the model, bits per character. */
  bits: number;
  /** Bits per character of the unigram baseline on the same validation windows. */
  unigramBits: number;
  /** Seeded samples continuing a few prompts. */
  samples: string[];
  train: TrainResult;
}

/** The SOTU corpus shipped with the examples (gzipped ASCII text). */
export function corpus(): string {
  return gunzipSync(readFileSync(join(__dirname, '..', '..', 'examples', 'data', 'sotu-1961-2021.txt.gz'))).toString(
    'utf8',
  );
}

/** Bits per character of predicting each label with the frequencies of `train`. */
function unigramBits(text: recurrent.Text, trainCodes: number[], labels: number[][]): number {
  const counts = new Array<number>(text.classes).fill(1);
  for (const code of trainCodes) counts[code] += 1;
  const total = counts.reduce((a, b) => a + b, 0);
  const flat = labels.flat();
  return flat.reduce((sum, code) => sum - Math.log2(counts[code] / total), 0) / flat.length;
}

export async function main(options: CharOptions = {}): Promise<CharResult> {
  const log = options.log ?? console.log;
  const hidden = options.hidden ?? 128;
  const steps = options.steps ?? 32;
  const batch = options.batch ?? 32;
  await ready();
  const raw = corpus().slice(0, options.chars);
  // The last tenth (later addresses) validates; the model never trains on it.
  const cut = Math.floor(raw.length * 0.9);
  const text = new recurrent.Text(raw.slice(0, cut), { minCount: 20 });
  const held = new recurrent.Text(raw.slice(cut), { alpha: text.alpha });
  const valid = held.classifierBatches(steps, 256, 7)();
  const net = new recurrent.Classifier([text.classes, [hidden, 'lstm'], text.classes]);
  log(`alphabet of ${text.classes} classes; ${cut} training characters; an LSTM of ${hidden} units`);
  const train = await net.train(text.classifierBatches(steps, batch, 13), {
    algo: 'adam',
    learning_rate: 3e-3,
    max_gradient_norm: 5,
    iteration_size: options.batches ?? 50,
    valid,
    validate_every: 1,
    patience: 3,
    max_updates: options.epochs ?? 20,
  });
  const bits = train.valid.err / Math.LN2;
  const baseline = unigramBits(text, text.encode(text.text), valid[1]);
  log(`validation: ${bits.toFixed(3)} bits/char; unigram baseline ${baseline.toFixed(3)} bits/char`);
  const samples = ['The ', 'America ', 'We must '].map((prompt, i) => {
    const continuation = net.predictSequence(text.encode(prompt), 60, { rng: 13 + i });
    return prompt + text.decode(continuation);
  });
  samples.forEach((sample) => log(`sample: ${JSON.stringify(sample)}`));
  net.dispose();
  return { bits, unigramBits: baseline, samples, train };
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      hidden: { type: 'string' },
      steps: { type: 'string' },
      batch: { type: 'string' },
      epochs: { type: 'string' },
      chars: { type: 'string' },
    },
  });
  const number = (v?: string): number | undefined => (v === undefined ? undefined : Number(v));
  main({
    hidden: number(values.hidden),
    steps: number(values.steps),
    batch: number(values.batch),
    epochs: number(values.epochs),
    chars: number(values.chars),
  }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
