import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A file the page loads, served from this package or its dependencies (no network at run time). */
export interface Asset {
  /** The path the page asks for. */
  path: string;
  /** Its content type. */
  type: string;
  /** The file on disk. */
  file: string;
}

const own = (name: string): string => join(__dirname, '..', '..', 'assets', name);
const uplot = (name: string): string => join(dirname(require.resolve('uplot/package.json')), 'dist', name);

/** The page's scripts and styles: uPlot's build from node_modules, and the page's own. */
export const ASSETS: readonly Asset[] = [
  { path: '/assets/uPlot.iife.min.js', type: 'text/javascript; charset=utf-8', file: uplot('uPlot.iife.min.js') },
  { path: '/assets/uPlot.min.css', type: 'text/css; charset=utf-8', file: uplot('uPlot.min.css') },
  { path: '/assets/dashboard.js', type: 'text/javascript; charset=utf-8', file: own('dashboard.js') },
  { path: '/assets/dashboard.css', type: 'text/css; charset=utf-8', file: own('dashboard.css') },
];

const cache = new Map<string, string>();

/** An asset's text, read once. */
export function assetText(asset: Asset): string {
  let text = cache.get(asset.file);
  if (text === undefined) {
    text = readFileSync(asset.file, 'utf8');
    cache.set(asset.file, text);
  }
  return text;
}
