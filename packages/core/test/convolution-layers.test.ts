import { expect } from 'chai';
import { ConfigurationError, convolution, DataError, recurrent, tf, type Network } from '../src/index';
import { CNN, expectClose, leakFree, RNN, take } from './helpers';

type Image = number[][][];
type Mode = 'valid' | 'full' | 'same';

/** Output length and the padding before the first window, computed as each border mode defines them. */
function geometry(n: number, f: number, s: number, mode: Mode): { out: number; before: number } {
  if (mode === 'valid') return { out: Math.floor((n - f) / s) + 1, before: 0 };
  if (mode === 'full') return { out: Math.floor((n + f - 2) / s) + 1, before: f - 1 };
  const out = Math.ceil(n / s);
  return { out, before: Math.floor(Math.max((out - 1) * s + f - n, 0) / 2) };
}

/** A correlation of one image `[W][H][C]` with filters `w[r][c][i][o]`, plus `b`, in doubles; zero outside. */
function correlate(x: Image, w: number[][][][], b: number[], stride: number[], mode: Mode): Image {
  const [fw, fh] = [w.length, w[0].length];
  const gx = geometry(x.length, fw, stride[0], mode);
  const gy = geometry(x[0].length, fh, stride[1], mode);
  const at = (p: number, q: number, i: number): number => x[p]?.[q]?.[i] ?? 0;
  return Array.from({ length: gx.out }, (_, u) =>
    Array.from({ length: gy.out }, (__, v) =>
      b.map((bias, o) => {
        let sum = bias;
        for (let r = 0; r < fw; r++)
          for (let c = 0; c < fh; c++)
            for (let i = 0; i < x[0][0].length; i++)
              sum += at(u * stride[0] + r - gx.before, v * stride[1] + c - gy.before, i) * w[r][c][i][o];
        return sum;
      }),
    ),
  );
}

/** Max or mean of each window of one image `[W][H][C]`; a mean counts only values inside the image. */
function pool(x: Image, size: number[], stride: number[], mode: 'max' | 'mean', border: 'valid' | 'same'): Image {
  const gx = geometry(x.length, size[0], stride[0], border);
  const gy = geometry(x[0].length, size[1], stride[1], border);
  return Array.from({ length: gx.out }, (_, u) =>
    Array.from({ length: gy.out }, (__, v) =>
      x[0][0].map((___, k) => {
        const values: number[] = [];
        for (let r = 0; r < size[0]; r++)
          for (let c = 0; c < size[1]; c++) {
            const value = x[u * stride[0] + r - gx.before]?.[v * stride[1] + c - gy.before]?.[k];
            if (value !== undefined) values.push(value);
          }
        return mode === 'max' ? Math.max(...values) : values.reduce((a, b) => a + b, 0) / values.length;
      }),
    ),
  );
}

/** A flat row-major array as nested `[a][b][c][d]`. */
function nest4(values: ArrayLike<number>, [a, b, c, d]: number[]): number[][][][] {
  return Array.from({ length: a }, (_, i) =>
    Array.from({ length: b }, (__, j) =>
      Array.from({ length: c }, (___, k) =>
        Array.from(values).slice(((i * b + j) * c + k) * d, ((i * b + j) * c + k + 1) * d),
      ),
    ),
  );
}

// Two small images of 6 x 5 pixels, 3 channels, from theanets' CNN data.
const X: Image[] = CNN.inputs
  .slice(0, 2)
  .map((im) => im.slice(0, 6).map((row) => row.slice(0, 5).map((p) => p.slice(0, 3))));

function convNet(options: Record<string, unknown>): Network {
  return new convolution.Regressor([
    [6, 5, 3],
    { form: 'conv2', size: 4, name: 'l', activation: 'linear', ...options },
    'flatten',
    2,
  ]);
}

function layerOutput(net: Network, x: Image[] = X): Image[] {
  const outs = net.feedForward(x);
  const out = take<Image[]>(outs['l:out']);
  tf.dispose(Object.values(outs));
  return out;
}

