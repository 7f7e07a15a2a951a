/** Ported from theanets' test/activations_test.py: every activation against values computed here in plain JS. */
import { expect } from 'chai';
import {
  Composite,
  ConfigurationError,
  RandomState,
  Regressor,
  UnknownNameError,
  buildActivation,
  tf,
  type Activation,
} from '../src/index';
import { expectClose, leakFree } from './helpers';

const PROBE = [-10, -1, -0.1, 0, 0.1, 1, 10].map(Math.fround);

type Vector = number[];
const map =
  (f: (x: number) => number) =>
  (xs: Vector): Vector =>
    xs.map(f);
const mean = (xs: Vector): number => xs.reduce((s, v) => s + v, 0) / xs.length;
const std = (xs: Vector): number => Math.sqrt(mean(xs.map((v) => (v - mean(xs)) ** 2)));

const logistic = map((x) => 1 / (1 + Math.exp(-x)));
const softplus = map((x) => Math.log1p(Math.exp(x)));
const relu = map((x) => Math.min(Math.max(x, 0), 100));
const softmax = (xs: Vector): Vector => xs.map((x) => Math.exp(x) / xs.reduce((s, v) => s + Math.exp(v), 0));
const normZ = (xs: Vector): Vector => xs.map((x) => (x - mean(xs)) / std(xs));

/** A layer as activations see it: theanets' `Feedforward(inputs='x', size=7, rng=13)`. */
const host = (size = 7, name = 'l') => ({ name, size, rng: new RandomState(13) });

function build(name: string, size = 7): Activation {
  return buildActivation(name, host(size));
}

function applyTo(activation: Activation, x: number[] | number[][]): number[] {
  return tf.tidy(() => activation.apply(tf.tensor(x)).arraySync() as number[]);
}

function dispose(activation: Activation): void {
  for (const p of activation.params) p.variable.dispose();
}

