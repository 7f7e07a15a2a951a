import { accessSync, constants, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Network } from '@tsnets/core';
import { UsageError } from './errors';
import { cliMessages } from './messages';

/**
 * Checks a `--save` target before training starts, so a mistyped folder
 * does not cost a training run: the folder must exist, be a folder and be
 * writable, and the target must not be a folder. A `UsageError` otherwise.
 */
export function checkSaveTarget(target: string): void {
  const folder = path.dirname(path.resolve(target));
  let stats;
  try {
    stats = statSync(folder);
  } catch {
    throw new UsageError(cliMessages.saveFolderMissing(target, folder));
  }
  if (!stats.isDirectory()) throw new UsageError(cliMessages.saveFolderMissing(target, folder));
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new UsageError(cliMessages.saveFolderReadOnly(target, folder));
  }
  try {
    if (statSync(target).isDirectory()) throw new UsageError(cliMessages.saveTargetIsFolder(target));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // no such file yet: fine
  }
}

/** Where a model goes when its `--save` target fails: the temporary folder, then the current one, named after the target. */
export function fallbackPaths(target: string, now = new Date()): string[] {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const name = `tsnets-rescued-${stamp}-${path.basename(target)}`;
  return [path.join(tmpdir(), name), path.resolve(name)];
}

/** What became of a save: where the model is, and the target's error when it had to go elsewhere. */
export interface SaveResult {
  path: string;
  failure?: Error;
}

/**
 * Saves to `target`; when that fails (the folder vanished, the disk is full),
 * saves to the first fallback path that works, so the training survives.
 * Throws only when every place fails.
 */
export async function saveWithFallback(network: Network, target: string): Promise<SaveResult> {
  let failure: Error;
  try {
    await network.save(target);
    return { path: target };
  } catch (error) {
    failure = error as Error;
  }
  const tried: string[] = [];
  for (const fallback of fallbackPaths(target)) {
    try {
      await network.save(fallback);
      return { path: fallback, failure };
    } catch (error) {
      tried.push(`${fallback} (${errorCode(error)})`);
    }
  }
  throw new Error(cliMessages.saveFailedEverywhere(target, errorCode(failure), tried));
}

/** A file-system error's code (`ENOSPC`), or its message. */
export function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string') return code;
  // A ModelFileError keeps the file system's error as its cause.
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause !== undefined) return errorCode(cause);
  return error instanceof Error ? error.message : String(error);
}
