/** One training run's losses: `train[i]` and `valid[i]` after epoch `epochs[i]`. */
export interface LossHistory {
  /** The panel title, e.g. `'sparse autoencoder'`. */
  title: string;
  epochs: number[];
  train: number[];
  valid: number[];
}

const PANEL_W = 420;
const PANEL_H = 300;
const MARGIN = { left: 62, right: 16, top: 34, bottom: 44 };
const COLORS = { train: '#1f77b4', valid: '#d62728' };

/**
 * A standalone SVG with one panel per run, side by side: training loss (blue)
 * and validation loss (red) against the epoch, each run on its own
 * logarithmic y scale (the first epochs' losses are often ten times the
 * last ones'), with axis ticks and a legend. Hand-written, no dependencies.
 */
export function lossPlotSvg(runs: readonly LossHistory[]): string {
  const width = PANEL_W * runs.length;
  const panels = runs.map((run, i) => panel(run, i * PANEL_W));
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${PANEL_H}" viewBox="0 0 ${width} ${PANEL_H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${PANEL_H}" fill="white"/>`,
    ...panels,
    `</svg>`,
    '',
  ].join('\n');
}

function panel(run: LossHistory, offset: number): string {
  const left = offset + MARGIN.left;
  const right = offset + PANEL_W - MARGIN.right;
  const top = MARGIN.top;
  const bottom = PANEL_H - MARGIN.bottom;
  const values = [...run.train, ...run.valid].filter((v) => Number.isFinite(v) && v > 0);
  const yTicks = logTicks(Math.min(...values), Math.max(...values));
  const [yMin, yMax] = [Math.log10(yTicks[0]), Math.log10(yTicks[yTicks.length - 1])];
  const xMax = Math.max(1, ...run.epochs);
  const xStep = linearStep(xMax);
  const x = (epoch: number) => left + ((right - left) * epoch) / xMax;
  const y = (loss: number) =>
    bottom - ((bottom - top) * (Math.log10(Math.max(loss, yTicks[0])) - yMin)) / (yMax - yMin);

  const parts: string[] = [`<g>`];
  parts.push(`<text x="${(left + right) / 2}" y="18" text-anchor="middle" font-size="13">${escape(run.title)}</text>`);
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
    `<text x="${offset + 14}" y="${mid}" text-anchor="middle" transform="rotate(-90 ${offset + 14} ${mid})">loss (log scale)</text>`,
  );
  for (const key of ['train', 'valid'] as const) {
    const points = run.epochs.map((epoch, i) => `${fixed(x(epoch))},${fixed(y(run[key][i]))}`).join(' ');
    parts.push(`<polyline class="${key}" fill="none" stroke="${COLORS[key]}" stroke-width="1.5" points="${points}"/>`);
  }
  ['training', 'validation'].forEach((name, i) => {
    const ly = top + 14 + 16 * i;
    const color = i === 0 ? COLORS.train : COLORS.valid;
    parts.push(
      `<line x1="${right - 96}" y1="${ly}" x2="${right - 76}" y2="${ly}" stroke="${color}" stroke-width="2"/>`,
    );
    parts.push(`<text x="${right - 70}" y="${ly}" dominant-baseline="middle">${name}</text>`);
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

/** A step of 1, 2 or 5 times a power of ten giving about five ticks from 0 to `max`. */
function linearStep(max: number): number {
  const raw = max / 5;
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
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
