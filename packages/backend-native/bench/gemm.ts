/**
 * GEMM speed on the matrix products of a 784-1000-784 autoencoder at batch
 * 64 (forward and both gradient products, every transpose form): the addon's
 * GEMM called directly, tf.matMul on the native backend, on the wasm backend
 * and on the cpu backend, measured interleaved round by round in one process.
 * Prints the median GFLOP/s of each.
 *
 *   node dist/bench/gemm.js [--rounds 7] [--threads N] [--simd avx2|portable] [--no-cpu]
 */
// A benchmark talks to a person (the root config allows console only under the root bench/).
/* eslint-disable no-console */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { BACKEND_NAME } from '../src/index';
import { benchAddon, median, msPerCall, option } from './timing';

const SHAPES: [number, number, number][] = [
  [64, 1000, 784], // forward of layer 1; dh of layer 2 is the same with transposeB
  [64, 784, 1000], // forward of layer 2; dx of layer 1
  [784, 1000, 64], // dW1 = x^T dy (transposeA)
  [1000, 784, 64], // dW2 = h^T dy (transposeA)
];
const TRANSPOSES: [boolean, boolean][] = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
];

function randomArray(n: number): Float32Array {
  return Float32Array.from({ length: n }, () => Math.random() * 2 - 1);
}

interface Contender {
  name: string;
  backend?: string;
  /** Makes the operands of one case; returns the timed call and the clean-up. */
  prepare(m: number, n: number, k: number, ta: boolean, tb: boolean): { run: () => void; dispose: () => void };
}

function tfContender(backend: string): Contender {
  return {
    name: backend,
    backend,
    prepare(m, n, k, ta, tb) {
      const a = tf.tensor2d(randomArray(m * k), ta ? [k, m] : [m, k]);
      const b = tf.tensor2d(randomArray(k * n), tb ? [n, k] : [k, n]);
      return { run: () => tf.matMul(a, b, ta, tb).dispose(), dispose: () => tf.dispose([a, b]) };
    },
  };
}

async function main(): Promise<void> {
  const addon = benchAddon();
  if (addon === undefined) return;
  const rounds = Number(option('rounds', '7'));

  const contenders: Contender[] = [
    {
      name: 'addon gemm',
      prepare(m, n, k, ta, tb) {
        const [a, b, c] = [randomArray(m * k), randomArray(k * n), new Float32Array(m * n)];
        const run = () => addon.gemm(ta, tb, m, n, k, 1, a, ta ? m : k, b, tb ? k : n, 0, c, n);
        return { run, dispose: () => undefined };
      },
    },
    tfContender(BACKEND_NAME),
    tfContender('wasm'),
  ];
  if (!process.argv.includes('--no-cpu')) contenders.push(tfContender('cpu'));

  console.log(`simd ${addon.simd()}, ${addon.threads()} threads, median of ${rounds} interleaved rounds, GFLOP/s`);
  const header = ['M x N x K', 'tA', 'tB', ...contenders.map((c) => c.name)];
  console.log(header.map((h, i) => (i === 0 ? h.padEnd(16) : h.padStart(12))).join(''));
  for (const [m, n, k] of SHAPES) {
    for (const [ta, tb] of TRANSPOSES) {
      const cases: { run: () => void; dispose: () => void }[] = [];
      for (const contender of contenders) {
        if (contender.backend) await tf.setBackend(contender.backend);
        cases.push(contender.prepare(m, n, k, ta, tb));
      }
      const times: number[][] = contenders.map(() => []);
      for (let round = 0; round < rounds; round++) {
        for (let i = 0; i < contenders.length; i++) {
          const backend = contenders[i].backend;
          if (backend) await tf.setBackend(backend);
          times[i].push(msPerCall(cases[i].run) / 1e3);
        }
      }
      const gflops = times.map((t) => (2 * m * n * k) / median(t) / 1e9);
      const row = [`${m}x${n}x${k}`.padEnd(16), String(ta).padStart(12), String(tb).padStart(12)];
      console.log([...row, ...gflops.map((g) => g.toFixed(1).padStart(12))].join(''));
      for (const c of cases) c.dispose();
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
