/**
 * Values stated in snippets, checked when the snippet runs.
 *
 * A statement followed on its line by a comment `// => VALUE` states its
 * value; the runner checks it:
 *
 *     data.shape; // => [1797, 64]
 *     const acc = net.score(x, labels); // => 0.97 ± 0.03
 *     ds.featureNames?.[0]; // => 'alcohol' // more prose may follow a second //
 *
 * - VALUE is a JavaScript expression, evaluated where the statement stands
 *   (so it may use the snippet's names). `EXPECTED ± TOLERANCE` compares
 *   numbers within the tolerance; anything else must be deeply equal, after
 *   tensors (`arraySync()`) and typed arrays become plain arrays.
 * - The statement is an expression statement (its value is checked) or a
 *   `const`/`let` of one name (the name's value is checked), on one line or
 *   ending on the comment's line, also inside a block (`if (...) x; // => 1`).
 * - A mismatch fails the snippet naming `PAGE:LINE`, the statement, what it
 *   stated and what came out. A `// =>` comment on a line without such a
 *   statement is an error too, so a stated value cannot go unchecked.
 *
 * Plain comments (`// [1797, 64]`) are prose and are not checked.
 */
import * as ts from 'typescript';
import type { TsBlock } from './pages';

/** The function a rewritten statement calls; defined at the top of every runnable block. */
export const CHECK_FUNCTION = `
function __docValue(value) {
  if (value && typeof value.arraySync === 'function') return value.arraySync();
  if (ArrayBuffer.isView(value)) return Array.from(value);
  if (Array.isArray(value)) return value.map(__docValue);
  return value;
}
function __docCheck(where, statement, actual, expected, tolerance, stated) {
  const got = __docValue(actual);
  const assert = require('node:assert');
  const shown = (v) => { try { return JSON.stringify(v); } catch { return String(v); } };
  if (tolerance !== undefined) {
    if (typeof got !== 'number' || !(Math.abs(got - expected) <= tolerance))
      throw new Error(where + ': ' + statement + ' is stated as ' + stated + ' but is ' + shown(got));
    return;
  }
  try {
    assert.deepStrictEqual(got, __docValue(expected));
  } catch {
    throw new Error(where + ': ' + statement + ' is stated as ' + stated + ' but is ' + shown(got));
  }
}
`;

/** `VALUE` of a `// => VALUE` comment (up to a second `//`), or undefined. */
function statedValue(line: string): string | undefined {
  const match = /\/\/ => (.*)$/.exec(line);
  if (!match) return undefined;
  const text = match[1].split(' // ')[0].trim();
  return text === '' ? undefined : text;
}

/**
 * The block's code with every stated value turned into a check, or the
 * lines whose `// =>` has no statement to check.
 */
export function withValueChecks(block: TsBlock): { code: string; unchecked: string[] } {
  const lines = block.code.split('\n');
  const stated = new Map<number, string>();
  lines.forEach((line, i) => {
    const value = statedValue(line);
    if (value !== undefined) stated.set(i, value);
  });
  if (stated.size === 0) return { code: block.code, unchecked: [] };
  const source = ts.createSourceFile('block.ts', block.code, ts.ScriptTarget.ES2022, true);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const found = new Set<number>();
  const visit = (node: ts.Node) => {
    ts.forEachChild(node, visit);
    if (!ts.isExpressionStatement(node) && !ts.isVariableStatement(node)) return;
    const line = source.getLineAndCharacterOfPosition(node.getEnd()).line;
    const value = stated.get(line);
    if (value === undefined || found.has(line)) return;
    const where = `${block.page}:${block.line + line}`;
    const range = /^(.*?)\s*±\s*(.*)$/.exec(value);
    const [expected, tolerance] = range ? [range[1], range[2]] : [value, 'undefined'];
    const statementText = node.getText(source).replace(/;$/, '');
    const check = (actual: string) =>
      `__docCheck(${JSON.stringify(where)}, ${JSON.stringify(statementText)}, ${actual}, (${expected}), ${tolerance}, ${JSON.stringify(value)});`;
    if (ts.isExpressionStatement(node)) {
      edits.push({
        start: node.getStart(source),
        end: node.getEnd(),
        text: check(`(${node.expression.getText(source)})`),
      });
      found.add(line);
    } else {
      const declarations = node.declarationList.declarations;
      if (declarations.length !== 1 || !ts.isIdentifier(declarations[0].name)) return;
      edits.push({ start: node.getEnd(), end: node.getEnd(), text: ` ${check(declarations[0].name.text)}` });
      found.add(line);
    }
  };
  visit(source);
  let code = block.code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    code = code.slice(0, edit.start) + edit.text + code.slice(edit.end);
  }
  const unchecked = [...stated.keys()]
    .filter((line) => !found.has(line))
    .map((line) => `${block.page}:${block.line + line}: "// =>" on a line without a statement whose value it states`);
  return { code, unchecked };
}
