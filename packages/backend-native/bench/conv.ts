/**
 * Speed of the convolution and pooling kernels on the layers of a LeNet at
 * batch 64 (conv 5x5 1->20 on 28x28, maxpool 2x2, conv 5x5 20->50 on 12x12,
 * maxpool 2x2): each kernel forward and its gradients, then one whole
 * forward and backward pass of the four layers, on the native and the cpu
 * backend, measured interleaved round by round in one process. Prints the
 * median milliseconds of each, and the process's peak resident memory.
 *
 *   node dist/bench/conv.js [--rounds 7] [--cpu-rounds 3] [--threads N] [--simd avx2|portable] [--no-cpu]
 *
 * The cpu backend's filter gradients take seconds a call, so it runs fewer rounds (--cpu-rounds).
 */
// A benchmark talks to a person (the root config allows console only under the root bench/).
/* eslint-disable no-console */
import * as tf from '@tensorflow/tfjs';
import { BACKEND_NAME } from '../src/index';
import { benchAddon, median, msPerCall, option } from './timing';

const BATCH = 64;

function random(shape: number[]): tf.Tensor {
  return tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => Math.random() * 2 - 1),
    shape,
  );
}

/** Runs one kernel and disposes its outputs. */
function kernel(name: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>): void {
  const out = tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap);
  tf.dispose(out as tf.Tensor | tf.Tensor[]);
}

interface Case {
  name: string;
  /** Makes the operands on the current backend; returns the timed call and the clean-up. */
  prepare(): { run: () => void; dispose: () => void };
}

/** Forward, input gradient and filter gradient of a valid 5x5 convolution of [64, size, size, inC] to outC. */
function convCases(label: string, size: number, inC: number, outC: number): Case[] {
  const xShape = [BATCH, size, size, inC];
  const wShape = [5, 5, inC, outC];
  const yShape = [BATCH, size - 4, size - 4, outC];
  const attrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1 };
  const operands = () => ({ x: random(xShape), filter: random(wShape), dy: random(yShape) });
  const make = (name: string, run: (t: ReturnType<typeof operands>) => void): Case => ({
    name: `${label} ${name}`,
    prepare() {
      const t = operands();
      return { run: () => run(t), dispose: () => tf.dispose(Object.values(t)) };
    },
  });
  return [
    make('forward', ({ x, filter }) => kernel('Conv2D', { x, filter }, attrs)),
    make('input grad', ({ dy, filter }) =>
      kernel('Conv2DBackpropInput', { dy, filter }, { ...attrs, inputShape: xShape }),
    ),
    make('filter grad', ({ x, dy }) => kernel('Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: wShape })),
  ];
}

/** Forward and gradient of a 2x2 max pool at stride 2 of [64, size, size, channels]. */
function poolCases(label: string, size: number, channels: number): Case[] {
  const attrs = { filterSize: 2, strides: 2, pad: 'valid' };
  return [
    {
      name: `${label} forward`,
      prepare() {
        const x = random([BATCH, size, size, channels]);
        return { run: () => kernel('MaxPool', { x }, attrs), dispose: () => x.dispose() };
      },
    },
    {
      name: `${label} grad`,
      prepare() {
        const input = random([BATCH, size, size, channels]);
        const output = tf.maxPool(input as tf.Tensor4D, 2, 2, 'valid');
        const dy = random(output.shape);
        return {
          run: () => kernel('MaxPoolGrad', { dy, input, output }, attrs),
          dispose: () => tf.dispose([input, output, dy]),
        };
      },
    },
  ];
}

/** The four layers forward and backward (gradients of both filters and of the first layer's input). */
const STEP: Case = {
  name: 'LeNet layers, forward + backward',
  prepare() {
    const x = random([BATCH, 28, 28, 1]);
    const w1 = random([5, 5, 1, 20]);
    const w2 = random([5, 5, 20, 50]);
    const loss = (input: tf.Tensor, a: tf.Tensor, b: tf.Tensor): tf.Scalar => {
      const h1 = tf.maxPool(tf.conv2d(input as tf.Tensor4D, a as tf.Tensor4D, 1, 'valid'), 2, 2, 'valid');
      const h2 = tf.maxPool(tf.conv2d(h1, b as tf.Tensor4D, 1, 'valid'), 2, 2, 'valid');
      return tf.sum(h2);
    };
    const grads = tf.grads(loss);
    return { run: () => tf.dispose(tf.tidy(() => grads([x, w1, w2]))), dispose: () => tf.dispose([x, w1, w2]) };
  },
};

const CASES: Case[] = [
  ...convCases('conv1 5x5 1->20 28x28', 28, 1, 20),
  ...poolCases('pool1 2x2 24x24x20', 24, 20),
  ...convCases('conv2 5x5 20->50 12x12', 12, 20, 50),
  ...poolCases('pool2 2x2 8x8x50', 8, 50),
  STEP,
];

async function main(): Promise<void> {
  const addon = benchAddon();
  if (addon === undefined) return;
  const rounds = Number(option('rounds', '7'));
  const cpuRounds = Math.min(rounds, Number(option('cpu-rounds', '3')));
  const backends = process.argv.includes('--no-cpu') ? [BACKEND_NAME] : [BACKEND_NAME, 'cpu'];

  console.log(`simd ${addon.simd()}, ${addon.threads()} threads, batch ${BATCH}, median of ${rounds} rounds, ms`);
  if (backends.includes('cpu')) console.log(`(the cpu backend: median of ${cpuRounds} rounds)`);
  console.log(['kernel'.padEnd(40), ...backends.map((b) => b.padStart(14)), 'speed-up'.padStart(10)].join(''));
  for (const c of CASES) {
    const prepared: { run: () => void; dispose: () => void }[] = [];
    for (const backend of backends) {
      await tf.setBackend(backend);
      prepared.push(c.prepare());
    }
    const times: number[][] = backends.map(() => []);
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < backends.length; i++) {
        if (backends[i] === 'cpu' && round >= cpuRounds) continue;
        await tf.setBackend(backends[i]);
        times[i].push(msPerCall(prepared[i].run));
      }
    }
    const ms = times.map(median);
    const speedUp = ms.length > 1 ? `${(ms[1] / ms[0]).toFixed(1)}x` : '';
    console.log([c.name.padEnd(40), ...ms.map((t) => t.toFixed(2).padStart(14)), speedUp.padStart(10)].join(''));
    for (let i = 0; i < backends.length; i++) {
      await tf.setBackend(backends[i]);
      prepared[i].dispose();
    }
  }
  console.log(`peak resident memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
