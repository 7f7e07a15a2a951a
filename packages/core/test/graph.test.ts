/** Ported from theanets' test/graph_test.py: building networks from layer specs, `find`, tied partners, monitors. */
import { expect } from 'chai';
import {
  Autoencoder,
  ConfigurationError,
  Feedforward,
  Input,
  Network,
  NotFoundError,
  RandomState,
  Regressor,
  Tied,
  UnknownNameError,
  monitorValues,
  parseLayerSpec,
  tf,
  type Layer,
  type LayerSpec,
} from '../src/index';
import { INPUTS, leakFree } from './helpers';

/** Builds a network, runs `check` on it, then disposes it. */
function withNet<N extends Network>(net: N, check: (net: N) => void): void {
  try {
    check(net);
  } finally {
    net.dispose();
  }
}

function flatRows(values: Float32Array): number[] {
  return Array.from(values);
}

describe('Network (theanets graph_test.py)', () => {
  describe('layer specs', () => {
    it(
      'builds one layer per int',
      leakFree(() => {
        withNet(new Regressor([1, 2, 3]), (m) => {
          expect(m.layers).to.have.lengthOf(3);
          expect(m.layers.map((l) => l.name)).to.deep.equal(['in', 'hid1', 'out']);
          expect(m.layers[0]).to.be.instanceOf(Input);
          expect(m.layers[1]).to.be.instanceOf(Feedforward);
        });
      }),
    );

    it(
      'reads arrays of size and activation, in any order',
      leakFree(() => {
        withNet(new Regressor([1, [2, 'relu'], ['tanh', 3], 4]), (m) => {
          expect(m.layers).to.have.lengthOf(4);
          expect(m.layers[1].activate.name).to.equal('relu');
          expect(m.layers[2].activate.name).to.equal('tanh');
          expect(m.layers[2].size).to.equal(3);
        });
      }),
    );

    it(
      'reads arrays holding a form',
      leakFree(() => {
        withNet(new Autoencoder([4, [8, 'linear'], [4, 'tied']]), (m) => {
          expect(m.layers[2]).to.be.instanceOf(Tied);
          expect((m.layers[2] as Tied).partner).to.equal(m.layers[1]);
          expect(m.layers[1].activate.name).to.equal('linear');
        });
        withNet(new Regressor([4, ['ff', 'tanh', 3], 2]), (m) => {
          expect(m.layers[1]).to.be.instanceOf(Feedforward);
          expect(m.layers[1].activate.name).to.equal('tanh');
        });
      }),
    );

    it(
      'reads objects (form, size, activation, name)',
      leakFree(() => {
        withNet(new Regressor([1, { size: 2, activation: 'relu', form: 'ff' }, 3]), (m) => {
          expect(m.layers).to.have.lengthOf(3);
          expect(m.layers[1].activate.name).to.equal('relu');
          expect(m.layers[1]).to.be.instanceOf(Feedforward);
        });
        withNet(
          new Autoencoder([100, { size: 50, name: 'a' }, { size: 80, name: 'b' }, { size: 100, name: 'o' }]),
          (m) => {
            expect(m.layers.map((l) => l.name)).to.deep.equal(['in', 'a', 'b', 'o']);
            expect(m.losses[0].outputName).to.equal('o:out');
          },
        );
      }),
    );

    it(
      'gives hidden layers relu and the output linear by default',
      leakFree(() => {
        withNet(new Regressor([3, 4, 5, 2]), (m) => {
          expect(m.layers.map((l) => l.activate.name)).to.deep.equal(['linear', 'relu', 'relu', 'linear']);
        });
      }),
    );

    it(
      'reads named inputs (one, or several)',
      leakFree(() => {
        withNet(new Regressor([1, 2, { size: 3, inputs: 'hid1' }]), (m) => {
          expect(m.layers).to.have.lengthOf(3);
          expect(m.layers[2].inputs).to.deep.equal(['hid1:out']);
        });
        withNet(new Regressor([1, 2, { size: 3, inputs: ['in', 'hid1'] }]), (m) => {
          expect(m.layers).to.have.lengthOf(3);
          expect(m.layers[2].inputs).to.deep.equal(['in:out', 'hid1:out']);
          expect(m.layers[2].params.map((p) => p.name)).to.have.members(['out.w_in:out', 'out.w_hid1:out', 'out.b']);
        });
      }),
    );

    it(
      'rejects a named input that is not an earlier layer',
      leakFree(() => {
        expect(() => new Regressor([1, 2, { size: 3, inputs: 'hid2' }])).to.throw(ConfigurationError, /hid2/);
      }),
    );

    it(
      'accepts a layer instance',
      leakFree(() => {
        const layer = new Feedforward({ size: 3, name: 'custom', inputs: 'in:out', activation: 'tanh' });
        withNet(new Regressor([2, layer, 1]), (m) => {
          expect(m.layers[1]).to.equal(layer);
          expect(m.find('custom', 'w').shape).to.deep.equal([2, 3]);
        });
      }),
    );

    describe('errors', () => {
      const bad: Array<[string, LayerSpec[], RegExp]> = [
        ['an array with two sizes', [2, [3, 4]], /one size/],
        ['an array with two forms', [2, [3, 'ff', 'tied']], /two forms/],
        ['an array with two activations', [2, [3, 'relu', 'tanh']], /two activations/],
        ['an array with a non-string, non-number element', [2, [3, {} as unknown as string]], /array elements/],
        ['a zero size', [2, 0], /positive integer/],
        ['a negative size', [2, -3], /positive integer/],
        ['a fractional size', [2, 2.5], /positive integer/],
        [
          'an object with an unknown option',
          [2, { size: 3, activaton: 'relu' } as unknown as LayerSpec],
          /unknown option "activaton".*activation/,
        ],
        ['an unknown form string', [2, 'flattten'], /not a layer form.*flatten/],
        ['a bad shape', [{ shape: [2, 0] }, 1], /shape/],
        ['a first layer that is not an input', [{ size: 3, form: 'ff' }, 2], /first layer must be an input/],
        ['a duplicate layer name', [2, { size: 3, name: 'x' }, { size: 3, name: 'x' }, 1], /"x" is already taken/],
        ['a null', [2, null as unknown as LayerSpec], /expected a size/],
      ];
      for (const [what, layers, message] of bad) {
        it(
          `rejects ${what}, naming the layer`,
          leakFree(() => {
            expect(() => new Regressor(layers))
              .to.throw(ConfigurationError, message)
              .with.property('message')
              .that.matches(/^Layer \d/);
          }),
        );
      }

      it(
        'rejects an empty layer list',
        leakFree(() => {
          expect(() => new Regressor([])).to.throw(ConfigurationError);
        }),
      );

      it(
        'rejects an unknown activation with close matches, and frees what it built',
        leakFree(() => {
          let caught: unknown;
          try {
            new Regressor([2, 3, [4, 'rleu'], 1]);
          } catch (error) {
            caught = error;
          }
          expect(caught).to.be.instanceOf(UnknownNameError);
          expect((caught as UnknownNameError).key).to.equal('rleu');
          expect((caught as UnknownNameError).suggestions).to.include('relu');
        }),
      );

      it(
        'rejects an unknown loss, and frees the layers it built',
        leakFree(() => {
          expect(() => new Regressor([2, [3, 'prelu'], 1], { loss: 'nosuchloss' })).to.throw(
            UnknownNameError,
            /nosuchloss/,
          );
        }),
      );

      it(
        'rejects an unknown form in an object spec',
        leakFree(() => {
          expect(() => new Regressor([2, { size: 3, form: 'dense' }, 1])).to.throw(UnknownNameError, /dense/);
        }),
      );

      it(
        'rejects a bad rng seed',
        leakFree(() => {
          expect(() => new Regressor([2, 1], { rng: -1 })).to.throw(ConfigurationError, /rng/);
          expect(() => new Regressor([2, 1], { rng: 1.5 })).to.throw(ConfigurationError, /rng/);
        }),
      );
    });

    it('parseLayerSpec reads each spec form without building', () => {
      expect(parseLayerSpec(5, 0)).to.deep.equal({ options: { size: 5 } });
      expect(parseLayerSpec(['relu', 4], 1)).to.deep.equal({
        form: undefined,
        options: { size: 4, activation: 'relu' },
      });
      expect(parseLayerSpec([4, 'TIED'], 1)).to.deep.equal({ form: 'tied', options: { size: 4 } });
      expect(parseLayerSpec('flat', 2)).to.deep.equal({ form: 'flat', options: {} });
      expect(parseLayerSpec({ size: 3, form: 'FF', std_w: 0.5 }, 1)).to.deep.equal({
        form: 'ff',
        options: { size: 3, std_w: 0.5 },
      });
    });
  });

  describe('tied layers', () => {
    it(
      'finds the partner of a tied layer (1, 2, (1, tied))',
      leakFree(() => {
        withNet(new Regressor([1, 2, [1, 'tied']]), (m) => {
          expect(m.layers).to.have.lengthOf(3);
          expect(m.layers[2]).to.be.instanceOf(Tied);
          expect((m.layers[2] as Tied).partner).to.equal(m.layers[1]);
        });
      }),
    );

    it(
      'takes an explicit partner',
      leakFree(() => {
        withNet(new Regressor([1, 2, { size: 1, form: 'tied', partner: 'hid1' }]), (m) => {
          expect(m.layers[2]).to.be.instanceOf(Tied);
          expect((m.layers[2] as Tied).partner).to.equal(m.layers[1]);
        });
      }),
    );

    it(
      'pairs a deep tied stack from the middle out (+1 per tied layer, -1 per other)',
      leakFree(() => {
        withNet(new Autoencoder([6, 5, 4, 3, 'tied', 'tied', 'tied']), (m) => {
          const partners = m.layers.slice(4).map((l) => (l as Tied).partner.name);
          expect(partners).to.deep.equal(['hid3', 'hid2', 'hid1']);
          expect(m.layers.slice(4).map((l) => l.size)).to.deep.equal([4, 5, 6]);
          // Tied layers have only a bias.
          expect(m.layers.slice(4).flatMap((l) => l.params.map((p) => p.name))).to.deep.equal([
            'hid4.b',
            'hid5.b',
            'out.b',
          ]);
        });
      }),
    );

    it(
      'fails when no partner is left ((1, (2, tied), (2, tied), (1, tied)))',
      leakFree(() => {
        expect(() => new Regressor([1, [2, 'tied'], [2, 'tied'], [1, 'tied']])).to.throw(ConfigurationError, /partner/);
      }),
    );

    it(
      'fails when the size disagrees with the partner',
      leakFree(() => {
        expect(() => new Regressor([3, 2, [4, 'tied']])).to.throw(ConfigurationError, /size 4/);
      }),
    );

    it(
      'computes x · partner.wᵀ + b',
      leakFree(() => {
        withNet(new Autoencoder([3, [2, 'linear'], 'tied']), (m) => {
          const w = m.find('hid1', 'w').value();
          const b = m.find('out', 'b').value();
          const x = [[1, -2, 0.5]];
          const h = m.feedForward(x);
          const hid = (h['hid1:out'].arraySync() as number[][])[0];
          const expected = [0, 1, 2].map((i) => hid[0] * w[i * 2] + hid[1] * w[i * 2 + 1] + b[i]);
          const out = (h['out:out'].arraySync() as number[][])[0];
          out.forEach((v, i) => expect(v).to.be.closeTo(expected[i], 1e-5));
          Object.values(h).forEach((t) => t.dispose());
        });
      }),
    );
  });

  it(
    'names the default output after the last layer',
    leakFree(() => {
      withNet(new Regressor([1, 2, { size: 1, form: 'tied', name: 'foo' }]), (m) => {
        expect(m.losses[0].outputName).to.equal('foo:out');
        expect(m.outputName).to.equal('foo:out');
      });
      withNet(new Regressor([1, 2, 1]), (m) => expect(m.losses[0].outputName).to.equal('out:out'));
    }),
  );

  describe('find', () => {
    it(
      'finds parameters by number',
      leakFree(() => {
        withNet(new Regressor([1, 2, 1]), (m) => {
          expect(m.find(1, 0).name).to.equal('hid1.w');
          expect(m.find(2, 0).name).to.equal('out.w');
          expect(m.find(1, 1).name).to.equal('hid1.b');
          expect(m.find(-1, 1).name).to.equal('out.b');
        });
      }),
    );

    it(
      'finds parameters by name, with their shapes',
      leakFree(() => {
        withNet(new Regressor([1, 2, 1]), (m) => {
          const p = m.find('hid1', 'w');
          expect(p.name).to.equal('hid1.w');
          expect(p.key).to.equal('w');
          expect(p.shape).to.deep.equal([1, 2]);
          expect(p.variable).to.be.instanceOf(tf.Variable);
          expect(m.find('out', 'w').name).to.equal('out.w');
          expect(m.find('out', 'b').shape).to.deep.equal([1]);
        });
      }),
    );

    it(
      'throws NotFoundError for a missing layer or parameter',
      leakFree(() => {
        withNet(new Regressor([1, 2, 1]), (m) => {
          expect(() => m.find('hid4', 'w')).to.throw(NotFoundError, /hid4/);
          expect(() => m.find(0, 0)).to.throw(NotFoundError);
          expect(() => m.find(1, 3)).to.throw(NotFoundError);
          expect(() => m.find(7, 0)).to.throw(NotFoundError);
          expect(() => m.find('hid1', 'x'))
            .to.throw(NotFoundError)
            .with.property('available')
            .that.deep.equals(['w', 'b']);
        });
      }),
    );

    it(
      'lists every parameter in layer order',
      leakFree(() => {
        withNet(new Regressor([7, 8, 12, 5]), (m) => {
          expect(m.params.map((p) => p.name)).to.deep.equal(['hid1.w', 'hid1.b', 'hid2.w', 'hid2.b', 'out.w', 'out.b']);
          expect(m.params.map((p) => p.shape)).to.deep.equal([[7, 8], [8], [8, 12], [12], [12, 5], [5]]);
        });
      }),
    );
  });

  describe('initialization', () => {
    it(
      'draws each layer from its own RandomState(13): w ~ N(0, 1/(nin+nout)), then b ~ N(0, 1)',
      leakFree(() => {
        withNet(new Regressor([7, 8, 12, 5]), (m) => {
          for (const [name, nin, nout] of [
            ['hid1', 7, 8],
            ['hid2', 8, 12],
            ['out', 12, 5],
          ] as const) {
            const rng = new RandomState(13);
            const w = Array.from(rng.randn(nin * nout), (v) => Math.fround(v / Math.sqrt(nin + nout)));
            const b = Array.from(rng.randn(nout), Math.fround);
            expect(flatRows(m.find(name, 'w').value())).to.deep.equal(w);
            expect(flatRows(m.find(name, 'b').value())).to.deep.equal(b);
          }
        });
      }),
    );

    it(
      'follows the rng option',
      leakFree(() => {
        withNet(new Regressor([3, 2], { rng: 4 }), (m) => {
          const rng = new RandomState(4);
          expect(flatRows(m.find('out', 'w').value())).to.deep.equal(
            Array.from(rng.randn(6), (v) => Math.fround(v / Math.sqrt(5))),
          );
        });
      }),
    );

    it(
      "draws an activation's parameters before the layer's weights",
      leakFree(() => {
        withNet(new Regressor([3, [2, 'prelu'], 1]), (m) => {
          const rng = new RandomState(13);
          const leak = Array.from(rng.randn(2), (v) => Math.fround(0.1 * Math.abs(v)));
          const w = Array.from(rng.randn(6), (v) => Math.fround(v / Math.sqrt(5)));
          expect(flatRows(m.find('hid1', 'leak').value())).to.deep.equal(leak);
          expect(flatRows(m.find('hid1', 'w').value())).to.deep.equal(w);
          expect(m.layers[1].params.map((p) => p.name)).to.deep.equal(['hid1.w', 'hid1.b', 'hid1.leak']);
        });
      }),
    );

    it(
      'reads mean, std and per-parameter std_w, mean_b, std_b',
      leakFree(() => {
        withNet(
          new Regressor([4, { size: 3, std_w: 0.5, mean_b: 2, std_b: 0.1 }, { size: 2, mean: 1, std: 0.01 }]),
          (m) => {
            let rng = new RandomState(13);
            expect(flatRows(m.find('hid1', 'w').value())).to.deep.equal(
              Array.from(rng.randn(12), (v) => Math.fround(0.5 * v)),
            );
            expect(flatRows(m.find('hid1', 'b').value())).to.deep.equal(
              Array.from(rng.randn(3), (v) => Math.fround(2 + 0.1 * v)),
            );
            rng = new RandomState(13);
            expect(flatRows(m.find('out', 'w').value())).to.deep.equal(
              Array.from(rng.randn(6), (v) => Math.fround(1 + 0.01 * v)),
            );
            // mean/std apply to weights only; biases keep N(0, 1).
            expect(flatRows(m.find('out', 'b').value())).to.deep.equal(Array.from(rng.randn(2), Math.fround));
          },
        );
      }),
    );

    it(
      'makes a sparse weight matrix: a Bernoulli(1 - sparsity) mask that keeps the diagonal',
      leakFree(() => {
        const [nin, nout, sparsity] = [100, 200, 0.9];
        withNet(new Regressor([nin, { size: nout, sparsity }, 5]), (m) => {
          const w = m.find('hid1', 'w').value();
          const rng = new RandomState(13);
          const std = 1 / Math.sqrt(nin + nout);
          const expected = Array.from(rng.randn(nin * nout), (v) => std * v);
          for (let i = 0; i < nin; i++) {
            for (let j = 0; j < nout; j++) {
              const keep = rng.binomial(1, 1 - sparsity) === 1 || i === j;
              if (!keep) expected[i * nout + j] = 0;
            }
          }
          expect(flatRows(w)).to.deep.equal(expected.map(Math.fround));
          const zeros = w.filter((v) => v === 0).length / w.length;
          expect(zeros).to.be.closeTo(sparsity, 0.01);
          for (let i = 0; i < nin; i++) expect(w[i * nout + i]).to.not.equal(0);
        });
      }),
    );

    it(
      "makes a diagonal weight matrix, and still draws the bias after the weights' draws",
      leakFree(() => {
        withNet(new Regressor([7, { size: 8, diagonal: 0.9 }, 5]), (m) => {
          const w = m.find('hid1', 'w').value();
          for (let i = 0; i < 7; i++) {
            for (let j = 0; j < 8; j++) expect(w[i * 8 + j]).to.equal(i === j ? Math.fround(0.9) : 0);
          }
          const rng = new RandomState(13);
          rng.randn(56);
          expect(flatRows(m.find('hid1', 'b').value())).to.deep.equal(Array.from(rng.randn(8), Math.fround));
        });
      }),
    );
  });

  describe('monitors', () => {
    const spec = [10, 15, 14, 13];

    function monitorNames(m: Network, monitors: Parameters<typeof monitorValues>[0]): string[] {
      return tf.tidy(() => {
        const outputs = m.buildGraph(new Map([['in', tf.randomNormal([4, 10], 0, 1, 'float32', 5)]]));
        return monitorValues(monitors, outputs, m.layers).map(([name]) => name);
      });
    }

    it(
      'names a threshold monitor output<level',
      leakFree(() => {
        withNet(new Regressor(spec), (m) => expect(monitorNames(m, { 'hid1:out': 1 })).to.deep.equal(['hid1:out<1']));
      }),
    );

    it(
      'names one monitor per level',
      leakFree(() => {
        withNet(new Regressor(spec), (m) =>
          expect(monitorNames(m, { 'hid1:out': [2, 1] })).to.deep.equal(['hid1:out<2', 'hid1:out<1']),
        );
      }),
    );

    it(
      'names labelled functions output:label',
      leakFree(() => {
        withNet(new Regressor(spec), (m) => {
          const names = monitorNames(m, {
            'hid1:out': { a: (e) => tf.mean(tf.add(e, 1)), b: (e) => tf.mean(tf.add(e, 2)) },
          });
          expect(names.sort()).to.deep.equal(['hid1:out:a', 'hid1:out:b']);
        });
      }),
    );

    it(
      'skips a pattern that matches nothing',
      leakFree(() => {
        withNet(new Regressor(spec), (m) => expect(monitorNames(m, { 'hid10:out': 1 })).to.deep.equal([]));
      }),
    );

    it(
      'monitors parameters, and globs over them',
      leakFree(() => {
        withNet(new Regressor(spec), (m) => {
          expect(monitorNames(m, { 'hid1.w': 1 })).to.deep.equal(['hid1.w<1']);
          expect(monitorNames(m, { '*.w': 1 })).to.deep.equal(['hid1.w<1', 'hid2.w<1', 'out.w<1']);
          expect(monitorNames(m, { 'hid?.w': 1 })).to.deep.equal(['hid1.w<1', 'hid2.w<1']);
        });
      }),
    );

    it(
      'a threshold monitor is the fraction of values below the level',
      leakFree(() => {
        withNet(new Regressor(spec), (m) => {
          const w = Array.from(m.find('hid1', 'w').value());
          const expected = w.filter((v) => v < 0.05).length / w.length;
          const value = tf.tidy(() => {
            const outputs = m.buildGraph(new Map([['in', tf.tensor2d(INPUTS.map((row) => [...row, 0, 0, 0]))]]));
            const [[, v]] = monitorValues({ 'hid1.w': 0.05 }, outputs, m.layers);
            return v.dataSync()[0];
          });
          expect(value).to.be.closeTo(expected, 1e-6);
        });
      }),
    );
  });

  it('frees every parameter on dispose', () => {
    const before = tf.memory().numTensors;
    const m: Network = new Regressor([7, [8, 'maxout:2'], [12, 'lgrelu'], 5]);
    expect(tf.memory().numTensors - before).to.equal(m.params.length);
    m.dispose();
    expect(tf.memory().numTensors).to.equal(before);
    const layers: Layer[] = m.layers;
    expect(layers[1].params.every((p) => p.variable.isDisposed)).to.equal(true);
  });
});
