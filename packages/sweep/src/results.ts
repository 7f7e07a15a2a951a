import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrialResult } from './run-trial';
import type { Trial } from './trials';

/** Writes a file atomically (a temporary file renamed over it), so an interrupt never leaves half a file. */
export function writeAtomic(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** The folder of per-trial results inside a sweep's output folder. */
export const trialsDir = (out: string): string => join(out, 'trials');

/** Saves one finished trial as `OUT/trials/<id>.json`: its result, and under `trial` what it trained (to rerun it by hand). */
export function saveTrial(out: string, result: TrialResult, trial: Trial): void {
  mkdirSync(trialsDir(out), { recursive: true });
  const { kind, layers, modelOptions, options, seed, fold, folds, data, plugins } = trial;
  const saved = { ...result, trial: { kind, layers, modelOptions, options, seed, fold, folds, data, plugins } };
  writeAtomic(join(trialsDir(out), `${result.id}.json`), `${JSON.stringify(saved, null, 2)}\n`);
}

/** The finished trials an earlier run left in `OUT/trials`, by id (unreadable files are ignored: rerun). */
export function finishedTrials(out: string): Map<string, TrialResult> {
  const found = new Map<string, TrialResult>();
  let files: string[] = [];
  try {
    files = readdirSync(trialsDir(out)).filter((file) => file.endsWith('.json'));
  } catch {
    return found;
  }
  for (const file of files) {
    try {
      const saved = JSON.parse(readFileSync(join(trialsDir(out), file), 'utf8')) as TrialResult & { trial?: unknown };
      const { trial, ...result } = saved;
      void trial;
      if (typeof result.id === 'string' && typeof result.validLoss === 'number') found.set(result.id, result);
    } catch {
      // a damaged file: the trial runs again
    }
  }
  return found;
}

const cell = (value: unknown): string => {
  const text =
    value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The table's columns: the trial id, each swept value, the fold, then the measures. */
export function tableColumns(axes: readonly string[]): string[] {
  return ['id', ...axes, 'fold', 'epochs', 'best_epoch', 'valid_loss', 'accuracy', 'seconds', 'worker'];
}

/** One table row per finished trial. */
export function tableRows(results: readonly TrialResult[], axes: readonly string[]): Record<string, unknown>[] {
  return results.map((r) => ({
    id: r.id,
    ...Object.fromEntries(axes.map((axis) => [axis, r.values[axis]])),
    fold: r.fold,
    epochs: r.epochs,
    best_epoch: r.bestEpoch,
    valid_loss: r.validLoss,
    accuracy: r.accuracy,
    seconds: r.seconds,
    worker: r.worker,
  }));
}

/** Rewrites `OUT/results.csv` and `OUT/results.json` with every finished trial, in trial order. */
export function writeTable(out: string, results: readonly TrialResult[], axes: readonly string[]): void {
  const columns = tableColumns(axes);
  const rows = tableRows(results, axes);
  const csv = [columns.join(','), ...rows.map((row) => columns.map((c) => cell(row[c])).join(','))].join('\n');
  writeAtomic(join(out, 'results.csv'), `${csv}\n`);
  writeAtomic(join(out, 'results.json'), `${JSON.stringify(rows, null, 2)}\n`);
}
