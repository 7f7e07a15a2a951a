/** Ported from theanets' test/layers_test.py (TestFeedforward): layer forms, their parameters, outputs and specs. */
import { expect } from 'chai';
import {
  Autoencoder,
  ConfigurationError,
  Feedforward,
  Input,
  Reshape,
  create,
  tf,
  type Layer,
  type LayerSpec,
} from '../src/index';
import { INPUTS, NUM_EXAMPLES, NUM_HID1 as NH, NUM_INPUTS as NI, leakFree, shapeOf } from './helpers';

/** `Layer.build(form, ...)` then `layer.bind(Network([...inputs]))`, as theanets' tests do. */
function bindLayer(form: string, options: Record<string, unknown>, inputs: Layer[]): Layer {
  const layer = create<Layer>('layer', form, [options]);
  layer.bind(inputs);
  return layer;
}

const count = (layer: Layer): number => layer.params.reduce((n, p) => n + p.shape.reduce((a, b) => a * b, 1), 0);

/** The names of the outputs `connect` produces for a batch fed to `in:out`. */
function outputNames(layer: Layer, width: number): string[] {
  return tf.tidy(() => {
    const x = tf.zeros([3, width]);
    return layer.connect(new Map([['in:out', x]]), new Map()).map(([name]) => name);
  });
}

/** The parts of a spec theanets' `to_spec` compares. */
function specOf(layer: Layer): Record<string, unknown> {
  const { form, name, size, inputs, activation } = layer.toSpec();
  return { form, name, size, inputs, activation };
}

