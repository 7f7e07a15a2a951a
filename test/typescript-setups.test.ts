import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeApp } from './docs/app';
import { DOCS, ROOT, parsePage } from './docs/pages';

/**
 * Compiles and runs the program of docs/typescript.md under each set-up the
 * page documents, with the tsconfig.json blocks taken from the page itself:
 * [0] standard decorators, [1] experimentalDecorators, [2] the ES-module
 * one. Each set-up is a temporary app that links this repository's packages.
 */
const page = parsePage(path.join(DOCS, 'typescript.md'));
const program = page.ts[0].code;
const tsconfigs = page.json.map((block) => block.code);

interface Setup {
  name: string;
  type: 'commonjs' | 'module';
  tsconfig: string;
  run: 'tsc' | 'tsx';
}

const SETUPS: Setup[] = [
  { name: 'CommonJS, standard decorators', type: 'commonjs', tsconfig: tsconfigs[0], run: 'tsc' },
  { name: 'CommonJS, experimentalDecorators', type: 'commonjs', tsconfig: tsconfigs[1], run: 'tsc' },
  { name: 'ES modules, standard decorators', type: 'module', tsconfig: tsconfigs[2], run: 'tsc' },
  { name: 'ES modules, experimentalDecorators', type: 'module', tsconfig: tsconfigs[1], run: 'tsc' },
  { name: 'tsx, standard decorators', type: 'commonjs', tsconfig: tsconfigs[0], run: 'tsx' },
  { name: 'tsx, experimentalDecorators', type: 'module', tsconfig: tsconfigs[1], run: 'tsx' },
];

const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** A temporary app as in the docs test, plus the Node types an app compiling TypeScript installs. */
function makeTypedApp(): string {
  const app = makeApp();
  const types = path.join(app, 'node_modules', '@types', 'node');
  fs.mkdirSync(path.dirname(types), { recursive: true });
  fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules', '@types', 'node')), types, 'dir');
  return app;
}

/** The penalty the program prints: the weighted mean squared weight, > 0 for any initialized network. */
function penaltyOf(output: string): number {
  const match = /penalty (\S+)/.exec(output);
  if (!match) throw new Error(`the program printed no penalty:\n${output}`);
  return Number(match[1]);
}

describe('docs/typescript.md: the documented set-ups compile and run', () => {
  it('has the program and three tsconfig blocks', () => {
    expect(program).to.include("@regularizer('all_weights_l2')");
    expect(tsconfigs).to.have.length(3);
    expect(JSON.parse(tsconfigs[1]).compilerOptions.experimentalDecorators).to.equal(true);
    expect(JSON.parse(tsconfigs[0]).compilerOptions.experimentalDecorators).to.equal(undefined);
  });

  for (const setup of SETUPS) {
    it(setup.name, function () {
      this.timeout(300_000);
      const app = makeTypedApp();
      try {
        const manifest = JSON.parse(fs.readFileSync(path.join(app, 'package.json'), 'utf8'));
        fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ ...manifest, type: setup.type }, null, 2));
        fs.writeFileSync(path.join(app, 'tsconfig.json'), setup.tsconfig);
        fs.mkdirSync(path.join(app, 'src'));
        fs.writeFileSync(path.join(app, 'src', 'main.ts'), program);
        const options = { cwd: app, encoding: 'utf8' as const, stdio: 'pipe' as const };
        let output: string;
        if (setup.run === 'tsc') {
          execFileSync(process.execPath, [TSC, '-p', '.'], options);
          output = execFileSync(process.execPath, ['dist/main.js'], options);
        } else {
          output = execFileSync(process.execPath, [TSX, 'src/main.ts'], options);
        }
        expect(penaltyOf(output)).to.be.above(0);
      } catch (error) {
        const failed = error as { stdout?: string; stderr?: string; message: string };
        throw new Error(`${setup.name}: ${failed.message}\n${failed.stdout ?? ''}\n${failed.stderr ?? ''}`);
      } finally {
        fs.rmSync(app, { recursive: true, force: true });
      }
    });
  }

  it('a misspelt option and a wrong value type are compile errors naming the option', function () {
    this.timeout(300_000);
    const app = makeTypedApp();
    try {
      fs.writeFileSync(path.join(app, 'tsconfig.json'), tsconfigs[0]);
      fs.mkdirSync(path.join(app, 'src'));
      const source = [
        "import { Regressor } from 'tsnets';",
        'const net = new Regressor([2, 1]);',
        'export const a = net.train([[[1, 2]], [[3]]], { learnin_rate: 0.1 });',
        "export const b = net.train([[[1, 2]], [[3]]], { learning_rate: '0.1' });",
        'export const c = net.train([[[1, 2]], [[3]]], { hidden_l1: 0.1, learningRate: 0.1, max_updates: 1 });',
        'export const d = net.train([[[1, 2]], [[3]]], { weightinverse: 0.1 });',
      ].join('\n');
      fs.writeFileSync(path.join(app, 'src', 'main.ts'), source);
      let output = '';
      try {
        execFileSync(process.execPath, [TSC, '-p', '.', '--noEmit'], { cwd: app, encoding: 'utf8', stdio: 'pipe' });
      } catch (error) {
        output = (error as { stdout: string }).stdout;
      }
      const lines = output.split('\n').filter((line) => line.includes('error TS'));
      expect(lines.some((line) => line.includes('(3,') && line.includes("'learning_rate'"))).to.equal(true, output);
      expect(lines.some((line) => line.includes('(4,') && line.includes('string'))).to.equal(true, output);
      expect(lines.some((line) => line.includes('(5,'))).to.equal(false, output);
      // A plugin's keyword type-checks only once its types are imported.
      expect(lines.some((line) => line.includes('(6,') && line.includes('weightinverse'))).to.equal(true, output);
      expect(lines).to.have.length(3);
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  });
});
