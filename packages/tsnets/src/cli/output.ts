import type { MonitorValues } from '@tsnets/core';

/** Where the command line writes: data on stdout, status on stdout or (with `--json`) stderr. */
export interface Output {
  /** Data: JSON records, predictions, listings. */
  data(line: string): void;
  /** Status: progress lines, "stopped", "saved". */
  status(line: string): void;
}

/** The process streams; with `json`, status goes to stderr so stdout holds only JSON lines. */
export function processOutput(json: boolean): Output {
  return {
    data: (line) => process.stdout.write(`${line}\n`),
    status: (line) => (json ? process.stderr : process.stdout).write(`${line}\n`),
  };
}

/** A loss or other monitor value for display. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '-';
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 1e-3 || value === 0 ? value.toFixed(4) : value.toExponential(3);
}

/** Writes measures as `name value` pairs on one line. */
export function report(write: (line: string) => void, what: string, measures: Record<string, number>): void {
  const parts = Object.entries(measures).map(([name, value]) => `${name} ${formatNumber(value)}`);
  write(`${what}: ${parts.join('  ')}`);
}

/** The loss's terms as `  = err 0.4100 + hidden_l1 0.0200`, or nothing when the loss is the error alone. */
export function formatTerms(values: MonitorValues): string {
  const terms = Object.entries(values.terms ?? {});
  if (terms.length < 2) return '';
  return `  = ${terms.map(([key, value]) => `${key} ${formatNumber(value)}`).join(' + ')}`;
}
