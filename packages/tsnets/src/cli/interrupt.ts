import type { Output } from './output';

/**
 * Ctrl-C handling for a training run: the first SIGINT aborts the returned
 * signal (the trainer stops after the current batch, restores the best
 * parameters, and the command still saves); a second exits at once (130).
 * Call `release` when training is over.
 */
export function interruptible(out: Output): { signal: AbortSignal; interrupted: () => boolean; release: () => void } {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) {
      process.stderr.write('\ninterrupted again: exiting now\n');
      process.exit(130);
    }
    out.status('\ninterrupted: stopping after this batch (Ctrl-C again to exit now)');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  return {
    signal: controller.signal,
    interrupted: () => controller.signal.aborted,
    release: () => process.off('SIGINT', onSignal),
  };
}
