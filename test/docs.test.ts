/**
 * Runs every TypeScript snippet of docs/*.md, the README and the READMEs of
 * the tsnets package and the plugins.
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
 * - A failing block fails its page's test naming `docs/PAGE.md:LINE`.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');
const DOCS = path.join(ROOT, 'docs');
/** Packages linked into the temporary app's node_modules. */
const LINKED = [
  'tsnets',
  '@tsnets/core',
  '@tsnets/plugin-weight-inverse',
  '@tsnets/plugin-kl-sparsity',
  '@tsnets/plugin-orthogonal',
  'tsyringe',
  'reflect-metadata',
];
/** What the app's package.json depends on (so `loadPlugins()` finds the plugins). */
const DEPENDENCIES = LINKED.filter((name) => name !== '@tsnets/core' && name !== 'reflect-metadata');
const BLOCK_TIMEOUT_MS = 120_000;
/** Printed by a block that ran to its end. */
const DONE = '--- docs block done ---';

interface Block {
  page: string;
  /** 1-based line of the block's first code line in its page. */
  line: number;
  code: string;
  preamble: string;
}

interface Page {
  name: string;
  blocks: Block[];
  json: Array<{ line: number; code: string }>;
}

/** The ```ts and ```json blocks of a page, each ts block with the preamble in force. */
function parsePage(file: string): Page {
  const name = path.relative(ROOT, file);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const page: Page = { name, blocks: [], json: [] };
  let preamble = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^<!--\s*preamble\b/.test(line)) {
      const body: string[] = [line.replace(/^<!--\s*preamble\b/, '')];
      while (!body[body.length - 1].includes('-->')) body.push(lines[++i]);
      body[body.length - 1] = body[body.length - 1].replace(/-->.*$/, '');
      preamble = body.join('\n').trim();
      continue;
    }
    const fence = /^```(\w*)/.exec(line);
    if (!fence) continue;
    const start = i + 1;
    const code: string[] = [];
    while (++i < lines.length && !/^```\s*$/.test(lines[i])) code.push(lines[i]);
    if (fence[1] === 'ts') page.blocks.push({ page: name, line: start + 1, code: code.join('\n'), preamble });
    if (fence[1] === 'json') page.json.push({ line: start + 1, code: code.join('\n') });
  }
  return page;
}

/** The local names a module imports. */
function importedNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !statement.importClause) continue;
    const clause = statement.importClause;
    if (clause.name) names.add(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) names.add(element.name.text);
  }
  return names;
}

/** The preamble without its imports of names the block imports itself. */
function trimPreamble(preamble: string, code: string): string {
  const taken = importedNames(ts.createSourceFile('block.ts', code, ts.ScriptTarget.ES2022));
  const source = ts.createSourceFile('preamble.ts', preamble, ts.ScriptTarget.ES2022);
  return source.statements
    .map((statement) => {
      const text = statement.getText(source);
      if (!ts.isImportDeclaration(statement) || !statement.importClause) return text;
      const clause = statement.importClause;
      const bindings = clause.namedBindings;
      if (!bindings || !ts.isNamedImports(bindings) || clause.name) return text;
      const kept = bindings.elements.filter((element) => !taken.has(element.name.text));
      if (kept.length === 0) return '';
      const from = statement.moduleSpecifier.getText(source);
      return `import { ${kept.map((element) => element.getText(source)).join(', ')} } from ${from};`;
    })
    .join('\n');
}

/** A module's import declarations and its other statements, as source text. */
function splitImports(code: string): { imports: string; body: string } {
  const source = ts.createSourceFile('block.ts', code, ts.ScriptTarget.ES2022);
  const imports = source.statements.filter((statement) => ts.isImportDeclaration(statement));
  const body = source.statements.filter((statement) => !ts.isImportDeclaration(statement));
  return {
    imports: imports.map((statement) => statement.getText(source)).join('\n'),
    body: body.map((statement) => statement.getFullText(source)).join(''),
  };
}

/**
 * The module a block is checked as, and how many lines precede the block's
 * own code. `export {}` makes every block a module, so its names stay its own.
 */
function moduleSource(block: Block): { text: string; offset: number } {
  const preamble = block.preamble ? trimPreamble(block.preamble, block.code) : '';
  const head = preamble ? `${preamble}\n` : '';
  return { text: `${head}${block.code}\nexport {};\n`, offset: head.split('\n').length - 1 };
}

/**
 * The module a block runs as: imports first, as ES modules hoist them (the
 * CommonJS output requires each where it stands), then the preamble's code,
 * then the block's.
 */
