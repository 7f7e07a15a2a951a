import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classNames, dataDir, files } from '../src/index';

// The package's data folder, found from the compiled test (dist/test) independently of dataDir.
const DATA = join(__dirname, '..', '..', 'data');

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('@tsnets/dataset-mnist', () => {
  it('names the four files of its data folder', () => {
    expect(dataDir).to.equal(DATA);
    expect(files()).to.deep.equal(files('train'));
    expect(files('train')).to.deep.equal({
      images: join(DATA, 'train-images-idx3-ubyte.gz'),
      labels: join(DATA, 'train-labels-idx1-ubyte.gz'),
    });
    expect(files('test')).to.deep.equal({
      images: join(DATA, 't10k-images-idx3-ubyte.gz'),
      labels: join(DATA, 't10k-labels-idx1-ubyte.gz'),
    });
    expect(() => files('valid' as 'test')).to.throw(RangeError, /'train' or 'test'/);
    expect(classNames).to.deep.equal(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('holds the original MNIST files byte for byte', () => {
    // SHA-256 of the published files.
    expect(sha256(files('train').images)).to.equal('440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609');
    expect(sha256(files('train').labels)).to.equal('3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c');
    expect(sha256(files('test').images)).to.equal('8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6');
    expect(sha256(files('test').labels)).to.equal('f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6');
  });
});
