import type { RunHistory } from './fit';

/** One line of a panel: `[epoch, value]` points. */
export interface Series {
  label: string;
  points: readonly (readonly [number, number])[];
  color: string;
  /** Dashed (validation) rather than solid (training). */
  dashed?: boolean;
}

/** One plot: its lines on a shared logarithmic y axis, and the epoch whose parameters were kept. */
export interface Panel {
  title: string;
  yLabel: string;
  series: readonly Series[];
  /** Drawn as a vertical green line labelled `best: epoch N`. */
  bestEpoch?: number;
}

const PANEL_W = 460;
const PANEL_H = 320;
// The top margin holds the title and a legend of two columns above the plot, clear of the curves.
const MARGIN = { left: 62, right: 16, top: 64, bottom: 44 };
const LEGEND_COLUMN = 190;
const COLORS = { err: '#1f77b4', penalty: '#ff7f0e', error: '#9467bd', best: '#2ca02c' };

/**
 * The autoencoder's panel: reconstruction error (`err`, the data loss alone)
 * and the regularizers' penalty (`loss - err`), each for training (solid)
 * and validation (dashed), and the best epoch.
 */
export function errorAndPenaltyPanel(run: RunHistory): Panel {
  return {
    title: run.title,
    yLabel: 'mean squared error, penalty (log)',
    series: [
      { label: 'reconstruction error', points: pick(run.train, (m) => m.err), color: COLORS.err },
      { label: 'validation', points: pick(run.valid, (m) => m.err), color: COLORS.err, dashed: true },
      { label: 'penalty (loss - err)', points: pick(run.train, (m) => m.loss - m.err), color: COLORS.penalty },
      { label: 'validation', points: pick(run.valid, (m) => m.loss - m.err), color: COLORS.penalty, dashed: true },
    ],
    bestEpoch: run.result.best.epoch,
  };
}

/** The classifier's panel: cross-entropy for training and validation, the validation error rate, and the best epoch. */
export function classifierPanel(run: RunHistory): Panel {
  return {
    title: run.title,
    yLabel: 'cross-entropy, error rate (log)',
    series: [
      { label: 'cross-entropy', points: pick(run.train, (m) => m.err), color: COLORS.err },
      { label: 'validation', points: pick(run.valid, (m) => m.err), color: COLORS.err, dashed: true },
      {
        label: 'valid error rate',
        points: pick(run.valid, (m) => 1 - (m.acc ?? NaN)),
        color: COLORS.error,
        dashed: true,
      },
    ],
    bestEpoch: run.result.best.epoch,
  };
}

function pick<T extends { epoch: number; values: { loss: number; err: number; acc?: number } }>(
  rows: readonly T[],
  value: (values: T['values']) => number,
): [number, number][] {
  return rows.map((row) => [row.epoch, value(row.values)]);
}

/**
 * A standalone SVG with the panels side by side, each on its own
 * logarithmic y scale (first epochs' losses are often ten times the last
 * ones'), with axis ticks, a legend and the best epoch marked.
 * Hand-written, no dependencies.
 */
export function lossPlotSvg(panels: readonly Panel[]): string {
  const width = PANEL_W * panels.length;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${PANEL_H}" viewBox="0 0 ${width} ${PANEL_H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${PANEL_H}" fill="white"/>`,
    ...panels.map((panel, i) => panelSvg(panel, i * PANEL_W)),
    `</svg>`,
    '',
  ].join('\n');
}