describe('conv2: forward pass against the correlation written out', () => {
  const cases: Array<[string, Record<string, unknown>, number[]]> = [
    ['valid', { filter_size: [3, 2] }, [4, 4]],
    ['full', { filter_size: [3, 2], border_mode: 'full' }, [8, 6]],
    ['same', { filter_size: [3, 2], border_mode: 'same' }, [6, 5]],
    ['same, even filter, stride 2', { filter_size: 2, border_mode: 'same', stride: 2 }, [3, 3]],
    ['valid, stride [2, 1]', { filter_size: [3, 2], stride: [2, 1] }, [2, 4]],
    ['full, stride 3', { filter_size: [2, 3], border_mode: 'full', stride: 3 }, [3, 3]],
    ['1x1 filters', { filter_size: 1 }, [6, 5]],
  ];
  for (const [name, options, shape] of cases) {
    it(
      name,
      leakFree(() => {
        const net = convNet(options);
        expect(net.layer('l').shape).to.deep.equal([...shape, 4]);
        const w = net.find('l', 'w');
        const b = Array.from(net.find('l', 'b').value());
        const stride =
          typeof options.stride === 'number'
            ? [options.stride, options.stride]
            : ((options.stride as number[]) ?? [1, 1]);
        const mode = (options.border_mode as Mode) ?? 'valid';
        const expected = X.map((x) => correlate(x, nest4(w.value(), w.shape), b, stride, mode));
        expectClose(layerOutput(net), expected, 1e-5, 1e-5);
        net.dispose();
      }),
    );
  }
});

describe('conv1: over the time axis of sequences', () => {
  const x = RNN.inputs.slice(0, 2).map((s) => s.slice(0, 7));
  for (const [mode, steps] of [
    ['valid', 5],
    ['full', 9],
    ['same', 7],
  ] as const) {
    it(
      `${mode}: w is [filter, features, size]; values match the correlation over time`,
      leakFree(() => {
        const net = new recurrent.Regressor([
          7,
          { form: 'conv1', size: 4, name: 'l', filter_size: 3, border_mode: mode, activation: 'linear' },
          2,
        ]);
        expect(net.layer('l').shape).to.deep.equal([-1, 4]);
        const w = net.find('l', 'w');
        expect(w.shape).to.deep.equal([3, 7, 4]);
        // A sequence [T][F] is an image [T][1][F] with filters [3][1][F][4].
        const filters = nest4(w.value(), [3, 1, 7, 4]);
        const b = Array.from(net.find('l', 'b').value());
        const expected = x.map((s) =>
          correlate(
            s.map((step) => [step]),
            filters,
            b,
            [1, 1],
            mode,
          ).map((row) => row[0]),
        );
        const outs = net.feedForward(x);
        const out = take<number[][][]>(outs['l:out']);
        tf.dispose(Object.values(outs));
        expect(out[0]).to.have.lengthOf(steps);
        expectClose(out, expected, 1e-5, 1e-5);
        net.dispose();
      }),
    );
  }
});

describe('conv1 and pool1 change the time steps, and the data must follow', () => {
  const net = (): recurrent.Regressor =>
    new recurrent.Regressor([7, { form: 'conv1', size: 4, filter_size: 5 }, { form: 'pool1', pool_size: 2 }, 2]);
  const x = RNN.inputs.slice(0, 3).map((s) => s.slice(0, 20));
  // 20 steps: 16 after the valid filter of 5, 8 after pooling by 2.
  const y = RNN.outputs.slice(0, 3).map((s) => s.slice(0, 8).map((step) => step.slice(0, 2)));

  it(
    'targets have the output steps; predict gives them; graph rewrites see enough steps',
    leakFree(() => {
      const model = net();
      expect(take<number[][][]>(model.predict(x))[0]).to.have.lengthOf(8);
      expect(model.score(x, y)).to.be.a('number');
      // Regularizers match names of a graph built on a stand-in length, which must give every window room.
      expect(model.names().outputs).to.include.members(['hid1:out', 'hid2:out', 'out:out']);
      model.dispose();
    }),
  );

  it(
    'targets of the input steps, and sequences too short for a window, are DataErrors naming the steps',
    leakFree(() => {
      const model = net();
      const long = RNN.outputs.slice(0, 3).map((s) => s.slice(0, 20).map((step) => step.slice(0, 2)));
      expect(() => model.score(x, long)).to.throw(
        DataError,
        /has 20 time steps but inputs has 20, which its conv1 or pool1 layers turn into 8/,
      );
      expect(() => model.predict(x.map((s) => s.slice(0, 4)))).to.throw(
        DataError,
        /sequences of 4 time steps leave layer "hid1" \(conv1\) no window/,
      );
      model.dispose();
    }),
  );
});