describe('layers (theanets layers_test.py)', () => {
  // [form, class, params, parameter count / size, outputs, size]. Shape-derived forms get the size
  // their input gives (tsnets checks it; theanets ignored a size that disagreed).
  const forms: Array<[string, string, string, number, string, number]> = [
    ['feedforward', 'feedforward', 'w b', 1 + NI, 'out pre', NH],
    ['ff', 'feedforward', 'w b', 1 + NI, 'out pre', NH],
    ['classifier', 'classifier', 'w b', 1 + NI, 'out pre', NH],
    ['softmax', 'classifier', 'w b', 1 + NI, 'out pre', NH],
    ['flatten', 'flatten', '', 0, 'out', NI],
    ['flat', 'flatten', '', 0, 'out', NI],
    ['concatenate', 'concatenate', '', 0, 'out', NI],
    ['concat', 'concatenate', '', 0, 'out', NI],
    ['product', 'product', '', 0, 'out', NI],
    ['prod', 'product', '', 0, 'out', NI],
  ];
  for (const [form, name, params, perUnit, outputs, size] of forms) {
    it(
      `builds "${form}" as ${name}: params [${params}], outputs [${outputs}]`,
      leakFree(() => {
        const input = new Input({ size: NI, name: 'in' });
        const layer = bindLayer(form, { size, name: 'l', inputs: 'in' }, [input]);
        expect(layer.constructor.name.toLowerCase()).to.equal(name);
        expect(layer.form).to.equal(name);
        expect(layer.params.map((p) => p.name).sort()).to.deep.equal(
          params
            .split(' ')
            .filter(Boolean)
            .map((p) => `l.${p}`)
            .sort(),
        );
        expect(count(layer)).to.equal(perUnit * size);
        expect(outputNames(layer, NI).sort()).to.deep.equal(
          outputs
            .split(' ')
            .map((o) => `l:${o}`)
            .sort(),
        );
        expect(specOf(layer)).to.deep.equal({
          form: name,
          name: 'l',
          size,
          inputs: ['in:out'],
          activation: name === 'classifier' ? 'softmax' : 'relu',
        });
        layer.dispose();
      }),
    );
  }

  for (const form of ['flatten', 'concatenate', 'product']) {
    it(
      `rejects a "${form}" size that disagrees with its inputs`,
      leakFree(() => {
        const input = new Input({ size: NI, name: 'in' });
        expect(() => bindLayer(form, { size: NH, name: 'l', inputs: 'in' }, [input])).to.throw(
          ConfigurationError,
          /size 8/,
        );
      }),
    );
  }

  const predictCases: Array<[string, LayerSpec]> = [
    ['a size', NH],
    ['ff with two inputs', { form: 'ff', inputs: ['hid1', 'hid2'], size: NH }],
    ['tied with a partner', { form: 'tied', partner: 'hid1' }],
    ['prod of two inputs', { form: 'prod', inputs: ['hid1', 'hid2'], size: NH }],
    ['concat of two inputs', { form: 'concat', inputs: ['hid1', 'hid2'], size: 2 * NH }],
    ['flat', ['flat', NH]],
  ];
  for (const [what, spec] of predictCases) {
    it(
      `predicts through ${what} in Autoencoder([7, 8, 8, layer, 7])`,
      leakFree(() => {
        const net = new Autoencoder([NI, NH, NH, spec, NI]);
        expect(shapeOf(net.predict(INPUTS))).to.deep.equal([NUM_EXAMPLES, NI]);
        net.dispose();
      }),
    );
  }

  it(
    'gives a layer with several inputs one weight per input (w_in:out, w_hid1:out)',
    leakFree(() => {
      const layers: Layer[] = [new Input({ size: NH, name: 'in' })];
      const hid1 = new Feedforward({ size: NH, name: 'hid1', inputs: 'in' });
      hid1.bind(layers);
      layers.push(hid1);
      const layer = new Feedforward({ inputs: ['in', 'hid1'], size: NH, name: 'l' });
      layer.bind(layers);
      expect(count(layer)).to.equal((1 + 2 * NH) * NH);
      expect(layer.params.map((p) => p.name).sort()).to.deep.equal(['l.b', 'l.w_hid1:out', 'l.w_in:out']);
      expect(specOf(layer)).to.deep.equal({
        form: 'feedforward',
        name: 'l',
        size: NH,
        activation: 'relu',
        inputs: ['in:out', 'hid1:out'],
      });
      layer.dispose();
      hid1.dispose();
    }),
  );

  it(
    'computes concatenate and product outputs',
    leakFree(() => {
      const a = [
        [1, 2],
        [3, 4],
      ];
      const b = [
        [5, -1],
        [0.5, 2],
      ];
      const concat = create<Layer>('layer', 'concat', [{ name: 'c', inputs: ['a', 'b'] }]);
      const prod = create<Layer>('layer', 'prod', [{ name: 'p', inputs: ['a', 'b'] }]);
      const inputs = [new Input({ size: 2, name: 'a' }), new Input({ size: 2, name: 'b' })];
      concat.bind(inputs);
      prod.bind(inputs);
      expect(concat.size).to.equal(4);
      expect(prod.size).to.equal(2);
      const [c, p] = tf.tidy(() => {
        const fed = new Map([
          ['a:out', tf.tensor2d(a)],
          ['b:out', tf.tensor2d(b)],
        ]);
        return [concat.connect(fed, new Map())[0][1].arraySync(), prod.connect(fed, new Map())[0][1].arraySync()];
      });
      expect(c).to.deep.equal(a.map((row, i) => [...row, ...b[i]]));
      expect(p).to.deep.equal(a.map((row, i) => row.map((v, j) => v * b[i][j])));
    }),
  );

  it(
    'reshapes without parameters (theanets test_reshape, with a shape that fits)',
    leakFree(() => {
      const input = new Input({ size: NH, name: 'in' });
      const layer = new Reshape({ inputs: 'in', shape: [NH / 2, 2], name: 'l' });
      layer.bind([input]);
      expect(count(layer)).to.equal(0);
      expect(layer.params).to.deep.equal([]);
      expect(layer.toSpec()).to.include({ form: 'reshape', name: 'l', size: 2, activation: 'relu' });
      expect(layer.toSpec()).to.deep.include({ shape: [NH / 2, 2], inputs: ['in:out'] });
      const out = tf.tidy(() =>
        layer.connect(new Map([['in:out', tf.range(0, 2 * NH).reshape([2, NH])]]), new Map())[0][1].arraySync(),
      );
      expect(out).to.deep.equal([
        [
          [0, 1],
          [2, 3],
          [4, 5],
          [6, 7],
        ],
        [
          [8, 9],
          [10, 11],
          [12, 13],
          [14, 15],
        ],
      ]);
    }),
  );

  it(
    'rejects a reshape of 7 values into [3, 2] (theanets only failed when run)',
    leakFree(() => {
      const input = new Input({ size: NI, name: 'in' });
      const layer = new Reshape({ inputs: 'in', shape: [Math.floor(NI / 2), 2], name: 'l' });
      expect(() => layer.bind([input])).to.throw(ConfigurationError, /7 values/);
      expect(() => new Reshape({ inputs: 'in', name: 'l' })).to.throw(ConfigurationError, /shape/);
    }),
  );

  it(
    'flattens then reshapes in a network',
    leakFree(() => {
      const net = new Autoencoder([NI + 1, { form: 'reshape', shape: [4, 2] }, 'flatten', NI + 1]);
      expect(net.layers.map((l) => l.shape)).to.deep.equal([[8], [4, 2], [8], [8]]);
      const x = INPUTS.map((row) => [...row, 1]);
      expect(shapeOf(net.predict(x))).to.deep.equal([NUM_EXAMPLES, NI + 1]);
      net.dispose();
    }),
  );

  it(
    'computes a classifier layer as softmax(x · w + b)',
    leakFree(() => {
      const input = new Input({ size: 2, name: 'in' });
      const layer = bindLayer('classifier', { size: 3, name: 'l', inputs: 'in' }, [input]);
      const w = layer.find('w').value();
      const b = layer.find('b').value();
      const x = [0.3, -1.2];
      const pre = [0, 1, 2].map((j) => x[0] * w[j] + x[1] * w[3 + j] + b[j]);
      const total = pre.reduce((s, v) => s + Math.exp(v), 0);
      const out = tf.tidy(() => {
        const outputs = new Map(layer.connect(new Map([['in:out', tf.tensor2d([x])]]), new Map()));
        return (outputs.get('l:out') as tf.Tensor).arraySync() as number[][];
      });
      out[0].forEach((v, j) => expect(v).to.be.closeTo(Math.exp(pre[j]) / total, 1e-6));
      layer.dispose();
    }),
  );

  it(
    'refuses to bind a layer twice',
    leakFree(() => {
      const input = new Input({ size: 2, name: 'in' });
      const layer = bindLayer('ff', { size: 3, name: 'l', inputs: 'in' }, [input]);
      expect(() => layer.bind([input])).to.throw(ConfigurationError, /already bound/);
      layer.dispose();
    }),
  );
});
