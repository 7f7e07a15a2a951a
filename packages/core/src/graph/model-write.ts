/**
 * Atomic, durable writes of model files: the bytes go to a temporary file
 * beside the target, which is fsync'd (and its folder) and then renamed over
 * the target. A failure at any step removes the temporary file and leaves
 * the old target as it was.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ModelFileError } from '../errors/errors';

/** The file operations `writeModelFile` uses; tests replace some to make a step fail. */
export interface ModelFileSystem {
  /** Creates `path` (it must not exist), writes `bytes`, fsyncs and closes it. */
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  /** Fsyncs a folder, so the names in it survive a power cut. */
  syncFolder(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  list(folder: string): Promise<string[]>;
}

/** The real file system. */
export const nodeModelFileSystem: ModelFileSystem = {
  async writeFile(path, bytes) {
    const handle = await fs.open(path, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  async syncFolder(path) {
    let handle: fs.FileHandle | undefined;
    try {
      handle = await fs.open(path, 'r');
      await handle.sync();
    } catch (error) {
      // Some systems (Windows) cannot open or fsync a folder; the file itself was synced.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EACCES') throw error;
    } finally {
      await handle?.close();
    }
  },
  rename: (from, to) => fs.rename(from, to),
  remove: (path) => fs.rm(path, { force: true }),
  list: (folder) => fs.readdir(folder),
};

const SUFFIX = '.tsnets-tmp';
/** Temporary files of this process that are being written now (not stale, whatever their pid). */
const inFlight = new Set<string>();

/** The temporary file name for a target: `.<name>.<pid>-<random>.tsnets-tmp`, beside it. */
export function temporaryName(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}${SUFFIX}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporary files left beside `target` by saves that were killed:
 * those of a process that no longer runs, and this process's own that no
 * save of it is writing. Temporaries of other live processes are left alone.
 */
export async function removeStaleTemporaries(
  target: string,
  files: ModelFileSystem = nodeModelFileSystem,
): Promise<void> {
  const folder = dirname(target);
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = await files.list(folder);
  } catch {
    return; // the write itself will report an unusable folder
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(SUFFIX)) continue;
    const match = /^(\d+)-[0-9a-f]+$/.exec(name.slice(prefix.length, -SUFFIX.length));
    if (!match) continue;
    const pid = Number(match[1]);
    const path = join(folder, name);
    const stale = pid === process.pid ? !inFlight.has(path) : !isAlive(pid);
    if (stale) await files.remove(path).catch(() => undefined);
  }
}

/** Why a save failed, in words, without naming the temporary file. */
function describeFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const known: Record<string, string> = {
    ENOSPC: 'the disk is full (ENOSPC). Free some space or save elsewhere.',
    EDQUOT: 'the disk quota is exhausted (EDQUOT). Free some space or save elsewhere.',
    EACCES: 'permission denied (EACCES). Save to a folder you can write to.',
    EPERM: 'the operation is not permitted (EPERM). Save to a folder you can write to.',
    EROFS: 'the file system is read-only (EROFS). Save elsewhere.',
    ENOENT: 'the folder does not exist (ENOENT). Create it first.',
    ENOTDIR: 'a part of the path is not a folder (ENOTDIR).',
    EISDIR: 'the target is a folder (EISDIR). Name a file.',
  };
  if (code && known[code]) return known[code];
  if (code) return `the file system refused (${code}).`;
  return `${error instanceof Error ? error.message : String(error)}.`;
}

/**
 * Writes `bytes` to `target` atomically and durably. Any failure is a
 * `ModelFileError` naming `target`; the temporary file is removed and the old
 * target, if any, is left byte for byte as it was.
 */
export async function writeModelFile(
  target: string,
  bytes: Uint8Array,
  files: ModelFileSystem = nodeModelFileSystem,
): Promise<void> {
  await removeStaleTemporaries(target, files);
  const temporary = temporaryName(target);
  inFlight.add(temporary);
  try {
    await files.writeFile(temporary, bytes);
    await files.syncFolder(dirname(target));
    await files.rename(temporary, target);
  } catch (error) {
    await files.remove(temporary).catch(() => undefined);
    throw new ModelFileError(target, describeFailure(error), undefined, 'save', error);
  } finally {
    inFlight.delete(temporary);
  }
  // The new file is in place; this makes the rename itself durable.
  await files.syncFolder(dirname(target)).catch(() => undefined);
}
