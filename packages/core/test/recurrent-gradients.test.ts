import { expect } from 'chai';
import { recurrent, tf, type Network } from '../src/index';
import { leakFree, NUM_INPUTS as NI, RNN, paramValues } from './helpers';
import { reference, type Params } from './recurrent-reference';

const SIZE = 4;
// Two sequences of four steps; a fixed weighting R of the outputs makes the objective sum(out * R).
const X = RNN.inputs.slice(0, 2).map((sequence) => sequence.slice(0, 4));
const R = RNN.outputs.slice(2, 4).map((sequence) => sequence.slice(0, 4).map((step) => step.slice(0, 4)));

function layerNet(form: string, options: Record<string, unknown> = {}): Network {
  return new recurrent.Regressor([NI, { form, size: SIZE, name: 'l', activation: 'tanh', ...options }, 2]);
}

/** The objective from plain doubles: sum over examples, steps and units of out * R. */
function objective(form: string, params: Params, extra = {}): number {
  return X.reduce(
    (sum, x, n) =>
      sum +
      reference(form, params, x, SIZE, extra, Math.tanh).reduce(
        (s, step, t) => s + step.reduce((a, v, k) => a + v * R[n][t][k], 0),
        0,
      ),
    0,
  );
}

/** tfjs' gradient of the objective by each of the layer's parameters, flat. */
function tfGradients(net: Network): Record<string, number[]> {
  const { grads, value } = tf.variableGrads(() =>
    tf.tidy(() => {
      const outputs = net.buildGraph(new Map([['in', tf.tensor3d(X)]]));
      return tf.sum(tf.mul(outputs.get('l:out') as tf.Tensor, tf.tensor3d(R)));
    }),
  );
  value.dispose();
  const byKey: Record<string, number[]> = {};
  for (const param of net.params) {
    const grad = grads[param.variable.name];
    if (param.name.startsWith('l.')) byKey[param.key] = Array.from(grad.dataSync());
  }
  tf.dispose(Object.values(grads));
  return byKey;
}

/** Central difference of the double-precision objective by one element of one parameter. */
function numeric(form: string, params: Params, key: string, index: number, extra = {}): number {
  const h = 1e-6;
  const at = (delta: number): number => {
    const copy = JSON.parse(JSON.stringify(params)) as Params;
    const value = copy[key];
    if (Array.isArray(value[0])) {
      const cols = (value[0] as number[]).length;
      (value as number[][])[Math.floor(index / cols)][index % cols] += delta;
    } else (value as number[])[index] += delta;
    return objective(form, copy, extra);
  };
  return (at(h) - at(-h)) / (2 * h);
}

describe('recurrent layers: gradients agree with finite differences', () => {
  const FORMS: Array<[string, Record<string, unknown>, object?]> = [
    ['rnn', {}],
    ['rnn', { direction: 'backward' }, { backward: true }],
    ['clockwork', { periods: [1, 2] }, { periods: [1, 2] }],
    ['bcrnn', { num_modules: 2 }, { modules: 2 }],
    ['rrnn', { rate: 'matrix' }],
    ['gru', {}],
    ['mut1', {}],
    ['lstm', {}],
    ['mrnn', { factors: 3 }],
    ['scrn', {}],
  ];
  for (const [form, options, extra] of FORMS) {
    it(
      `${form} ${JSON.stringify(options)}`,
      leakFree(() => {
        const net = layerNet(form, options);
        const params = paramValues(net);
        const analytic = tfGradients(net);
        for (const [key, grad] of Object.entries(analytic)) {
          // Three elements of each parameter: the first, the middle and the last.
          for (const index of [0, Math.floor(grad.length / 2), grad.length - 1]) {
            const expected = numeric(form, params, key, index, extra);
            expect(Math.abs(grad[index] - expected), `${key}[${index}]: ${grad[index]} vs ${expected}`).to.be.at.most(
              2e-4 * (1 + Math.abs(expected)),
            );
          }
        }
        net.dispose();
      }),
    );
  }
});

