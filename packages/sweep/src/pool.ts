import { fork, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { TrialFailedError } from './errors';
import { sweepMessages } from './messages';
import { workerName, type TrialResult } from './run-trial';
import { THREADS_VARIABLE, threadsPer } from './threads';
import type { Trial } from './trials';

/** A trial sent to a trial process; with `save`, the trained model is written there. */
export interface ChildRequest {
  task: number;
  trial: Trial;
  save?: string;
}

/** A trial process's answer. */
export interface ChildReply {
  task: number;
  result?: TrialResult;
  error?: { name: string; message: string };
}

interface Slot {
  child: ChildProcess;
  busy?: { task: number; trial: string; resolve: (r: TrialResult) => void; reject: (e: Error) => void };
}

interface Task {
  request: ChildRequest;
  resolve: (r: TrialResult) => void;
  reject: (e: Error) => void;
}

/**
 * Up to `size` trial processes (`child_process.fork`; TensorFlow.js cannot
 * run in worker threads), started as work arrives and each running one
 * trial at a time. A process that exits mid-trial fails that trial and is
 * replaced for the next.
 */
export class LocalPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Task[] = [];
  private next = 0;
  private closed = false;

  constructor(
    readonly size: number,
    private readonly entry = join(__dirname, 'child.js'),
  ) {}

  /** Runs a trial in a free process; rejects with a `TrialFailedError` when it fails there. */
  run(trial: Trial, save?: string): Promise<TrialResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ request: { task: this.next++, trial, ...(save ? { save } : {}) }, resolve, reject });
      this.dispatch();
    });
  }

  /** Kills every trial process; running trials fail. */
  close(): void {
    this.closed = true;
    for (const slot of this.slots) slot.child.kill('SIGKILL');
    for (const task of this.waiting.splice(0)) {
      task.reject(new TrialFailedError(task.request.trial.id, workerName(), 'the sweep stopped'));
    }
  }

  private dispatch(): void {
    while (this.waiting.length && !this.closed) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const task = this.waiting.shift() as Task;
      slot.busy = { task: task.request.task, trial: task.request.trial.id, resolve: task.resolve, reject: task.reject };
      slot.child.send(task.request);
    }
  }

  private spawn(): Slot {
    const env = { ...process.env, [THREADS_VARIABLE]: process.env[THREADS_VARIABLE] ?? String(threadsPer(this.size)) };
    const child = fork(this.entry, [], {
      env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    const slot: Slot = { child };
    const worker = `${hostname()}:${child.pid}`;
    this.slots.push(slot);
    child.on('message', (reply: ChildReply) => {
      const busy = slot.busy;
      if (!busy || busy.task !== reply.task) return;
      slot.busy = undefined;
      if (reply.result) busy.resolve(reply.result);
      else busy.reject(new TrialFailedError(busy.trial, worker, reply.error?.message ?? 'unknown'));
      this.dispatch();
    });
    child.on('exit', (code, signal) => {
      this.slots.splice(this.slots.indexOf(slot), 1);
      const busy = slot.busy;
      slot.busy = undefined;
      if (busy) {
        busy.reject(
          new TrialFailedError(
            busy.trial,
            worker,
            sweepMessages.workerExited(child.pid ?? 0, signal ?? `code ${code}`),
          ),
        );
      }
      this.dispatch();
    });
    return slot;
  }
}
