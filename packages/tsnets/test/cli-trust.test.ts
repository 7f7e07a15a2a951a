import { expect } from 'chai';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Classifier } from '@tsnets/core';
import '../src/index';
import { run, type Run } from './cli-helpers';

/** The compiled core the command line loads, which the fake plugins require to register into its catalog. */
const CORE = require.resolve('@tsnets/core');

/** An entry that writes the marker file `MARK-<name>` in `marks`, then runs `more`. */
function marking(marks: string, name: string, more = ''): string {
  return `require('node:fs').writeFileSync(${JSON.stringify(join(marks, `MARK-${name}`))}, 'ran');\n${more}`;
}

/** Writes `files` (path -> text or JSON) under `root`. */
function write(root: string, files: Record<string, string | object>): void {
  for (const [file, content] of Object.entries(files)) {
    const full = join(root, file);
    fs.mkdirSync(join(full, '..'), { recursive: true });
    fs.writeFileSync(full, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
}

/** A tiny classifier on the bundled digits. */
const TRAIN_DIGITS = ['train', '--model', 'classifier', '--layers', '64,10', '--data', 'digits'];

describe('cli: trust (what code runs, when, from where)', function () {
  this.timeout(120000);
  let root: string;
  let app: string;
  let marks: string;
  let model: string;
  let squashModel: string;

  const ran = () => fs.readdirSync(marks).sort();
  const manifest = (name: string, ids: Record<string, string[]>, entry = './index.js') => ({
    name,
    version: '1.0.0',
    tsnets: { ...ids, entry },
  });

  before(async () => {
    root = fs.mkdtempSync(join(tmpdir(), 'tsnets-trust-'));
    app = join(root, 'hostile');
    marks = join(root, 'marks');
    fs.mkdirSync(marks);
    const squash = `const core = require(${JSON.stringify(CORE)});
const Relu = core.lookup('activation', 'relu').target;
core.register('activation', class TestSquash extends Relu {}, { id: 'testsquash', package: 'squash-plugin' });`;
    write(app, {
      'package.json': {
        name: 'hostile',
        dependencies: {
          './local-evil': 'file:./local-evil',
          'evil-throws': '1.0.0',
          'evil-marker': '1.0.0',
          'evil-escape': '1.0.0',
          'squash-plugin': '1.0.0',
        },
      },
      // A dependency whose key is a path, with no install: a checkout as cloned.
      'local-evil/package.json': manifest('local-evil', { regularizers: ['localevil'] }),
      'local-evil/index.js': marking(marks, 'local-evil'),
      'node_modules/evil-throws/package.json': manifest('evil-throws', { regularizers: ['evilthrows'] }),
      'node_modules/evil-throws/index.js': marking(marks, 'evil-throws', `throw new Error('evil-throws blew up');`),
      'node_modules/evil-marker/package.json': manifest('evil-marker', { regularizers: ['evilmarker'] }),
      'node_modules/evil-marker/index.js': marking(
        marks,
        'evil-marker',
        `const core = require(${JSON.stringify(CORE)});
core.register('regularizer', class EvilMarker extends core.Regularizer {}, { id: 'evilmarker', package: 'evil-marker' });`,
      ),
      'node_modules/evil-escape/package.json': manifest(
        'evil-escape',
        { regularizers: ['evilescape'] },
        '../../outside.js',
      ),
      'outside.js': marking(marks, 'evil-escape'),
      'node_modules/squash-plugin/package.json': manifest('squash-plugin', { activations: ['testsquash'] }),
      'node_modules/squash-plugin/index.js': marking(marks, 'squash-plugin', squash),
    });
    model = join(app, 'plain.tsnets');
    const net = new Classifier([64, [16, 'relu'], 10]);
    await net.save(model);
    net.dispose();
    // The same model with its hidden activation from squash-plugin.
    const document = JSON.parse(fs.readFileSync(model, 'utf8')) as { layers: Array<Record<string, unknown>> };
    document.layers[1].activation = 'testsquash';
    squashModel = join(app, 'squash.tsnets');
    fs.writeFileSync(squashModel, JSON.stringify(document));
  });
  afterEach(() => {
    for (const file of fs.readdirSync(marks)) fs.rmSync(join(marks, file));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const inApp = (args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> =>
    run(args, { cwd: app, env: { ...process.env, ...env } });

  const harmless: Array<[string, () => string[]]> = [
    ['--version', () => ['--version']],
    ['--help', () => ['--help']],
    ['train --help', () => ['train', '--help']],
    ['evaluate', () => ['evaluate', model, '--data', 'digits', '--json']],
    ['predict', () => ['predict', model, '--data', 'digits', '--test-fraction', '0.1']],
    ['export', () => ['export', model, join(root, 'exported')]],
    ['plugins', () => ['plugins']],
  ];
  for (const [what, args] of harmless) {
    it(`${what} in a folder with a hostile package.json runs none of its code`, async () => {
      const result = await inApp(args());
      expect(result.code, result.stderr).to.equal(0);
      expect(ran()).to.deep.equal([]);
    });
  }

  it('train --help lists the keywords installed plugins declare, and plugins lists them as not loaded', async () => {
    const help = await inApp(['train', '--help']);
    expect(help.stdout)
      .to.match(/--evilmarker/)
      .and.match(/--evilthrows/);
    const listed = await inApp(['plugins']);
    expect(listed.stdout).to.match(/^regularizer\s+evilmarker\s+evil-marker \(installed, not loaded\)/m);
    expect(listed.stdout).to.not.match(/localevil|evilescape/);
    expect(ran()).to.deep.equal([]);
  });

  it('train loads the installed plugins; one that fails and is not named is a warning, not a failure', async () => {
    const result = await inApp([...TRAIN_DIGITS, '--max-updates', '1']);
    expect(result.code, result.stderr).to.equal(0);
    expect(ran()).to.deep.equal(['MARK-evil-marker', 'MARK-evil-throws', 'MARK-squash-plugin']);
    expect(result.stderr).to.match(/^tsnets: warning: Plugin "evil-throws" failed to load.*evil-throws blew up/m);
    expect(result.stderr).to.match(/^tsnets: warning: Plugin "evil-escape".*outside the package folder/m);
  });

  it("train that names a failed plugin's keyword fails with its error (exit 2)", async () => {
    const result = await inApp([...TRAIN_DIGITS, '--evilthrows', '0.1']);
    expect(result.code, result.stderr).to.equal(2);
    expect(result.stderr).to.match(/Plugin "evil-throws" failed to load/);
    expect(result.stdout).to.not.match(/epoch/);
  });

  for (const [what, flag, env] of [
    ['--no-plugins', ['--no-plugins'], {}],
    ['TSNETS_NO_PLUGINS=1', [], { TSNETS_NO_PLUGINS: '1' }],
  ] as Array<[string, string[], NodeJS.ProcessEnv]>) {
    it(`${what} turns discovery off: train loads nothing and warns of nothing`, async () => {
      const args = ['train', '--model', 'classifier', '--layers', '64,10', '--data', 'digits', '--max-updates', '1'];
      const result = await inApp([...args, ...flag], env);
      expect(result.code, result.stderr).to.equal(0);
      expect(ran()).to.deep.equal([]);
      expect(result.stderr).to.equal('');
    });
  }

  it("evaluate of a model whose file names a plugin's id loads that plugin, and no other", async () => {
    const result = await inApp(['evaluate', squashModel, '--data', 'digits', '--json']);
    expect(result.code, result.stderr).to.equal(0);
    expect(JSON.parse(result.stdout)).to.have.keys('loss', 'err', 'acc', 'score');
    expect(ran()).to.deep.equal(['MARK-squash-plugin']);
    const without = await inApp(['evaluate', squashModel, '--data', 'digits', '--no-plugins']);
    expect(without.code).to.equal(2);
    expect(without.stderr).to.match(/testsquash/);
  });
});
