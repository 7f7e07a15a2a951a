import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './pages';

/** What the temporary app's package.json depends on (so `loadPlugins()` finds the plugins). */
const DEPENDENCIES = [
  'tsnets',
  '@tsnets/plugin-weight-inverse',
  '@tsnets/plugin-kl-sparsity',
  '@tsnets/plugin-orthogonal',
  'tsyringe',
];
/** Packages linked into the app's node_modules: its dependencies, and what the package READMEs import. */
const LINKED = [
  ...DEPENDENCIES,
  ...[
    'core',
    'datasets',
    'dataset-mnist',
    'dataset-fashion-mnist',
    'losses',
    'optimizers',
    'regularizers',
    'sweep',
    'trainer',
    'backend-native',
    'dashboard',
  ].map((name) => `@tsnets/${name}`),
  '@tsnets/tfjs-file-io',
  '@tensorflow/tfjs',
  'reflect-metadata',
];

/** The folder of an installed package, from its main module as `require` resolves it from the repo root. */
function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name, { paths: [ROOT] }));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === name) return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the folder of ${name}`);
    dir = path.dirname(dir);
  }
}

/**
 * A temporary app folder as a user's would look: a package.json depending on
 * tsnets and the plugins, node_modules links to this repository's packages,
 * and `node_modules/.bin/tsnets`.
 */
export function makeApp(): string {
  const app = fs.mkdtempSync(path.join(os.tmpdir(), 'tsnets-docs-'));
  const dependencies = Object.fromEntries(DEPENDENCIES.map((name) => [name, '*']));
  fs.writeFileSync(
    path.join(app, 'package.json'),
    JSON.stringify({ name: 'docs-app', private: true, dependencies }, null, 2),
  );
  for (const name of LINKED) {
    const link = path.join(app, 'node_modules', name);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(fs.realpathSync(packageDir(name)), link, 'dir');
  }
  const bin = JSON.parse(fs.readFileSync(path.join(app, 'node_modules', 'tsnets', 'package.json'), 'utf8')).bin;
  fs.mkdirSync(path.join(app, 'node_modules', '.bin'));
  fs.symlinkSync(path.join('..', 'tsnets', bin.tsnets), path.join(app, 'node_modules', '.bin', 'tsnets'));
  return app;
}

/** Runs tasks with at most `limit` at a time, keeping their order in the result. */
export async function pool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  });
  await Promise.all(workers);
  return results;
}