describe('pool2 and pool1: forward pass against the windows written out', () => {
  const cases: Array<[Record<string, unknown>, number[]]> = [
    [{}, [3, 2]],
    [{ mode: 'mean' }, [3, 2]],
    [{ border_mode: 'same' }, [3, 3]],
    [{ mode: 'mean', border_mode: 'same', pool_size: [3, 2] }, [2, 3]],
    [{ pool_size: 3, stride: 1 }, [4, 3]],
    [{ pool_size: [2, 3], stride: [1, 2], mode: 'mean' }, [5, 2]],
  ];
  for (const [options, shape] of cases) {
    it(
      JSON.stringify(options),
      leakFree(() => {
        const net = new convolution.Regressor([[6, 5, 3], { form: 'pool2', name: 'l', ...options }, 'flatten', 2]);
        const layer = net.layer('l');
        expect(layer.shape).to.deep.equal([...shape, 3]);
        expect(layer.params).to.have.lengthOf(0);
        const size = (options.pool_size as number | number[] | undefined) ?? 2;
        const poolSize = typeof size === 'number' ? [size, size] : size;
        const stride =
          options.stride === undefined
            ? poolSize
            : typeof options.stride === 'number'
              ? [options.stride, options.stride]
              : (options.stride as number[]);
        const mode = (options.mode as 'max' | 'mean') ?? 'max';
        const border = (options.border_mode as 'valid' | 'same') ?? 'valid';
        // Pooling passes values through: its default activation is linear, not the hidden layers' relu.
        expectClose(
          layerOutput(net),
          X.map((x) => pool(x, poolSize, stride, mode, border)),
          1e-6,
          1e-6,
        );
        net.dispose();
      }),
    );
  }

  it(
    'pool1 takes the maximum over windows of time steps',
    leakFree(() => {
      const net = new recurrent.Regressor([7, { form: 'pool1', name: 'l', pool_size: 3 }, 7]);
      const x = RNN.inputs.slice(0, 2).map((s) => s.slice(0, 8));
      const outs = net.feedForward(x);
      const out = take<number[][][]>(outs['l:out']);
      tf.dispose(Object.values(outs));
      const expected = x.map((s) =>
        pool(
          s.map((step) => [step]),
          [3, 1],
          [3, 1],
          'max',
          'valid',
        ).map((row) => row[0]),
      );
      expect(out[0]).to.have.lengthOf(2);
      expectClose(out, expected, 0, 0);
      net.dispose();
    }),
  );
});

