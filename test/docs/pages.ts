import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root, from the compiled test (out/test/docs). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const DOCS = path.join(ROOT, 'docs');

/** A fenced snippet of a page. */
export interface Block {
  page: string;
  /** 1-based line of the block's first code line in its page. */
  line: number;
  code: string;
}

/** A ```ts block, with the preamble in force where it stands. */
export interface TsBlock extends Block {
  preamble: string;
}

/** A ```sh block of `tsnets` commands; `skip` holds the reason given in a `<!-- not run: ... -->` before it. */
export interface ShellBlock extends Block {
  skip?: string;
}

export interface Page {
  name: string;
  ts: TsBlock[];
  json: Block[];
  shell: ShellBlock[];
}

/** The pages whose snippets are tested: docs/*.md, the README, and the README of every package and plugin the workspace builds. */
export function findPages(): { docs: string[]; pages: Page[] } {
  const docs = fs
    .readdirSync(DOCS)
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => path.join(DOCS, file));
  const workspaces = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).workspaces as string[];
  const built = (folder: string, name: string) =>
    workspaces.includes(`${folder}/${name}`) || workspaces.includes(`${folder}/*`);
  const readmes = [
    'README.md',
    ...['packages', 'plugins'].flatMap((folder) =>
      fs
        .readdirSync(path.join(ROOT, folder))
        .filter((name) => built(folder, name))
        .sort()
        .map((name) => `${folder}/${name}/README.md`),
    ),
  ].map((file) => path.join(ROOT, file));
  return { docs, pages: [...docs, ...readmes].filter((file) => fs.existsSync(file)).map(parsePage) };
}

/** True for a shell snippet whose first command runs `tsnets`. */
function isCommandLine(code: string[]): boolean {
  const first = code.map((line) => line.trim()).find((line) => line !== '' && !line.startsWith('#'));
  return first !== undefined && /^tsnets(\s|$)/.test(first);
}

/**
 * The ```ts, ```json and `tsnets` ```sh blocks of a page. A `<!-- preamble
 * ... -->` comment sets the code put in front of the ts blocks after it; a
 * `<!-- not run: REASON -->` comment skips the shell block that follows.
 */
export function parsePage(file: string): Page {
  const name = path.relative(ROOT, file);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const page: Page = { name, ts: [], json: [], shell: [] };
  let preamble = '';
  let skip: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^<!--\s*preamble\b/.test(line)) {
      const body: string[] = [line.replace(/^<!--\s*preamble\b/, '')];
      while (!body[body.length - 1].includes('-->')) body.push(lines[++i]);
      body[body.length - 1] = body[body.length - 1].replace(/-->.*$/, '');
      preamble = body.join('\n').trim();
      continue;
    }
    const notRun = /^<!--\s*not run:(.*)-->\s*$/.exec(line);
    if (notRun) {
      skip = notRun[1].trim();
      continue;
    }
    const fence = /^```(\w*)/.exec(line);
    if (!fence) {
      if (line.trim() !== '') skip = undefined;
      continue;
    }
    const start = i + 2;
    const code: string[] = [];
    while (++i < lines.length && !/^```\s*$/.test(lines[i])) code.push(lines[i]);
    const block = { page: name, line: start, code: code.join('\n') };
    if (fence[1] === 'ts') page.ts.push({ ...block, preamble });
    if (fence[1] === 'json') page.json.push(block);
    if (fence[1] === 'sh' && isCommandLine(code)) page.shell.push({ ...block, skip });
    skip = undefined;
  }
  return page;
}

/** A file-name-safe id of a block: its page and line. */
export function slug(block: Block): string {
  return `${block.page.replace(/\.md$/, '').replace(/[\\/]/g, '-')}-${block.line}`;
}
