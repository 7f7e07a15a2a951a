import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { slug, type Page } from './pages';

const BLOCK_TIMEOUT_MS = 120_000;

/**
 * Runs a page's `tsnets` shell blocks in order with bash (`-e -o pipefail`),
 * in one folder of the app, so a later block sees the files an earlier one
 * wrote (a saved model); `node_modules/.bin` comes first on the PATH.
 * Returns the failures as `PAGE:LINE: ...`; stops at the first.
 */
export async function runShellBlocks(app: string, page: Page): Promise<string[]> {
  const blocks = page.shell.filter((block) => !block.skip);
  if (blocks.length === 0) return [];
  const dir = path.join(app, 'shell', slug(blocks[0]));
  fs.mkdirSync(dir, { recursive: true });
  const env = { ...process.env, PATH: `${path.join(app, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}` };
  for (const block of blocks) {
    const failure = await new Promise<string | undefined>((resolve) => {
      execFile(
        'bash',
        ['-e', '-o', 'pipefail', '-c', block.code],
        { cwd: dir, env, timeout: BLOCK_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
        (error, _stdout, stderr) => {
          if (!error) return resolve(undefined);
          const detail = (stderr || error.message).trim().split('\n').slice(0, 12).join('\n');
          resolve(`${block.page}:${block.line}: the commands failed:\n${detail}`);
        },
      );
    });
    if (failure) return [failure];
  }
  return [];
}