describe('convolution gradients against central differences', () => {
  const R = X.map((x) => x.map((row) => row.map((p) => p.map((v) => Math.sin(3 * v)))));

  /** sum(tanh(layer output) * R) by tf, with its gradients by the layer's parameters and the input. */
  function tfObjective(net: Network): { grads: Record<string, number[]>; input: number[] } {
    const x = tf.tensor4d(X);
    const r = tf.tensor4d(R);
    const f = (input: tf.Tensor): tf.Scalar => {
      const out = net.buildGraph(new Map([['in', input]])).get('l:out') as tf.Tensor4D;
      const [n, w, h, c] = out.shape;
      return tf.sum(tf.mul(tf.tanh(out), tf.slice(tf.tile(r, [1, 3, 3, 2]), [0, 0, 0, 0], [n, w, h, c])));
    };
    const own = net.layer('l').params.map((p) => p.variable);
    const { grads, value } = own.length ? tf.variableGrads(() => f(x), own) : { grads: {}, value: tf.scalar(0) };
    const input = tf.grad(f)(x);
    const byKey: Record<string, number[]> = {};
    for (const p of net.layer('l').params) byKey[p.key] = Array.from(grads[p.variable.name].dataSync());
    const result = { grads: byKey, input: Array.from(input.dataSync()) };
    tf.dispose([x, r, value, input, ...Object.values(grads)]);
    return result;
  }

  /** The same objective from a double-precision forward pass `layer(x)`. */
  function objective(out: Image[]): number {
    const r = (n: number, u: number, v: number, k: number): number => R[n][u % 6][v % 5][k % 3];
    return out.reduce(
      (s, im, n) =>
        s +
        im.reduce(
          (a, row, u) =>
            a + row.reduce((b, p, v) => b + p.reduce((c, val, k) => c + Math.tanh(val) * r(n, u, v, k), 0), 0),
          0,
        ),
      0,
    );
  }

  function central(f: (delta: number) => number): number {
    const h = 1e-5;
    return (f(h) - f(-h)) / (2 * h);
  }

  for (const options of [
    { filter_size: [3, 2], stride: 2, border_mode: 'same' },
    { filter_size: [2, 3], border_mode: 'full', stride: [1, 2] },
    { filter_size: [2, 2], border_mode: 'valid', stride: 2 },
  ]) {
    it(
      `conv2 ${JSON.stringify(options)}: by w, b and the input`,
      leakFree(() => {
        const net = convNet(options);
        const w = net.find('l', 'w');
        const wv = Array.from(w.value());
        const bv = Array.from(net.find('l', 'b').value());
        const stride = typeof options.stride === 'number' ? [options.stride, options.stride] : options.stride;
        const forward = (weights: number[], bias: number[], x: Image[]): number =>
          objective(x.map((im) => correlate(im, nest4(weights, w.shape), bias, stride, options.border_mode as Mode)));
        const { grads, input } = tfObjective(net);
        for (const index of [0, 7, 23, wv.length - 1]) {
          const numeric = central((d) =>
            forward(
              wv.map((v, i) => (i === index ? v + d : v)),
              bv,
              X,
            ),
          );
          expect(grads.w[index]).to.be.closeTo(numeric, 1e-3 * (1 + Math.abs(numeric)));
        }
        for (const index of [0, 3]) {
          const numeric = central((d) =>
            forward(
              wv,
              bv.map((v, i) => (i === index ? v + d : v)),
              X,
            ),
          );
          expect(grads.b[index]).to.be.closeTo(numeric, 1e-3 * (1 + Math.abs(numeric)));
        }
        for (const [n, u, v, k] of [
          [0, 0, 0, 0],
          [1, 5, 4, 2],
          [0, 3, 2, 1],
        ]) {
          const numeric = central((d) => {
            const x = JSON.parse(JSON.stringify(X)) as Image[];
            x[n][u][v][k] += d;
            return forward(wv, bv, x);
          });
          expect(input[((n * 6 + u) * 5 + v) * 3 + k]).to.be.closeTo(numeric, 1e-3 * (1 + Math.abs(numeric)));
        }
        net.dispose();
      }),
    );
  }

  for (const [mode, border] of [
    ['max', 'same'],
    ['mean', 'same'],
    ['max', 'valid'],
    ['mean', 'valid'],
  ] as const) {
    it(
      `pool2 ${mode} with border_mode ${border}: by the input`,
      leakFree(() => {
        const net = new convolution.Regressor([
          [6, 5, 3],
          { form: 'pool2', name: 'l', mode, border_mode: border, pool_size: [2, 3], stride: [1, 2] },
          'flatten',
          2,
        ]);
        const { input } = tfObjective(net);
        for (let flat = 0; flat < 2 * 6 * 5 * 3; flat += 7) {
          const numeric = central((d) => {
            const x = JSON.parse(JSON.stringify(X)) as Image[];
            const [n, u, v, k] = [Math.floor(flat / 90), Math.floor(flat / 15) % 6, Math.floor(flat / 3) % 5, flat % 3];
            x[n][u][v][k] += d;
            return objective(x.map((im) => pool(im, [2, 3], [1, 2], mode, border)));
          });
          expect(input[flat], `input ${flat}`).to.be.closeTo(numeric, 1e-3 * (1 + Math.abs(numeric)));
        }
        net.dispose();
      }),
    );
  }
});

