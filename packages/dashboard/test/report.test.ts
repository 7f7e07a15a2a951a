import { expect } from 'chai';
import { Autoencoder, Regressor, tf } from '@tsnets/core';
import { matrixOf, noLeakedTensors, randn } from '@tsnets/testing';
import { featureTiles, hiddenActivity, reportHtml } from '../src/index';

describe('dashboard pieces', () => {
  noLeakedTensors();

  it('featureTiles shows each first-layer unit as a square tile scaled to 0..255, only for square inputs', () => {
    const net = new Autoencoder([16, 3, 16]);
    const tiles = featureTiles(net, 5);
    expect(tiles).to.include({ side: 4, count: 3, version: 5 });
    const bytes = Buffer.from(tiles?.pixels ?? '', 'base64');
    expect(bytes).to.have.length(48);
    const w = matrixOf(net, 'hid1.w');
    for (let unit = 0; unit < 3; unit++) {
      const column = w.map((row) => row[unit]);
      const low = Math.min(...column);
      const high = Math.max(...column);
      const expected = column.map((v) => Math.round((255 * (v - low)) / (high - low)));
      expect([...bytes.subarray(unit * 16, unit * 16 + 16)], `unit ${unit}`).to.deep.equal(expected);
    }
    const flat = new Regressor([7, 3, 2]);
    expect(featureTiles(flat, 0)).to.equal(undefined);
    net.dispose();
    flat.dispose();
  });

  it('hiddenActivity is the fraction of each hidden layer near zero', () => {
    const net = new Regressor([4, [3, 'relu'], [2, 'relu'], 1]);
    const x = randn(10, 4);
    const w = matrixOf(net, 'hid1.w');
    const b = Array.from(net.find('hid1', 'b').value());
    let zeros = 0;
    for (const row of x) {
      for (let j = 0; j < 3; j++) {
        const h = Math.max(
          0,
          row.reduce((sum, v, i) => sum + v * w[i][j], b[j]),
        );
        if (h < 1e-3) zeros += 1;
      }
    }
    const activity = hiddenActivity(net, x);
    expect(activity).to.have.keys('hid1', 'hid2');
    expect(activity.hid1).to.be.closeTo(zeros / 30, 1e-6);
    net.dispose();
  });

  it('reportHtml writes one self-contained page of the last run, and refuses a model without history', async () => {
    const net = new Autoencoder([16, 4, 16]);
    expect(() => reportHtml(net, 'm.tsnets')).to.throw(/m\.tsnets has no training history/);
    await net.train([randn(32, 16)], { hidden_l1: 0.1, max_updates: 2, validate_every: 1 });
    const html = reportHtml(net);
    expect(html).to.not.match(/(src|href)=/);
    expect(html).to.include('uPlot').and.include('"status":"report"').and.include('"hidden_l1"');
    // The embedded state cannot end its script early.
    net.history[0].regularizers[0].options.note = '</script><script>alert(1)</script>';
    expect(reportHtml(net)).to.not.include('</script><script>alert(1)');
    expect(tf.memory().numTensors).to.be.above(0);
    net.dispose();
  });
});
