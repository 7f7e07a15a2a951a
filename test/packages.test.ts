/**
 * What `npm publish` needs of every public package (packages/* but the
 * private ones, plugins/*), checked in the manifests, so a package added
 * later cannot ship without them. `npm publish --dry-run --workspace <dir>`
 * checks the same by hand; the packed end-to-end test installs the result.
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../..');

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  description?: string;
  license?: string;
  keywords?: string[];
  repository?: { type?: string; url?: string; directory?: string };
  engines?: { node?: string };
  main?: string;
  types?: string;
  exports?: Record<string, unknown>;
  files?: string[];
  publishConfig?: { access?: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const read = (file: string): Manifest => JSON.parse(fs.readFileSync(path.join(REPO, file), 'utf8')) as Manifest;

/** Every workspace folder under packages/ and plugins/, with its manifest. */
function workspaces(): Array<{ folder: string; pkg: Manifest }> {
  const root = read('package.json') as Manifest & { workspaces: string[] };
  return root.workspaces
    .flatMap((entry) =>
      entry.endsWith('/*')
        ? fs.readdirSync(path.join(REPO, entry.slice(0, -2))).map((name) => `${entry.slice(0, -1)}${name}`)
        : [entry],
    )
    .filter((folder) => /^(packages|plugins)\//.test(folder))
    .filter((folder) => fs.existsSync(path.join(REPO, folder, 'package.json')))
    .map((folder) => ({ folder, pkg: read(`${folder}/package.json`) }));
}

describe('package manifests', () => {
  const all = workspaces();
  const published = all.filter(({ pkg }) => !pkg.private);
  const versions = new Map(all.map(({ pkg }) => [pkg.name, pkg.version]));

  it('lists every public package, the two dataset packages among them, and keeps testing private', () => {
    expect(published.map(({ pkg }) => pkg.name)).to.include.members([
      'tsnets',
      '@tsnets/core',
      '@tsnets/datasets',
      '@tsnets/backend-native',
      '@tsnets/dataset-mnist',
      '@tsnets/dataset-fashion-mnist',
      '@tsnets/plugin-weight-inverse',
    ]);
    expect(all.find(({ pkg }) => pkg.name === '@tsnets/testing')?.pkg.private).to.equal(true);
  });

  for (const { folder, pkg } of published) {
    it(`${pkg.name} (${folder}) has what npm publish and its users need`, () => {
      expect(pkg.description, 'description').to.be.a('string').that.is.not.empty;
      expect(pkg.license, 'license').to.be.a('string').that.is.not.empty;
      expect(pkg.keywords, 'keywords').to.be.an('array').that.includes('tsnets');
      expect(pkg.repository?.url, 'repository.url').to.match(/^git\+https:\/\//);
      expect(pkg.repository?.directory, 'repository.directory').to.equal(folder);
      expect(pkg.engines?.node, 'engines.node').to.equal(read('package.json').engines?.node);
      // main and types stay for older tools; the exports map says the same, and exports package.json for loadPlugins().
      expect(pkg.main, 'main').to.be.a('string');
      expect(pkg.types, 'types').to.be.a('string');
      // A package with a side-effect-free entry (src/base.ts) exports it too, also under the path its README gives.
      const base = { types: './dist/src/base.d.ts', default: './dist/src/base.js' };
      const hasBase = fs.existsSync(path.join(REPO, folder, 'src/base.ts'));
      expect(pkg.exports, 'exports').to.deep.equal({
        '.': { types: `./${pkg.types}`, default: `./${pkg.main}` },
        ...(hasBase ? { './base': base, './dist/src/base': base } : {}),
        './package.json': './package.json',
      });
      const shipped = (file: string) =>
        (pkg.files ?? []).some((entry) => file === entry || file.startsWith(`${entry.replace(/\/$/, '')}/`));
      expect(shipped(pkg.main as string), `files ships ${pkg.main}`).to.equal(true);
      expect(shipped(pkg.types as string), `files ships ${pkg.types}`).to.equal(true);
      expect(pkg.files, 'files').to.include('README.md');
      expect(fs.existsSync(path.join(REPO, folder, 'README.md')), 'README.md exists').to.equal(true);
      // A scoped package is published restricted (and fails for a free account) unless access is public.
      if (pkg.name.startsWith('@')) expect(pkg.publishConfig?.access, 'publishConfig.access').to.equal('public');
      // Sibling packages by their exact version, so the tarballs of one `npm run pack` satisfy each other.
      for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies'] as const) {
        for (const [name, range] of Object.entries(pkg[field] ?? {})) {
          if (versions.has(name)) expect(range, `${field} ${name}`).to.equal(versions.get(name));
        }
      }
    });
  }

  it('every deep import the READMEs and docs give resolves through the exports maps', () => {
    const pages = [
      'README.md',
      ...fs.readdirSync(path.join(REPO, 'docs')).map((file) => `docs/${file}`),
      ...all.map(({ folder }) => `${folder}/README.md`),
    ].filter((file) => file.endsWith('.md') && fs.existsSync(path.join(REPO, file)));
    const specifiers = new Set<string>();
    for (const page of pages) {
      const text = fs.readFileSync(path.join(REPO, page), 'utf8');
      for (const match of text.matchAll(/[`'"](@tsnets\/[a-z-]+\/[\w./-]+)[`'"]/g)) specifiers.add(match[1]);
    }
    expect([...specifiers]).to.include('@tsnets/losses/dist/src/base');
    for (const specifier of specifiers) {
      expect(() => require.resolve(specifier, { paths: [REPO] }), specifier).not.to.throw();
    }
  });

  it('tsnets does not depend on the large dataset packages; @tsnets/datasets names them as optional peers', () => {
    const tsnets = read('packages/tsnets/package.json');
    const datasets = read('packages/datasets/package.json') as Manifest & {
      peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    };
    for (const name of ['@tsnets/dataset-mnist', '@tsnets/dataset-fashion-mnist']) {
      for (const manifest of [tsnets, datasets]) {
        expect(manifest.dependencies ?? {}, `${manifest.name} dependencies`).not.to.have.property(name);
        expect(manifest.optionalDependencies ?? {}, `${manifest.name} optionalDependencies`).not.to.have.property(name);
      }
      expect(datasets.peerDependenciesMeta?.[name]?.optional, `${name} optional`).to.equal(true);
    }
    expect(datasets.files).not.to.include('data/mnist').and.not.to.include('data/fashion-mnist');
    expect(fs.existsSync(path.join(REPO, 'packages/datasets/data/mnist'))).to.equal(false);
  });
});
