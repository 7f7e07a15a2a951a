import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Sweep, readSpec, type FailedTrial, type TrialResult } from '@tsnets/sweep';
import { Interrupted } from '../errors';
import { STOP_SIGNALS, type StopSignal } from '../interrupt';
import { cliMessages } from '../messages';
import { formatNumber, processOutput } from '../output';

/** The flags of `tsnets sweep`. */
export interface SweepFlags {
  out: string;
  workers?: number;
  queue?: string;
}

const show = (value: unknown): string => (typeof value === 'object' ? JSON.stringify(value) : String(value));

/** `hidden_l1=0.1 weight_l2=0.0001 fold 2` */
function describe(values: Record<string, unknown>, fold: number | null): string {
  const parts = Object.entries(values).map(([name, value]) => `${name}=${show(value)}`);
  if (fold !== null) parts.push(`fold ${fold + 1}`);
  return parts.join(' ') || '(base options)';
}

const resultLine = (r: TrialResult): string =>
  `${r.id} ${describe(r.values, r.fold)}: valid loss ${formatNumber(r.validLoss)}` +
  (r.accuracy === null ? '' : `, acc ${formatNumber(r.accuracy)}`) +
  `, ${r.epochs} epochs, ${r.seconds.toFixed(1)} s (${r.worker})`;

const failureLine = (f: FailedTrial): string =>
  `${f.id} ${describe(f.values, f.fold)}: FAILED on ${f.worker}: ${f.reason}`;

/**
 * `tsnets sweep FILE --out DIR`: runs a sweep file's trials in local trial
 * processes (`--workers`, default the core count) or through a Redis queue
 * (`--queue`), one line per trial, then the best options and the files
 * written. The first SIGINT, SIGTERM or SIGHUP stops it keeping finished
 * trials (exit 128 + the signal's number); failed trials exit 1.
 */
export async function sweepCommand(file: string, flags: SweepFlags): Promise<void> {
  const out = processOutput(false);
  const spec = readSpec(file);
  const controller = new AbortController();
  let received: StopSignal | undefined;
  const handlers = (Object.keys(STOP_SIGNALS) as StopSignal[]).map((name) => {
    const handler = () => {
      if (received) process.exit(STOP_SIGNALS[name]);
      received = name;
      out.status(cliMessages.sweepStopping(name, flags.out));
      controller.abort();
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  try {
    const sweep = new Sweep(spec, { ...flags, signal: controller.signal });
    let total = 0;
    sweep.on('start', (info) => {
      total = info.total;
      out.status(`sweep: ${info.total} trials on ${info.runner}`);
      if (info.skipped) out.status(`skipping ${info.skipped} trials finished earlier (${join(flags.out, 'trials')})`);
    });
    let count = 0;
    sweep.on('skip', () => count++);
    sweep.on('trial', (result) => out.status(`[${++count}/${total}] ${resultLine(result)}`));
    sweep.on('failure', (failure) => out.status(`[${++count}/${total}] ${failureLine(failure)}`));
    sweep.on('refit', (best) =>
      out.status(
        best.folds > 1
          ? 'training the best options on every row (all the folds) for best.tsnets.gz'
          : 'training the best trial again for best.tsnets.gz',
      ),
    );
    const result = await sweep.run();
    if (result.best) {
      const { best } = result;
      out.status(
        `best: ${describe(best.values, null)}: valid loss ${formatNumber(best.validLoss)}` +
          (best.accuracy === null ? '' : `, acc ${formatNumber(best.accuracy)}`) +
          (best.folds > 1 ? ` (mean of ${best.folds} folds)` : ''),
      );
    }
    const files = ['results.csv', 'results.json', 'plot.svg', 'best.tsnets.gz'].map((name) => join(flags.out, name));
    out.status(`wrote ${files.filter((path) => existsSync(path)).join(', ')}`);
    if (received) throw new Interrupted(received, STOP_SIGNALS[received]);
    if (result.failed.length) throw new Error(cliMessages.trialsFailed(result.failed.length, total));
  } finally {
    for (const [name, handler] of handlers) process.off(name, handler);
  }
}
