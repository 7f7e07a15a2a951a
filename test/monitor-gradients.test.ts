import { expect } from 'chai';
import { OptionError, Regressor, tf, type MonitorValues } from 'tsnets';
import { theanetsData } from './fixtures';

const D = theanetsData();
const DATA = [D.INPUTS, D.OUTPUTS];

/** The validation loss the trainer reports with `weight_l2: 0.01`, from plain numbers. */
function loss(net: Regressor): number {
  const matrices = net.params.filter((p) => p.shape.length > 1).map((p) => Array.from(p.variable.dataSync()));
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const penalty = mean(matrices.map((m) => mean(m.map((v) => v * v))));
  return net.evaluate(DATA).err + 0.01 * penalty;
}

/** The norm of the gradient of `loss` by one parameter, by central differences. */
function finiteDifferenceNorm(net: Regressor, name: string, eps = 1e-2): number {
  const param = net.params.find((p) => p.name === name);
  if (!param) throw new Error(name);
  const values = Float32Array.from(param.variable.dataSync());
  let squares = 0;
  const set = (data: Float32Array) => tf.tidy(() => param.variable.assign(tf.tensor(data, param.shape)));
  for (let i = 0; i < values.length; i++) {
    const moved = values.slice();
    moved[i] = values[i] + eps;
    set(moved);
    const up = loss(net);
    moved[i] = values[i] - eps;
    set(moved);
    const down = loss(net);
    squares += ((up - down) / (2 * eps)) ** 2;
  }
  set(values);
  return Math.sqrt(squares);
}

async function firstValidation(net: Regressor, options: Record<string, unknown>): Promise<MonitorValues> {
  const iterator = net.itertrain(DATA, { weight_l2: 0.01, ...options });
  const { value } = await iterator.next();
  await iterator.return(undefined);
  return (value as [MonitorValues, MonitorValues])[1];
}

describe('monitor_gradients', () => {
  let tensors = 0;
  beforeEach(() => (tensors = tf.memory().numTensors));
  afterEach(() => expect(tf.memory().numTensors, 'tensors leaked').to.equal(tensors));

  it("reports the norm of the validation loss's gradient by each matched parameter", async () => {
    // tanh, not relu: a kink within the step would spoil the differences.
    const net = new Regressor([7, [8, 'tanh'], 5]);
    const expected = {
      'hid1.w': finiteDifferenceNorm(net, 'hid1.w'),
      'out.w': finiteDifferenceNorm(net, 'out.w'),
    };
    // Two batches of 32: the mean of their gradients is the gradient of the whole set's loss.
    const valid = await firstValidation(net, { monitor_gradients: '*.w', batch_size: 32 });
    expect(Object.keys(valid.gradients ?? {})).to.deep.equal(['hid1.w', 'out.w']);
    for (const [name, norm] of Object.entries(expected)) {
      expect(valid.gradients?.[name], name).to.be.closeTo(norm, 2e-3 * norm);
    }
    net.dispose();
  });

  it('takes true for every parameter and several globs, and is off by default', async () => {
    // Fresh networks of one seed: each run starts from the same parameters.
    const run = async (options: Record<string, unknown>) => {
      const net = new Regressor([7, 8, 5]);
      try {
        return await firstValidation(net, { batch_size: 64, ...options });
      } finally {
        net.dispose();
      }
    };
    const all = await run({ monitor_gradients: true });
    expect(Object.keys(all.gradients ?? {})).to.deep.equal(['hid1.w', 'hid1.b', 'out.w', 'out.b']);
    const some = await run({ monitorGradients: ['out.*', 'hid1.b'] });
    expect(Object.keys(some.gradients ?? {})).to.deep.equal(['hid1.b', 'out.w', 'out.b']);
    expect(some.gradients?.['out.b']).to.be.closeTo(all.gradients?.['out.b'] ?? NaN, 1e-6);
    expect(some.gradients?.['out.b']).to.be.above(0);
    const none = await run({});
    expect(none).to.not.have.property('gradients');
  });

  it('is an OptionError naming the parameters when a glob matches none', async () => {
    const net = new Regressor([7, 8, 5]);
    let error: unknown;
    try {
      await firstValidation(net, { monitor_gradients: 'hid9.*' });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(OptionError);
    expect((error as Error).message)
      .to.include('"hid9.*"')
      .and.include('hid1.w');
    net.dispose();
  });
});
