import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DataError } from '@tsnets/core';
import { bundledPath, digits, fashionMnist, iris, mnist } from '../src/bundled';
import type { LabeledDataset } from '../src/dataset';
import { thrown } from './helpers';
import { MissingDatasetError, requireDatasetPackage, type IdxSetPackage } from '../src/optional';

// MNIST and Fashion-MNIST live in their own packages, workspace members here; their files, found from them.
const MNIST = require('@tsnets/dataset-mnist') as IdxSetPackage;
const FASHION = require('@tsnets/dataset-fashion-mnist') as IdxSetPackage;

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

  /** Label counts and the pixels of one image, read from the raw IDX bytes (16- and 8-byte headers). */
  function raw(pkg: IdxSetPackage, set: 'train' | 'test', image: number) {
    const images = gunzipSync(readFileSync(pkg.files(set).images));
    const labels = gunzipSync(readFileSync(pkg.files(set).labels));
    const counts = new Array(10).fill(0);
    for (let i = 8; i < labels.length; i++) counts[labels[i]]++;
    const pixels = Array.from(images.subarray(16 + 784 * image, 16 + 784 * (image + 1)), (v) => Math.fround(v / 255));
    return { counts, label: labels[8 + image], pixels };
  }

  function expectLike(data: LabeledDataset, rows: number, expected: ReturnType<typeof raw>, image: number) {
    expect(data.shape).to.deep.equal([rows, 784]);
    expect(data.classes).to.equal(10);
    const counts = new Array(10).fill(0);
    for (const label of data.labels) counts[label]++;
    expect(counts).to.deep.equal(expected.counts);
    expect(data.labels[image]).to.equal(expected.label);
    expect(Array.from(data.x.subarray(784 * image, 784 * (image + 1)))).to.deep.equal(expected.pixels);
  }

  it('leaves MNIST and Fashion-MNIST out: their files are in their own packages', () => {
    expect(() => bundledPath('mnist/train-images-idx3-ubyte.gz')).to.throw(/not found/);
    expect(() => bundledPath('fashion-mnist/train-images-idx3-ubyte.gz')).to.throw(/not found/);
  });

  it('a missing optional package: a MissingDatasetError naming it and the command that installs it', () => {
    const error = thrown(() => requireDatasetPackage('MNIST', '@tsnets/dataset-nowhere', []));
    expect(error).to.be.instanceOf(MissingDatasetError).and.instanceOf(DataError);
    const missing = error as MissingDatasetError;
    expect(missing.name).to.equal('MissingDatasetError');
    expect(missing.dataset).to.equal('MNIST');
    expect(missing.packageName).to.equal('@tsnets/dataset-nowhere');
    expect(missing.install).to.equal('npm install @tsnets/dataset-nowhere');
    expect(missing.message)
      .to.match(/^MNIST is not installed/)
      .and.include('optional package @tsnets/dataset-nowhere')
      .and.include('`npm install @tsnets/dataset-nowhere`');
    // Found from the workspace: the real packages resolve.
    expect(requireDatasetPackage('MNIST', '@tsnets/dataset-mnist', [])).to.equal(MNIST);
  });

  it('a package that is there but fails to load is not reported as missing', () => {
    // A module that exists and throws on load (its own missing import, say) must surface as it is.
    const error = thrown(() => requireDatasetPackage('X', join(DATA, 'iris.csv'), []));
    expect(error).not.to.be.instanceOf(MissingDatasetError);
  });

  it('mnist(): 60,000 training and 10,000 test digits, pixels / 255, labels as in the files', async () => {
    expectLike(await mnist(), 60000, raw(MNIST, 'train', 59999), 59999);
    const test = await mnist({ set: 'test' });
    expectLike(test, 10000, raw(MNIST, 'test', 0), 0);
    // The well-known first test digit is a 7.
    expect(test.labels[0]).to.equal(7);
    expect(test.classNames).to.deep.equal(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect((await mnist({ set: 'test', images: true })).shape).to.deep.equal([10000, 28, 28]);
  });

  it('fashionMnist(): 60,000 and 10,000 images of ten clothing classes, 6,000 and 1,000 each', async () => {
    const train = await fashionMnist();
    expectLike(train, 60000, raw(FASHION, 'train', 123), 123);
    expect(raw(FASHION, 'train', 0).counts).to.deep.equal(new Array(10).fill(6000));
    const test = await fashionMnist({ set: 'test' });
    expectLike(test, 10000, raw(FASHION, 'test', 9999), 9999);
    expect(raw(FASHION, 'test', 0).counts).to.deep.equal(new Array(10).fill(1000));
    expect(test.classNames).to.have.length(10);
    expect(test.classNames?.[0]).to.equal('T-shirt/top');
    expect(test.classNames?.[9]).to.equal('Ankle boot');
  });
});
