import { SingleBar } from 'cli-progress';
import type { Trainer } from '@tsnets/trainer';
import { formatNumber, formatTerms, type Output } from './output';

/** How training progress is shown: a bar on a TTY, plain lines otherwise, or JSON records. */
export type ProgressMode = 'bar' | 'lines' | 'json';

/** The mode for this process: `json` when asked for, else a bar when stdout is a TTY. */
export function progressMode(json: boolean): ProgressMode {
  if (json) return 'json';
  return process.stdout.isTTY ? 'bar' : 'lines';
}

/**
 * Shows a trainer's progress; returns a function that finishes the display
 * (stops the bar) before the final status lines.
 * - `json`: one `{epoch, train, valid}` record per epoch on stdout (with `terms`, `graph`, `gradients`).
 * - `lines`: one line per validation: epoch, validation loss, best, accuracy, and the loss's terms when
 *   there are penalties (`= err 0.41 + hidden_l1 0.02`).
 * - `bar`: epochs and batches, the latest validation loss (and accuracy), the best loss, ETA.
 */
export function showProgress(trainer: Trainer, mode: ProgressMode, out: Output, maxUpdates: number): () => void {
  if (mode === 'json') {
    trainer.on('iteration', ({ epoch, train, valid }) => out.data(JSON.stringify({ epoch, train, valid })));
    return () => undefined;
  }
  if (mode === 'lines') {
    trainer.on('validation', ({ epoch, valid, best, improved }) => {
      const acc = valid.acc === undefined ? '' : `  acc ${formatNumber(valid.acc)}`;
      out.status(
        `epoch ${String(epoch).padStart(4)}  valid loss ${formatNumber(valid.loss)}  best ${formatNumber(best)}${acc}${improved ? ' *' : ''}` +
          formatTerms(valid),
      );
    });
    return () => undefined;
  }
  return showBar(trainer, maxUpdates);
}

function showBar(trainer: Trainer, maxUpdates: number): () => void {
  const bar = new SingleBar({
    format:
      'epoch {epoch}{of} [{bar}] batch {batch}/{batches} | valid {valid}{acc} | best {best} | ETA {eta_formatted}',
    stream: process.stdout,
    hideCursor: true,
    clearOnComplete: false,
  });
  const bounded = Number.isFinite(maxUpdates);
  let batches = 1;
  let started = false;
  let valid = '-';
  let acc = '';
  let best = '-';
  trainer.on('start', (info) => {
    batches = Math.max(info.batches, 1);
    // With max_updates the bar spans every batch of every epoch; otherwise one epoch.
    bar.start(bounded ? maxUpdates * batches : batches, 0, payload(0, 0));
    started = true;
  });
  const payload = (epoch: number, batch: number) => ({
    epoch,
    of: bounded ? `/${maxUpdates}` : '',
    batch,
    batches,
    valid,
    acc,
    best,
  });
  trainer.on('batch', ({ epoch, batch }) => {
    bar.update(bounded ? (epoch - 1) * batches + batch : batch, payload(epoch, batch));
  });
  trainer.on('validation', (info) => {
    valid = formatNumber(info.valid.loss);
    acc = info.valid.acc === undefined ? '' : ` acc ${formatNumber(info.valid.acc)}`;
    best = formatNumber(info.best);
    bar.update(payload(info.epoch, 0));
  });
  return () => {
    if (started) bar.stop();
  };
}
