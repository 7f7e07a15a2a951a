import { cliMessages } from './messages';
import type { Output } from './output';

/** The signals that ask a process to stop, and the exit code after an interrupted training saved (128 + the number). */
export const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/** A signal that asks a process to stop. */
export type StopSignal = keyof typeof STOP_SIGNALS;

/** A training run's handle on stop signals (see `interruptible`). */
export interface Interrupt {
  /** Aborted by the first stop signal. */
  readonly signal: AbortSignal;
  /** The first stop signal received, if any. */
  received(): StopSignal | undefined;
  /** Stops as the first stop signal would, but asked for by `by` (the dashboard's button): the command saves and exits 0. */
  request(by: string): void;
  /** Who asked through `request`, if anyone did first. */
  requestedBy(): string | undefined;
  /** Stops listening; call it when the command is over. */
  release(): void;
}

/**
 * Stop-signal handling for a training run: the first SIGINT, SIGTERM or
 * SIGHUP aborts the returned signal (the trainer stops after the current
 * batch, restores the best parameters, and the command still saves, then
 * exits with 128 + the signal's number); a second exits at once with that
 * code.
 */
export function interruptible(out: Output): Interrupt {
  const controller = new AbortController();
  let first: StopSignal | undefined;
  let asker: string | undefined;
  const handlers = (Object.keys(STOP_SIGNALS) as StopSignal[]).map((name) => {
    const handler = () => {
      if (first || asker) {
        process.stderr.write(`\n${name} again: exiting now\n`);
        process.exit(STOP_SIGNALS[name]);
      }
      first = name;
      out.status(`\n${name}: stopping after this batch and saving (send it again to exit now)`);
      controller.abort();
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    received: () => first,
    request: (by) => {
      if (first || asker) return;
      asker = by;
      out.status(cliMessages.stopRequested(by));
      controller.abort();
    },
    requestedBy: () => asker,
    release: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}