describe('recurrent layers: bptt_limit and radius', () => {
  /** The gradient of sum(out * R) by the input sequence. */
  function inputGradient(net: Network): number[][][] {
    const x = tf.tensor3d(X);
    const grad = tf.grad((input: tf.Tensor) =>
      tf.sum(tf.mul(net.buildGraph(new Map([['in', input]])).get('l:out') as tf.Tensor, tf.tensor3d(R))),
    )(x);
    const values = grad.arraySync() as number[][][];
    tf.dispose([x, grad]);
    return values;
  }

  it(
    'bptt_limit 2 passes gradient through the last two steps only, unchanged there',
    leakFree(() => {
      const full = layerNet('rnn');
      const truncated = layerNet('rnn', { bptt_limit: 2 });
      const [a, b] = [inputGradient(full), inputGradient(truncated)];
      for (let n = 0; n < 2; n++) {
        for (let t = 0; t < 4; t++) {
          if (t < 2)
            expect(
              b[n][t].every((v) => v === 0),
              `step ${t} passes no gradient`,
            ).to.equal(true);
          else {
            expect(b[n][t].some((v) => v !== 0)).to.equal(true);
            b[n][t].forEach((v, k) => expect(v).to.be.closeTo(a[n][t][k], 1e-6));
          }
        }
      }
      // Without the limit the early steps do get gradient.
      expect(a[0][0].some((v) => v !== 0)).to.equal(true);
      full.dispose();
      truncated.dispose();
    }),
  );

  it(
    'radius rescales each square recurrent block to that largest singular value',
    leakFree(() => {
      const plain = new recurrent.Regressor([NI, { form: 'lstm', size: 3, name: 'l' }, 2]);
      const scaled = new recurrent.Regressor([NI, { form: 'lstm', size: 3, name: 'l', radius: 1.5 }, 2]);
      const block = (net: Network, b: number): number[][] => {
        const values = Array.from(net.find('l', 'hh').value());
        return [0, 1, 2].map((i) => values.slice(i * 12 + b * 3, i * 12 + b * 3 + 3));
      };
      for (let b = 0; b < 4; b++) {
        const [p, s] = [block(plain, b), block(scaled, b)];
        // The same draws, scaled by one factor: radius / largest singular value of the plain block.
        const largest = Math.sqrt(largestEigen(gram(p)));
        p.forEach((row, i) => row.forEach((v, j) => expect(s[i][j]).to.be.closeTo((v * 1.5) / largest, 1e-6)));
      }
      // The input weights (7 x 12, not square blocks) are not rescaled.
      expect(Array.from(scaled.find('l', 'xh').value())).to.deep.equal(Array.from(plain.find('l', 'xh').value()));
      plain.dispose();
      scaled.dispose();
    }),
  );
});

/** AᵀA of a small matrix. */
function gram(a: number[][]): number[][] {
  return a[0].map((_, i) => a[0].map((__, j) => a.reduce((s, row) => s + row[i] * row[j], 0)));
}

/** The largest eigenvalue of a symmetric 3 x 3 matrix, by the trigonometric closed form. */
function largestEigen(m: number[][]): number {
  const q = (m[0][0] + m[1][1] + m[2][2]) / 3;
  const p1 = m[0][1] ** 2 + m[0][2] ** 2 + m[1][2] ** 2;
  const p2 = (m[0][0] - q) ** 2 + (m[1][1] - q) ** 2 + (m[2][2] - q) ** 2 + 2 * p1;
  const p = Math.sqrt(p2 / 6);
  const b = m.map((row, i) => row.map((v, j) => (v - (i === j ? q : 0)) / p));
  const det =
    b[0][0] * (b[1][1] * b[2][2] - b[1][2] * b[2][1]) -
    b[0][1] * (b[1][0] * b[2][2] - b[1][2] * b[2][0]) +
    b[0][2] * (b[1][0] * b[2][1] - b[1][1] * b[2][0]);
  const phi = Math.acos(Math.min(1, Math.max(-1, det / 2))) / 3;
  return q + 2 * p * Math.cos(phi);
}
