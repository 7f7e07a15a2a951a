/** unitUsage over activations in chunks of rows gives what it gives over them whole. */
import { expect } from 'chai';
import { tf } from 'tsnets';
import { unitUsage } from '../lib/units';

describe('examples/lib/units: unitUsage', () => {
  // 30 rows of 4 units: unit 0 is zero in the first chunk's rows and fires later, unit 1 never fires.
  const values = Array.from({ length: 30 * 4 }, (_, i) => {
    const [row, unit] = [Math.floor(i / 4), i % 4];
    if (unit === 1 || (unit === 0 && row < 10)) return 0;
    return ((row * 7 + unit * 3) % 11) / 10;
  });

  it('gives the same ranks, means, firing rates, sparsity and dead units in chunks as whole', () => {
    const whole = tf.tensor2d(values, [30, 4]);
    const chunks = [tf.slice(whole, 0, 10), tf.slice(whole, 10, 15), tf.slice(whole, 25, 5)] as tf.Tensor2D[];
    const before = tf.memory().numTensors;
    const [one, parts] = [unitUsage(whole, 0.25), unitUsage(chunks, 0.25)];
    expect(tf.memory().numTensors).to.equal(before);
    expect(parts.order).to.deep.equal(one.order);
    for (const key of ['mean', 'firing'] as const)
      parts[key].forEach((v, i) => expect(v, `${key} ${i}`).to.be.closeTo(one[key][i], 1e-6));
    expect(parts.sparsity).to.be.closeTo(one.sparsity, 1e-6);
    expect([one.dead, parts.dead]).to.deep.equal([1, 1]);
    tf.dispose([whole, ...chunks]);
  });
});
