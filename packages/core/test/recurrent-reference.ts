/**
 * The recurrences of theanets' recurrent layers written out step by step in
 * plain JavaScript doubles, from the formulas of theanets'
 * `layers/recurrent.py`: the reference the layer tests compare tfjs with.
 * Nothing here calls tsnets.
 */
export type Matrix = number[][];
export type Sequence = number[][]; // [T][units] of one example

export const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));
export const relu = (v: number): number => Math.max(0, v);

/** `row · m` for a row vector and a matrix of `rows x cols`. */
export function vecMat(row: readonly number[], m: Matrix): number[] {
  return m[0].map((_, j) => row.reduce((sum, v, i) => sum + v * m[i][j], 0));
}
const add = (...vs: number[][]): number[] => vs[0].map((_, i) => vs.reduce((s, v) => s + v[i], 0));
const mul = (a: number[], b: number[]): number[] => a.map((v, i) => v * b[i]);
const mix = (z: number[], h: number[], c: number[]): number[] => z.map((zi, i) => (1 - zi) * h[i] + zi * c[i]);
const part = (v: number[], k: number, n: number): number[] => v.slice(k * n, (k + 1) * n);

/** Parameter values by short name: matrices as rows, vectors as arrays. */
export interface Params {
  [key: string]: Matrix | number[];
}
const M = (p: Params, k: string): Matrix => p[k] as Matrix;
const V = (p: Params, k: string): number[] => p[k] as number[];

/** Runs `step` over the steps of one sequence; `order` lists the time steps in the order they run. */
function run<S>(xs: Sequence, init: S, step: (x: number[], prev: S, t: number) => S, backward = false): S[] {
  const out: S[] = new Array(xs.length);
  let state = init;
  const order = xs.map((_, t) => (backward ? xs.length - 1 - t : t));
  for (const t of order) {
    state = step(xs[t], state, t);
    out[t] = state;
  }
  return out;
}

/** The `out` sequence of a layer form on one example; `g` is the activation of the forms that take one (default relu). */
export function reference(
  form: string,
  p: Params,
  xs: Sequence,
  n: number,
  extra: { periods?: number[]; modules?: number; backward?: boolean } = {},
  g: (v: number) => number = relu,
): Sequence {
  const zeros = new Array(n).fill(0);
  const back = extra.backward;
  switch (form) {
    case 'rnn':
      return run(xs, zeros, (x, h) => add(vecMat(x, M(p, 'xh')), vecMat(h, M(p, 'hh')), V(p, 'b')).map(g), back);
    case 'clockwork':
    case 'bcrnn': {
      const modules = form === 'clockwork' ? (extra.periods as number[]).length : (extra.modules as number);
      const size = n / modules;
      // hh masked: unit row i feeds module m's columns when i >= m * size.
      const hh = M(p, 'hh').map((row, i) => row.map((v, j) => (i >= Math.floor(j / size) * size ? v : 0)));
      const rates = zeros.map(
        (_, j) => 1 - 10 ** (modules === 1 ? -1e-4 : -1e-4 + ((-6 + 1e-4) * Math.floor(j / size)) / (modules - 1)),
      );
      const states = run(
        xs,
        { pre: zeros, h: zeros },
        (x, prev, t) => {
          const candidate = add(vecMat(x, M(p, 'xh')), vecMat(prev.h, hh), V(p, 'b'));
          const pre =
            form === 'clockwork'
              ? candidate.map((v, j) => (t % (extra.periods as number[])[Math.floor(j / size)] === 0 ? v : prev.pre[j]))
              : candidate.map((v, j) => rates[j] * prev.pre[j] + (1 - rates[j]) * v);
          return { pre, h: pre.map(g) };
        },
        back,
      );
      return states.map((s) => s.h);
    }
    case 'rrnn': {
      const vector = p.xr === undefined;
      return run(xs, zeros, (x, h) => {
        const candidate = add(vecMat(x, M(p, 'xh')), vecMat(h, M(p, 'hh')), V(p, 'b')).map(g);
        const z = vector ? V(p, 'r').map(sigmoid) : add(vecMat(x, M(p, 'xr')), V(p, 'r')).map(sigmoid);
        return mix(z, h, candidate);
      });
    }
    case 'gru': {
      const xw = (x: number[]) => add(vecMat(x, M(p, 'w')), V(p, 'b'));
      return run(xs, zeros, (x, h) => {
        const all = xw(x);
        const r = add(part(all, 1, n), vecMat(h, M(p, 'hr'))).map(sigmoid);
        const z = add(part(all, 2, n), vecMat(h, M(p, 'hz'))).map(sigmoid);
        const candidate = add(part(all, 0, n), vecMat(mul(r, h), M(p, 'hh'))).map(g);
        return mix(z, h, candidate);
      });
    }
    case 'mut1':
      return run(xs, zeros, (x, h) => {
        const z = add(vecMat(x, M(p, 'xz')), V(p, 'bz')).map(sigmoid);
        const r = add(vecMat(x, M(p, 'xr')), V(p, 'br'), vecMat(h, M(p, 'hr'))).map(sigmoid);
        const pre = add(add(vecMat(x, M(p, 'xh')), V(p, 'bh')).map(Math.tanh), vecMat(mul(r, h), M(p, 'hh')));
        return mix(z, h, pre.map(Math.tanh));
      });
    case 'lstm': {
      const states = run(
        xs,
        { h: zeros, c: zeros },
        (x, prev) => {
          const all = add(vecMat(x, M(p, 'xh')), vecMat(prev.h, M(p, 'hh')), V(p, 'b'));
          const i = add(part(all, 0, n), mul(prev.c, V(p, 'ci'))).map(sigmoid);
          const f = add(part(all, 1, n), mul(prev.c, V(p, 'cf'))).map(sigmoid);
          const c = add(mul(f, prev.c), mul(i, part(all, 2, n).map(Math.tanh)));
          const o = add(part(all, 3, n), mul(c, V(p, 'co'))).map(sigmoid);
          return { h: mul(o, c.map(Math.tanh)), c };
        },
        back,
      );
      return states.map((s) => s.h);
    }
    case 'mrnn':
      return run(xs, zeros, (x, h) => {
        const f = vecMat(x, M(p, 'xf'));
        return add(vecMat(x, M(p, 'xh')), V(p, 'b'), vecMat(mul(f, vecMat(h, M(p, 'hf'))), M(p, 'fh'))).map(g);
      });
    case 'scrn': {
      const r = V(p, 'r').map(sigmoid);
      const w = M(p, 'w');
      const states = run(xs, { h: zeros, s: zeros }, (x, prev) => {
        const xw = vecMat(x, w);
        const s = r.map((ri, k) => (1 - ri) * prev.s[k] + ri * xw[n + k]);
        const h = add(xw.slice(0, n), vecMat(prev.h, M(p, 'hh')), vecMat(s, M(p, 'sh'))).map(g);
        return { h, s };
      });
      return states.map(({ h, s }) => add(vecMat(h, M(p, 'ho')), vecMat(s, M(p, 'so')), V(p, 'b')));
    }
    default:
      throw new Error(`no reference for ${form}`);
  }
}
