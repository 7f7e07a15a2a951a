'use strict';
// `npm run pack`: builds the workspace from clean and packs every public
// package (packages/* but the private ones, plugins/*) as npm would publish
// it, into one folder an app installs from:
//
//   out/pack/*.tgz           tsnets and what it needs, the native backend, the plugins
//   out/pack/datasets/*.tgz  the optional dataset packages (MNIST, Fashion-MNIST: 12 and 31 MB)
//
// so `npm install out/pack/*.tgz` makes a working app, and
// `npm install out/pack/datasets/tsnets-dataset-mnist-0.1.0.tgz` adds MNIST.
//
// Options: --out DIR (default out/pack), --no-build (pack what is built, for
// tests that have just built), --json (print what was written as JSON).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** Packages whose names start so go to the `datasets` subfolder, left out of `*.tgz`. */
const OPTIONAL_PREFIX = '@tsnets/dataset-';

/** The public workspaces, in the root package.json's order: `{ folder, name, main }`. */
function publicWorkspaces() {
  const { workspaces } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const folders = workspaces.flatMap((entry) =>
    entry.endsWith('/*')
      ? fs
          .readdirSync(path.join(ROOT, entry.slice(0, -2)))
          .sort()
          .map((name) => `${entry.slice(0, -1)}${name}`)
      : [entry],
  );
  return folders
    .filter((folder) => /^(packages|plugins)\//.test(folder))
    .map((folder) => ({ folder, manifest: path.join(ROOT, folder, 'package.json') }))
    .filter(({ manifest }) => fs.existsSync(manifest))
    .map(({ folder, manifest }) => ({ folder, ...JSON.parse(fs.readFileSync(manifest, 'utf8')) }))
    .filter((pkg) => !pkg.private)
    .map(({ folder, name, main }) => ({ folder, name, main }));
}

/** The environment for a child npm, without the settings of the `npm run` that may have started this script. */
function npmEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_(package|lifecycle)_/i.test(key)) delete env[key];
    if (/^npm_config_(workspaces?|include_workspace_root|prefix|local_prefix|global|dry_run|omit|only)$/i.test(key)) {
      delete env[key];
    }
  }
  return env;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, env: npmEnv(), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr}\n${result.stdout}`);
  }
  return result.stdout;
}

/** Packs `packages` into `dir` (emptied of tarballs first); returns npm's report of each. */
function packInto(dir, packages) {
  fs.mkdirSync(dir, { recursive: true });
  for (const file of fs.readdirSync(dir)) if (file.endsWith('.tgz')) fs.rmSync(path.join(dir, file));
  if (packages.length === 0) return [];
  const args = ['pack', '--json', '--ignore-scripts', '--pack-destination', dir];
  const report = JSON.parse(run(NPM, [...args, ...packages.map(({ folder }) => `--workspace=${folder}`)]));
  return report.map(({ name, version, filename, size, unpackedSize }) => ({
    name,
    version,
    file: path.join(dir, path.basename(filename)),
    size,
    unpackedSize,
  }));
}

function main(argv) {
  const option = (flag) => argv.includes(flag);
  const outIndex = argv.indexOf('--out');
  const out = path.resolve(outIndex >= 0 ? argv[outIndex + 1] : path.join(ROOT, 'out', 'pack'));
  if (!option('--no-build')) {
    // From clean: dist/ may hold compiled copies of deleted sources, which would be published.
    run(process.execPath, [path.join(__dirname, 'clean.js')]);
    run(process.execPath, [require.resolve('typescript/bin/tsc', { paths: [ROOT] }), '-b']);
  }
  const packages = publicWorkspaces();
  for (const { folder, name, main: entry } of packages) {
    if (!fs.existsSync(path.join(ROOT, folder, entry))) {
      throw new Error(`${name}: ${folder}/${entry} is missing. Build first (npx tsc -b), or drop --no-build.`);
    }
  }
  const packed = [
    ...packInto(
      out,
      packages.filter(({ name }) => !name.startsWith(OPTIONAL_PREFIX)),
    ),
    ...packInto(
      path.join(out, 'datasets'),
      packages.filter(({ name }) => name.startsWith(OPTIONAL_PREFIX)),
    ),
  ];
  if (option('--json')) {
    process.stdout.write(`${JSON.stringify(packed, null, 2)}\n`);
    return;
  }
  const rel = (file) => path.relative(process.cwd(), file) || '.';
  const human = (bytes) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`);
  for (const { file, size } of packed) console.log(`${human(size).padStart(9)}  ${rel(file)}`);
  console.log(`\nIn an app: npm install ${rel(out)}/*.tgz`);
  console.log(`Add MNIST: npm install ${rel(path.join(out, 'datasets'))}/tsnets-dataset-mnist-*.tgz`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`pack: ${error.message}\n`);
  process.exitCode = 1;
}