describe('activations (theanets activations_test.py)', () => {
  // theanets' elementwise cases, and the ones the spec adds (tanh, elu, aliases).
  const cases: Array<[string, Vector]> = [
    ['linear', PROBE],
    ['logistic', logistic(PROBE)],
    ['sigmoid', logistic(PROBE)],
    ['tanh', PROBE.map(Math.tanh)],
    ['softmax', softmax(PROBE)],
    ['softplus', softplus(PROBE)],
    ['relu', relu(PROBE)],
    ['rect:max', relu(PROBE)],
    ['rect:min', PROBE.map((x) => Math.min(Math.max(x, -100), 1))],
    ['rect:minmax', PROBE.map((x) => Math.min(Math.max(Math.min(Math.max(x, 0), 100), -100), 1))],
    ['elu', PROBE.map((x) => (x > 0 ? x : Math.exp(x) - 1))],
    ['norm:mean', PROBE.map((x) => x - mean(PROBE))],
    ['norm:max', PROBE.map((x) => x / Math.max(...PROBE.map(Math.abs)))],
    ['norm:std', PROBE.map((x) => x / std(PROBE))],
    ['norm:z', normZ(PROBE)],
    ['relu+tanh', relu(PROBE).map(Math.tanh)],
    ['softplus+norm:z', normZ(softplus(PROBE))],
  ];
  for (const [name, expected] of cases) {
    it(
      `${name} matches its formula`,
      leakFree(() => {
        const activation = build(name);
        expectClose(applyTo(activation, PROBE), expected, 1e-5, 1e-7);
        expect(activation.params).to.deep.equal([]);
      }),
    );
  }

  describe("with learned parameters (drawn from the layer's RandomState(13))", () => {
    it(
      "prelu matches theanets' values and max(x, 0) + 0.1|N(0,1)| min(x, 0)",
      leakFree(() => {
        const activation = build('prelu');
        const actual = applyTo(activation, PROBE);
        expectClose(actual, [-0.71239, -0.0753766, -0.0004450307, 0, 0.1, 1, 10], 1e-5, 1e-8);
        const leak = Array.from(new RandomState(13).randn(7), (v) => 0.1 * Math.abs(v));
        expectClose(
          actual,
          PROBE.map((x, i) => Math.max(x, 0) + leak[i] * Math.min(x, 0)),
          1e-5,
          1e-8,
        );
        dispose(activation);
      }),
    );

    it(
      'leaky-relu is prelu',
      leakFree(() => {
        const activation = build('leaky-relu');
        expectClose(applyTo(activation, PROBE), [-0.71239, -0.0753766, -0.0004450307, 0, 0.1, 1, 10], 1e-5, 1e-8);
        dispose(activation);
      }),
    );

    it(
      "lgrelu matches theanets' values and gain max(x, 0) + leak min(x, 0)",
      leakFree(() => {
        const activation = build('lgrelu');
        const actual = applyTo(activation, PROBE);
        expectClose(actual, [-0.8612113, -0.1478685, -0.0104537, 0, 0.013451, 0.0532337, 1.350188], 1e-5, 1e-8);
        const rng = new RandomState(13);
        const gain = Array.from(rng.randn(7), (v) => 0.1 * Math.abs(v));
        const leak = Array.from(rng.randn(7), (v) => 0.1 * Math.abs(v));
        expectClose(
          actual,
          PROBE.map((x, i) => gain[i] * Math.max(x, 0) + leak[i] * Math.min(x, 0)),
          1e-5,
          1e-8,
        );
        dispose(activation);
      }),
    );

    it(
      "maxout:3 matches theanets' values and max_k slope[i,k] x_i + intercept[i,k]",
      leakFree(() => {
        const activation = build('maxout:3');
        const actual = applyTo(activation, PROBE);
        expectClose(actual, [8.31461, -0.59702, 1.31311, 1.89274, 0.6057, 1.38634, 6.16415], 1e-5, 1e-5);
        const rng = new RandomState(13);
        const slope = rng.randn(21);
        const intercept = rng.randn(21);
        const expected = PROBE.map((x, i) =>
          Math.max(...[0, 1, 2].map((k) => slope[i * 3 + k] * x + intercept[i * 3 + k])),
        );
        expectClose(actual, expected, 1e-5, 1e-6);
        dispose(activation);
      }),
    );

    it(
      'maxout:K works on a batch, unit by unit',
      leakFree(() => {
        const activation = build('maxout:2', 3);
        const rng = new RandomState(13);
        const slope = rng.randn(6);
        const intercept = rng.randn(6);
        const x = [
          [1, -2, 0.5],
          [-1, 3, 0],
        ];
        const expected = x.map((row) =>
          row.map((v, i) => Math.max(slope[2 * i] * v + intercept[2 * i], slope[2 * i + 1] * v + intercept[2 * i + 1])),
        );
        expectClose(applyTo(activation, x), expected, 1e-5, 1e-6);
        dispose(activation);
      }),
    );

    it(
      'composes learned activations left to right: prelu+maxout:2 is maxout(prelu(x))',
      leakFree(() => {
        const activation = build('prelu+maxout:2');
        const rng = new RandomState(13);
        const leak = Array.from(rng.randn(7), (v) => 0.1 * Math.abs(v));
        const slope = rng.randn(14);
        const intercept = rng.randn(14);
        const expected = PROBE.map((x, i) => {
          const p = Math.max(x, 0) + leak[i] * Math.min(x, 0);
          return Math.max(slope[2 * i] * p + intercept[2 * i], slope[2 * i + 1] * p + intercept[2 * i + 1]);
        });
        expectClose(applyTo(activation, PROBE), expected, 1e-5, 1e-6);
        // theanets lists the later part's parameters first.
        expect(activation.params.map((p) => p.name)).to.deep.equal(['l.slope', 'l.intercept', 'l.leak']);
        dispose(activation);
      }),
    );
  });

  describe('over a batch, normalizing and softmax act on each row', () => {
    const batch = [[1, 2, 3, 4, 5, 6, 7], PROBE];
    for (const [name, f] of [
      ['softmax', softmax],
      ['norm:z', normZ],
      ['norm:mean', (r: Vector) => r.map((x) => x - mean(r))],
    ] as const) {
      it(
        name,
        leakFree(() => {
          expectClose(applyTo(build(name), batch), batch.map(f), 1e-5, 1e-6);
        }),
      );
    }
  });

  it(
    'builds relu by name, without parameters (theanets test_build)',
    leakFree(() => {
      const a = build('relu', 3);
      expect(a.name).to.equal('relu');
      expect(a.params).to.deep.equal([]);
    }),
  );

  it(
    'builds a composition (theanets test_build_composed; tsnets keeps the name as written)',
    leakFree(() => {
      const a = build('relu+norm:z', 3);
      expect(a).to.be.instanceOf(Composite);
      expect(a.name).to.equal('relu+norm:z');
      expect((a as Composite).parts.map((p) => p.name)).to.deep.equal(['relu', 'norm:z']);
      expect(a.params).to.deep.equal([]);
    }),
  );

  const parameterCases: Array<[string, string[], number[][]]> = [
    ['prelu', ['l.leak'], [[3]]],
    ['lgrelu', ['l.gain', 'l.leak'], [[3], [3]]],
    [
      'maxout:4',
      ['l.intercept', 'l.slope'],
      [
        [3, 4],
        [3, 4],
      ],
    ],
  ];
  for (const [name, expected, shapes] of parameterCases) {
    it(
      `${name} has parameters ${expected.join(', ')} (theanets test_parameters)`,
      leakFree(() => {
        const a = build(name, 3);
        expect(a.params.map((p) => p.name).sort()).to.deep.equal(expected);
        expect(a.params.map((p) => p.shape)).to.deep.equal(shapes);
        dispose(a);
      }),
    );
  }

  it(
    "adds activation parameters to the layer's",
    leakFree(() => {
      const net = new Regressor([4, [3, 'lgrelu'], [2, 'maxout:4']]);
      expect(net.params.map((p) => p.name)).to.deep.equal([
        'hid1.w',
        'hid1.b',
        'hid1.gain',
        'hid1.leak',
        'out.w',
        'out.b',
        'out.slope',
        'out.intercept',
      ]);
      expect(net.find('out', 'slope').shape).to.deep.equal([2, 4]);
      net.dispose();
    }),
  );

  it(
    'rejects unknown activations with close matches',
    leakFree(() => {
      expect(() => build('rleu')).to.throw(UnknownNameError, /relu/);
      expect(() => build('relu+tanhh')).to.throw(UnknownNameError, /tanh/);
      expect(() => build('norm:q')).to.throw(UnknownNameError);
    }),
  );

  it(
    'frees the parameters of parts built before an unknown part',
    leakFree(() => {
      expect(() => build('prelu+tanhh')).to.throw(UnknownNameError, /tanh/);
      expect(() => new Regressor([2, [3, 'lgrelu+maxout:2+nope'], 1])).to.throw(UnknownNameError, /nope/);
    }),
  );

  it(
    'rejects maxout without a whole number of pieces',
    leakFree(() => {
      expect(() => build('maxout')).to.throw(ConfigurationError, /maxout:3/);
      expect(() => build('maxout:x')).to.throw(ConfigurationError);
      expect(() => build('maxout:0')).to.throw(ConfigurationError);
    }),
  );

  it(
    'rejects an empty activation',
    leakFree(() => {
      expect(() => build('')).to.throw(ConfigurationError);
    }),
  );
});
