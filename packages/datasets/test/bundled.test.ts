import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { bundledPath, digits, iris } from '../src/bundled';

// The package root, found from the compiled test (dist/test) independently of bundledPath.
const DATA = join(__dirname, '..', '..', 'data');

describe('bundled datasets', () => {
  it('finds the data folder of the package', () => {
    expect(bundledPath('digits.csv.gz')).to.equal(join(DATA, 'digits.csv.gz'));
    expect(() => bundledPath('nothing.csv')).to.throw(/not found/);
  });

  it('digits(): 1797 rows of 64 pixels in [0, 1], labels 0..9 with the counts of the file', async () => {
    const data = await digits();
    expect(data.shape).to.deep.equal([1797, 64]);
    expect(data.x.length).to.equal(1797 * 64);
    expect(data.classes).to.equal(10);
    expect(data.classNames).to.deep.equal(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    let min = Infinity;
    let max = -Infinity;
    for (const v of data.x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).to.equal(0);
    expect(max).to.equal(1);

    // Independently: the last field of every line of the gzipped file.
    const lines = gunzipSync(readFileSync(join(DATA, 'digits.csv.gz')))
      .toString('utf8')
      .trim()
      .split('\n');
    const expected = new Array<number>(10).fill(0);
    for (const line of lines) expected[Number(line.split(',')[64])]++;
    const counts = new Array<number>(10).fill(0);
    for (const label of data.labels) counts[label]++;
    expect(counts).to.deep.equal(expected);
    counts.forEach((count) => expect(count).to.be.within(170, 190));
    // The first row, as the file holds it, divided by 16.
    const first = lines[0].split(',').map(Number);
    expect(Array.from(data.x.subarray(0, 64))).to.deep.equal(first.slice(0, 64).map((v) => v / 16));
    expect(data.labels[0]).to.equal(first[64]);
  });

  it('digits() keeps raw pixel values or 8x8 images on request', async () => {
    const raw = await digits({ scale: false, images: true });
    expect(raw.shape).to.deep.equal([1797, 8, 8]);
    expect(Math.max(...raw.x)).to.equal(16);
  });

  it('iris(): 150 flowers, 4 measurements, 3 classes of 50', async () => {
    const data = await iris();
    expect(data.shape).to.deep.equal([150, 4]);
    expect(data.classes).to.equal(3);
    expect(data.classNames).to.deep.equal(['setosa', 'versicolor', 'virginica']);
    expect(data.featureNames).to.have.length(4);
    const counts = [0, 0, 0];
    for (const label of data.labels) counts[label]++;
    expect(counts).to.deep.equal([50, 50, 50]);
    expect(Array.from(data.x.subarray(0, 4))).to.deep.equal([5.1, 3.5, 1.4, 0.2].map(Math.fround));
  });
});