describe('convolution: bad layers and data fail before any work, naming the layer and sizes', () => {
  const image = [6, 5, 3];
  const build =
    (layer: Record<string, unknown>, first: unknown = image) =>
    () =>
      new convolution.Regressor([first as number[], { name: 'c', ...layer }, 'flatten', 2]);
  const cases: Array<[string, () => unknown, RegExp]> = [
    [
      'a filter larger than the input under valid',
      build({ form: 'conv2', size: 2, filter_size: [7, 2] }),
      /"c" \(conv2\): its 7x2 window does not fit in its 6x5 input/,
    ],
    [
      'a stride of 0',
      build({ form: 'conv2', size: 2, filter_size: 2, stride: 0 }),
      /"c" \(conv2\): stride is 0; give positive integers/,
    ],
    ['a missing filter_size', build({ form: 'conv2', size: 2 }), /"c" \(conv2\): filter_size is missing/],
    [
      'a filter_size of three axes',
      build({ form: 'conv2', size: 2, filter_size: [2, 2, 2] }),
      /filter_size is \[2, 2, 2\]/,
    ],
    [
      'an unknown border_mode',
      build({ form: 'conv2', size: 2, filter_size: 2, border_mode: 'half' }),
      /border_mode is "half"; expected one of 'valid', 'full', 'same'/,
    ],
    ['no size', build({ form: 'conv2', filter_size: 2 }), /"c" \(conv2\) needs a size: its number of filters/],
    [
      'pooling that leaves no output',
      build({ form: 'pool2', pool_size: [2, 6] }),
      /"c" \(pool2\): its 2x6 window does not fit in its 6x5 input/,
    ],
    [
      'full pooling',
      build({ form: 'pool2', border_mode: 'full' }),
      /border_mode is "full"; expected one of 'valid', 'same'/,
    ],
    [
      'an unknown pool mode',
      build({ form: 'pool2', mode: 'median' }),
      /mode is "median"; expected one of 'max', 'mean'/,
    ],
    [
      'a pooling size that is not the channels',
      build({ form: 'pool2', size: 4 }),
      /keeps its input's 3 channels; drop size 4/,
    ],
    [
      'conv2 on flat inputs',
      build({ form: 'conv2', size: 2, filter_size: 2 }, 30),
      /"c" \(conv2\) reads images \[N, width, height, channels\], but its input "in:out" gives \[N, 30\]/,
    ],
    [
      'conv1 on images',
      build({ form: 'conv1', size: 2, filter_size: 2 }),
      /"c" \(conv1\) reads sequences \[N, T, features\], but its input "in:out" gives \[N, 6, 5, 3\]/,
    ],
    [
      'channels first on a flat input',
      () => new convolution.Regressor([{ shape: [30], channels: 'first' }, 2]),
      /channels 'first' needs a shape of channels then axes/,
    ],
    [
      'an unknown channels value',
      () => new convolution.Regressor([{ shape: [4, 4, 1], channels: 'middle' as 'first' }, 2]),
      /channels is "middle"/,
    ],
  ];
  for (const [name, make, message] of cases) {
    it(
      name,
      leakFree(() => {
        expect(make).to.throw(ConfigurationError, message);
      }),
    );
  }

  it(
    'images with the wrong channels or size are a DataError naming the expected shape',
    leakFree(() => {
      const net = new convolution.Regressor([image, { form: 'conv2', size: 2, filter_size: 2 }, 'flatten', 2]);
      const wrongChannels = X.map((im) => im.map((row) => row.map((p) => p.slice(0, 2))));
      expect(() => net.predict(wrongChannels)).to.throw(DataError, /\[N, 6, 5, 3\]/);
      expect(() => net.predict(X.map((im) => im.slice(0, 4)))).to.throw(DataError, /\[N, 6, 5, 3\]/);
      expect(() => net.predict(X.map((im) => im.flat(2)))).to.throw(DataError, /\[N, 6, 5, 3\]/);
      net.dispose();
    }),
  );
});
