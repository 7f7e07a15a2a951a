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

/** Where and with which environment a run starts (default: the monorepo root, this process's environment). */
export interface StartOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Starts `tsnets ARGS` with pipes (stdout is not a TTY). */
export function start(args: readonly string[], options: StartOptions = {}): ChildProcess {
  return spawn(process.execPath, [MAIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
export function run(args: readonly string[], options: StartOptions = {}): Promise<Run> {
  return finish(start(args, options));
}

/** Resolves once the started run's stdout matches `pattern` (e.g. the first epoch's line). */
export function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) resolve();
    });
    child.on('close', () => reject(new Error(`exited before printing ${pattern}: ${seen}`)));
  });
}
