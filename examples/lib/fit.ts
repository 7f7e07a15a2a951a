import { Trainer, type MonitorValues, type Network, type TrainData, type TrainResult, type TrainOptions } from 'tsnets';

/** One training run as it went: the training monitors of every epoch, every validation, and the result. */
export interface RunHistory {
  /** What was trained, e.g. `'sparse autoencoder'`. */
  title: string;
  /** Training monitors (averaged over the epoch's batches, with noise and dropout), by epoch from 1. */
  train: { epoch: number; values: MonitorValues }[];
  /** Validation monitors, by epoch from 0 (before training). */
  valid: { epoch: number; values: MonitorValues }[];
  /** What `train` resolved to: the best epoch, why it stopped, the best validation's monitors. */
  result: TrainResult;
}

/** What `fit` prints: a line per validation, every `every` epochs. */
export interface FitLog {
  title: string;
  line: (text: string) => void;
  /** Time since the job started, e.g. `'12.3s'`. */
  elapsed: () => string;
  /** Print every this many epochs' validation (and the one before training); default 1. */
  every?: number;
}

/**
 * Trains `net` on `data` with `options`, validating after every epoch;
 * prints the resolved regularizers, progress and the end; and returns the
 * run's history.
 */
export async function fit(net: Network, data: TrainData, options: TrainOptions, log: FitLog): Promise<RunHistory> {
  const train: RunHistory['train'] = [];
  const valid: RunHistory['valid'] = [];
  const trainer = new Trainer(net);
  trainer.on('start', ({ backend, regularizers, batches }) => {
    // Noise and dropout report weight 0: their strength is a rate, not a penalty weight.
    const resolved = regularizers.map((r) => `${r.id}${r.weight ? ` ${r.weight}` : ''} on ${r.targets.join(', ')}`);
    log.line(`   ${backend}, ${batches} batches an epoch; regularizers: ${resolved.join('; ') || 'none'}`);
  });
  // A validation at epoch k checks the parameters after k epochs (0: before training). It comes after epoch k's
  // `iteration` event, except after the last epoch, where it comes before: print an epoch's line once both came.
  const print = (epoch: number) => {
    const trained = train.find((row) => row.epoch === epoch);
    const validated = valid.find((row) => row.epoch === epoch);
    if ((trained || epoch === 0) && validated && epoch % (log.every ?? 1) === 0) {
      log.line(
        `   epoch ${String(epoch).padStart(3)}  ${monitorsLine(trained?.values, validated.values)}  (${log.elapsed()})`,
      );
    }
  };
  trainer.on('iteration', ({ epoch, train: values }) => {
    train.push({ epoch, values });
    print(epoch);
  });
  trainer.on('validation', ({ epoch, valid: values }) => {
    valid.push({ epoch, values });
    print(epoch);
  });
  const result = await trainer.train(data, { validate_every: 1, ...options });
  log.line(`   stopped after ${result.epochs} epochs (${result.reason}); kept epoch ${result.best.epoch}'s parameters`);
  return { title: log.title, train, valid, result };
}

/** `loss` and `err` of training (none before the first epoch) and validation, and validation accuracy or sparsity when monitored. */
function monitorsLine(train: MonitorValues | undefined, valid: MonitorValues): string {
  const parts = [
    `loss ${train ? fmt(train.loss) : '-'} / valid ${fmt(valid.loss)}`,
    `err ${train ? fmt(train.err) : '-'} / valid ${fmt(valid.err)}`,
  ];
  if ('acc' in valid) parts.push(`valid acc ${(valid.acc as number).toFixed(4)}`);
  for (const key of Object.keys(valid).filter((k) => k.includes('<')))
    parts.push(`${key} ${pct(valid[key] as number)}`);
  return parts.join('  ');
}

function fmt(value: number): string {
  return value.toPrecision(4);
}

/** A fraction as a percentage with one decimal. */
export function pct(fraction: number): string {
  return `${(100 * fraction).toFixed(1)}%`;
}
