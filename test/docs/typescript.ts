import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { ROOT, slug, type TsBlock } from './pages';
import { CHECK_FUNCTION, withValueChecks } from './values';

const BLOCK_TIMEOUT_MS = 120_000;
/** Printed by a block that ran to its end. */
const DONE = '--- docs block done ---';

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
function moduleSource(block: TsBlock): { text: string; offset: number } {
  const preamble = block.preamble ? trimPreamble(block.preamble, block.code) : '';
  const head = preamble ? `${preamble}\n` : '';
  return { text: `${head}${block.code}\nexport {};\n`, offset: head.split('\n').length - 1 };
}

/**
 * The module a block runs as (its code with value checks): imports first, as ES modules hoist them (the
 * CommonJS output requires each where it stands), then the preamble's code,
 * then the block's.
 */
function runnableSource(block: TsBlock, code: string): string {
  const preamble = splitImports(block.preamble ? trimPreamble(block.preamble, block.code) : '');
  const own = splitImports(code);
  return [preamble.imports, own.imports, CHECK_FUNCTION, preamble.body, own.body, 'export {};'].join('\n');
}

/** Type-checks every block in one program; messages as `docs/PAGE.md:LINE: text`. */
export function typeCheck(app: string, blocks: readonly TsBlock[]): string[] {
  const files = new Map<string, { block: TsBlock; offset: number }>();
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
export function runTsBlock(app: string, block: TsBlock): Promise<string | undefined> {
  // Statements with a `// => VALUE` comment check their value as they run (see values.ts).
  const { code, unchecked } = withValueChecks(block);
  if (unchecked.length > 0) return Promise.resolve(unchecked.join('\n'));
  const { outputText } = ts.transpileModule(runnableSource(block, code), {
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
