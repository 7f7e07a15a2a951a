import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** The compiled command line, run from the monorepo root. */
export const MAIN = join(__dirname, '..', 'src', 'cli', 'main.js');
export const ROOT = join(__dirname, '..', '..', '..', '..');

/** What a finished run printed and its exit code. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `tsnets ARGS` with pipes (stdout is not a TTY). */
export function start(args: readonly string[]): ChildProcess {
  return spawn(process.execPath, [MAIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Collects a started run's output until it exits. */
export function finish(child: ChildProcess): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `tsnets ARGS` to the end. */
export function run(args: readonly string[]): Promise<Run> {
  return finish(start(args));
}