function runnableSource(block: Block): string {
  const preamble = splitImports(block.preamble ? trimPreamble(block.preamble, block.code) : '');
  const own = splitImports(block.code);
  return [preamble.imports, own.imports, preamble.body, own.body, 'export {};'].join('\n');
}

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

/** A temporary app folder whose node_modules link to this repository's packages. */
function makeApp(): string {
  const app = fs.mkdtempSync(path.join(os.tmpdir(), 'tsnets-docs-'));
  const dependencies = Object.fromEntries(DEPENDENCIES.map((name) => [name, '*']));
  fs.writeFileSync(
    path.join(app, 'package.json'),
    JSON.stringify({ name: 'docs-app', private: true, dependencies }, null, 2),
  );
  for (const name of LINKED) {
    const target = packageDir(name);
    const link = path.join(app, 'node_modules', name);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(fs.realpathSync(target), link, 'dir');
  }
  return app;
}

function slug(block: Block): string {
  return `${block.page.replace(/\.md$/, '').replace(/[\\/]/g, '-')}-${block.line}`;
}

/** Type-checks every block in one program; messages as `docs/PAGE.md:LINE: text`. */
function typeCheck(app: string, blocks: readonly Block[]): string[] {
  const files = new Map<string, { block: Block; offset: number }>();
  for (const block of blocks) {
    const { text, offset } = moduleSource(block);
    const file = path.join(app, 'check', `${slug(block)}.ts`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    files.set(path.resolve(file), { block, offset });
  }
  const program = ts.createProgram([...files.keys()], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ES2022,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts'],
    types: ['node'],
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
    esModuleInterop: true,
    experimentalDecorators: true,
    skipLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const entry = diagnostic.file && files.get(path.resolve(diagnostic.file.fileName));
    if (!diagnostic.file || !entry || diagnostic.start === undefined) return text;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const where =
      line < entry.offset ? `preamble before line ${entry.block.line}` : String(entry.block.line + line - entry.offset);
    return `${entry.block.page}:${where}: ${text}`;
  });
}

/** Transpiles a block to CommonJS and runs it in a fresh Node process; undefined when it passes. */
function runBlock(app: string, block: Block): Promise<string | undefined> {
  const { outputText } = ts.transpileModule(runnableSource(block), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      experimentalDecorators: true,
    },
  });
  // Top-level await is left as it is by the transpiler: run the module body in an async function.
  const script = [
    '(async () => {',
    outputText,
    `})().then(() => process.stdout.write(${JSON.stringify(`${DONE}\n`)}), (error) => {`,
    '  process.exitCode = 1;',
    '  console.error(error && error.stack ? error.stack : error);',
    '});',
  ].join('\n');
  const dir = path.join(app, 'run', slug(block));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'block.js'), script);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['block.js'],
      { cwd: dir, timeout: BLOCK_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // The marker tells a finished block from one whose promise never settled (Node then exits quietly).
        if (!error && stdout.includes(DONE)) return resolve(undefined);
        const reason = error ? stderr || error.message : 'it never finished (a promise that never settles?)';
        const detail = reason.trim().split('\n').slice(0, 12).join('\n');
        resolve(`${block.page}:${block.line}: the block failed:\n${detail}`);
      },
    );
  });
}

/** Runs tasks with at most `limit` at a time, keeping their order in the result. */
async function pool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
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

describe('docs', () => {
  const docs = fs
    .readdirSync(DOCS)
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => path.join(DOCS, file));
  const readmes = [
    'README.md',
    'packages/tsnets/README.md',
    ...fs
      .readdirSync(path.join(ROOT, 'plugins'))
      .sort()
      .map((name) => `plugins/${name}/README.md`),
  ].map((file) => path.join(ROOT, file));
  const pages = [...docs, ...readmes].filter((file) => fs.existsSync(file)).map(parsePage);
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
      pages.flatMap((page) => page.blocks),
    );
    expect(failures, failures.join('\n')).to.deep.equal([]);
  });

  for (const page of pages) {
    if (page.blocks.length === 0) continue;
    it(`every ts snippet of ${page.name} runs (${page.blocks.length})`, async () => {
      const failures = (
        await pool(page.blocks, Math.max(1, Math.min(2, os.cpus().length)), (block) => runBlock(app, block))
      ).filter((failure): failure is string => failure !== undefined);
      expect(failures, failures.join('\n\n')).to.deep.equal([]);
    });
  }
});
