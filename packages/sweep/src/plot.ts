import type { TrialResult } from './run-trial';
import { writeAtomic } from './results';

const label = (value: unknown): string => (typeof value === 'object' ? JSON.stringify(value) : String(value));

/**
 * A list axis whose values span two decades or more (`[0, 0.01, 0.1, 1]`)
 * gets a symmetric-log scale, linear near 0 and logarithmic above its
 * smallest positive value, so its small values do not crowd together.
 */
function linearOrSymlog(values: ReadonlyArray<{ value: unknown }>): {
  type?: string;
  zero?: boolean;
  constant?: number;
} {
  const numbers = values.map((v) => v.value as number);
  const positive = numbers.filter((v) => v > 0);
  const smallest = Math.min(...positive);
  if (positive.length < 2 || numbers.some((v) => v < 0) || Math.max(...positive) / smallest < 100)
    return { zero: false };
  return { type: 'symlog', constant: smallest };
}

/** One panel per swept column: each trial's validation loss against the value, and the mean per value as a line. */
function panel(axis: string, results: readonly TrialResult[], log: boolean): Record<string, unknown> {
  const numeric = results.every((r) => typeof r.values[axis] === 'number');
  const values = results
    .filter((r) => Number.isFinite(r.validLoss))
    .map((r) => ({ value: numeric ? r.values[axis] : label(r.values[axis]), loss: r.validLoss }));
  const scale = numeric ? (log ? { type: 'log' } : linearOrSymlog(values)) : undefined;
  const x = numeric
    ? { field: 'value', type: 'quantitative', title: scale?.type === 'symlog' ? `${axis} (symlog scale)` : axis, scale }
    : { field: 'value', type: 'ordinal', title: axis };
  const y = { type: 'quantitative', title: 'best validation loss', scale: { zero: false } };
  return {
    data: { values },
    width: 260,
    height: 200,
    layer: [
      { mark: { type: 'point', opacity: 0.6 }, encoding: { x, y: { ...y, field: 'loss' } } },
      { mark: 'line', encoding: { x, y: { ...y, field: 'loss', aggregate: 'mean' } } },
    ],
  };
}

/**
 * Writes an SVG plot of the best validation loss against each swept value
 * (vega-lite rendered by vega, headless), with log x axes for log-ranged
 * and log-drawn axes. Writes nothing when nothing finished or nothing was swept.
 */
export async function writePlot(
  path: string,
  results: readonly TrialResult[],
  axes: readonly string[],
  logAxes: readonly string[],
): Promise<boolean> {
  if (results.length === 0 || axes.length === 0) return false;
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `validation loss of ${results.length} trials`,
    hconcat: axes.map((axis) => panel(axis, results, logAxes.includes(axis))),
  };
  // The library never prints: vega's and vega-lite's warnings go nowhere.
  const logger = vega.logger(vega.None);
  const compiled = vegaLite.compile(spec as unknown as Parameters<typeof vegaLite.compile>[0], { logger }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger });
  try {
    writeAtomic(path, await view.toSVG());
  } finally {
    view.finalize();
  }
  return true;
}
