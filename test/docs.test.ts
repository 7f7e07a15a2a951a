/**
 * Runs every TypeScript snippet of docs/*.md, the README and the READMEs of
 * the packages and plugins.
 *
 * The convention, kept small on purpose:
 *
 * - Every ```ts block is a snippet, and every snippet runs. Other fences
 *   (sh, json, text) do not run; ```json blocks must parse.
 * - A page may hold HTML comments `<!-- preamble ... -->` (invisible when the
 *   page is rendered). The code of a preamble is put in front of every ```ts
 *   block after it, up to the next preamble; an empty `<!-- preamble -->`
 *   ends it. A preamble sets up what the prose says a block continues from
 *   (data, a trained `net`). Its imports of a name the block imports too are
 *   dropped, so a block may show its own imports.
 * - Each block, with its preamble, is one module of its own: it may import,
 *   declare anything and use top-level `await`; blocks share nothing.
 * - Every block is type-checked (strict, experimentalDecorators) against the
 *   built tsnets types, then transpiled with `ts.transpileModule` to CommonJS
 *   and run in a fresh Node process. Its working directory is inside a
 *   temporary app folder whose package.json depends on `tsnets` and the
 *   three plugins, with node_modules links to this repository's packages
 *   (found with `require.resolve` from the repo root). So `from 'tsnets'`,
 *   `loadPlugins()` and relative file paths behave as in a user's app.
 * - A statement followed by `// => VALUE` states its value, and the run
 *   checks it (`data.shape; // => [1797, 64]`, `acc; // => 0.97 ± 0.03`);
 *   see test/docs/values.ts. A plain comment is prose and is not checked.
 * - A failing block fails its page's test naming `docs/PAGE.md:LINE`.
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeApp, pool } from './docs/app';
import { DOCS, findPages } from './docs/pages';
import { runShellBlocks } from './docs/shell';
import { runTsBlock, typeCheck } from './docs/typescript';

describe('docs', () => {
  const { docs, pages } = findPages();
  let app = '';

  before(() => {
    app = makeApp();
  });

  after(() => {
    if (app) fs.rmSync(app, { recursive: true, force: true });
  });

  it('has pages, and the index links every one', () => {
    expect(docs.length).to.be.greaterThan(1);
    const index = fs.readFileSync(path.join(DOCS, 'README.md'), 'utf8');
    for (const file of docs.map((page) => path.basename(page))) {
      if (file !== 'README.md') expect(index, `docs/README.md links ${file}`).to.include(`(${file})`);
    }
  });

  it('every json block parses', () => {
    const failures = pages.flatMap((page) =>
      page.json.flatMap(({ line, code }) => {
        try {
          JSON.parse(code.trim().startsWith('"') ? `{${code}}` : code);
          return [];
        } catch (error) {
          return [`${page.name}:${line}: ${(error as Error).message}`];
        }
      }),
    );
    expect(failures, failures.join('\n')).to.deep.equal([]);
  });

  it('every ts snippet type-checks', () => {
    const failures = typeCheck(
      app,
      pages.flatMap((page) => page.ts),
    );
    expect(failures, failures.join('\n')).to.deep.equal([]);
  });

  it('a skipped command-line block says why', () => {
    const unexplained = pages.flatMap((page) => page.shell.filter((block) => block.skip === ''));
    expect(unexplained.map((block) => `${block.page}:${block.line}`)).to.deep.equal([]);
  });

  for (const page of pages) {
    if (page.ts.length > 0) {
      it(`every ts snippet of ${page.name} runs (${page.ts.length})`, async () => {
        const failures = (
          await pool(page.ts, Math.max(1, Math.min(2, os.cpus().length)), (block) => runTsBlock(app, block))
        ).filter((failure): failure is string => failure !== undefined);
        expect(failures, failures.join('\n\n')).to.deep.equal([]);
      });
    }
    const commands = page.shell.filter((block) => !block.skip).length;
    if (commands > 0) {
      it(`every tsnets command of ${page.name} runs (${commands})`, async () => {
        const failures = await runShellBlocks(app, page);
        expect(failures, failures.join('\n\n')).to.deep.equal([]);
      });
    }
  }
});
