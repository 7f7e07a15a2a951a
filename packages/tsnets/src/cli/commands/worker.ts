import { runWorker } from '@tsnets/sweep';
import { STOP_SIGNALS, type StopSignal } from '../interrupt';
import { processOutput } from '../output';

/** The flags of `tsnets worker`. */
export interface WorkerFlags {
  queue: string;
  concurrency: number;
  lockDuration: number;
}

/**
 * `tsnets worker --queue URL`: runs the trials sweeps enqueue there, each in
 * a sandboxed child process, printing a line as each starts and ends, until
 * SIGINT, SIGTERM or SIGHUP (it finishes the running trials first; a second
 * signal exits at once, and the queue retries those trials elsewhere), then
 * exits with code 0.
 */
export async function workerCommand(flags: WorkerFlags): Promise<void> {
  const out = processOutput(false);
  const worker = await runWorker({
    queue: flags.queue,
    concurrency: flags.concurrency,
    lockDuration: flags.lockDuration,
  });
  // Listen for stop signals before saying the worker is ready: a signal right after that line must not kill it.
  const stopped = new Promise<StopSignal>((resolve) => {
    for (const name of Object.keys(STOP_SIGNALS) as StopSignal[]) {
      process.once(name, () => {
        out.status(`${name}: finishing the running trials (send it again to exit now)`);
        process.once(name, () => process.exit(STOP_SIGNALS[name]));
        resolve(name);
      });
    }
  });
  worker.on('active', (trial) => out.status(`trial ${trial}: started`));
  worker.on('completed', (trial, loss) => out.status(`trial ${trial}: done, valid loss ${loss}`));
  worker.on('failed', (trial, reason) => out.status(`trial ${trial}: failed: ${reason}`));
  out.status(`worker ${worker.name}: waiting for trials on ${flags.queue}`);
  const signal = await stopped;
  await worker.close();
  out.status(`worker ${worker.name}: stopped after ${signal}`);
}