function panelSvg(panel: Panel, offset: number): string {
  const left = offset + MARGIN.left;
  const right = offset + PANEL_W - MARGIN.right;
  const top = MARGIN.top;
  const bottom = PANEL_H - MARGIN.bottom;
  const values = panel.series.flatMap((s) => s.points.map(([, v]) => v)).filter((v) => Number.isFinite(v) && v > 0);
  const yTicks = logTicks(Math.min(...values), Math.max(...values));
  const [yMin, yMax] = [Math.log10(yTicks[0]), Math.log10(yTicks[yTicks.length - 1])];
  const xMax = Math.max(1, ...panel.series.flatMap((s) => s.points.map(([epoch]) => epoch)));
  const xStep = linearStep(xMax);
  const x = (epoch: number) => left + ((right - left) * epoch) / xMax;
  const y = (value: number) =>
    bottom - ((bottom - top) * (Math.log10(Math.max(value, yTicks[0])) - yMin)) / (yMax - yMin);

  const parts: string[] = [`<g>`];
  parts.push(
    `<text x="${(left + right) / 2}" y="18" text-anchor="middle" font-size="13">${escape(panel.title)}</text>`,
  );
  for (const tick of yTicks) {
    const ty = fixed(y(tick));
    parts.push(`<line x1="${left}" y1="${ty}" x2="${right}" y2="${ty}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${left - 6}" y="${ty}" text-anchor="end" dominant-baseline="middle">${label(tick)}</text>`);
  }
  for (let tick = 0; tick <= xMax + xStep / 2; tick += xStep) {
    const tx = fixed(x(tick));
    parts.push(`<line x1="${tx}" y1="${bottom}" x2="${tx}" y2="${bottom + 4}" stroke="black"/>`);
    parts.push(`<text x="${tx}" y="${bottom + 16}" text-anchor="middle">${label(tick)}</text>`);
  }
  parts.push(
    `<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="none" stroke="black"/>`,
  );
  parts.push(`<text x="${(left + right) / 2}" y="${PANEL_H - 8}" text-anchor="middle">epoch</text>`);
  const mid = (top + bottom) / 2;
  parts.push(
    `<text x="${offset + 14}" y="${mid}" text-anchor="middle" transform="rotate(-90 ${offset + 14} ${mid})">${escape(panel.yLabel)}</text>`,
  );
  if (panel.bestEpoch !== undefined) {
    const bx = fixed(x(panel.bestEpoch));
    parts.push(
      `<line class="best" x1="${bx}" y1="${top}" x2="${bx}" y2="${bottom}" stroke="${COLORS.best}" stroke-width="1.5"/>`,
    );
    parts.push(
      `<text x="${fixed(x(panel.bestEpoch) - 4)}" y="${bottom - 6}" text-anchor="end" fill="${COLORS.best}">best: epoch ${panel.bestEpoch}</text>`,
    );
  }
  for (const series of panel.series) {
    const points = series.points.map(([epoch, value]) => `${fixed(x(epoch))},${fixed(y(value))}`).join(' ');
    const dash = series.dashed ? ' stroke-dasharray="5 3"' : '';
    parts.push(
      `<polyline data-label="${escape(series.label)}" fill="none" stroke="${series.color}" stroke-width="1.5"${dash} points="${points}"/>`,
    );
  }
  panel.series.forEach((series, i) => {
    const lx = left + LEGEND_COLUMN * (i % 2);
    const ly = 34 + 15 * Math.floor(i / 2);
    const dash = series.dashed ? ' stroke-dasharray="5 3"' : '';
    parts.push(
      `<line x1="${lx}" y1="${ly}" x2="${lx + 22}" y2="${ly}" stroke="${series.color}" stroke-width="2"${dash}/>`,
    );
    parts.push(`<text x="${lx + 28}" y="${ly}" dominant-baseline="middle">${escape(series.label)}</text>`);
  });
  parts.push(`</g>`);
  return parts.join('\n');
}

/** 1, 2 and 5 times powers of ten, from the largest at or below `min` to the smallest at or above `max`. */
function logTicks(min: number, max: number): number[] {
  if (!(min > 0 && max >= min)) return [0.1, 1];
  const ticks: number[] = [];
  for (let power = Math.floor(Math.log10(min)) - 1; power <= Math.ceil(Math.log10(max)); power++) {
    for (const m of [1, 2, 5]) ticks.push(Number((m * 10 ** power).toPrecision(1)));
  }
  const first = ticks.filter((t) => t <= min).length - 1;
  const last = ticks.findIndex((t) => t >= max);
  return ticks.slice(first, Math.max(last, first + 1) + 1);
}

/** A step of 1, 2 or 5 times a power of ten (at least 1: epochs are whole) giving about five ticks from 0 to `max`. */
function linearStep(max: number): number {
  const raw = Math.max(1, max / 5);
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
}

function label(value: number): string {
  return String(Number(value.toPrecision(6)));
}

function fixed(value: number): string {
  return value.toFixed(1);
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
