import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classNames, dataDir, files } from '../src/index';

// The package's data folder, found from the compiled test (dist/test) independently of dataDir.
const DATA = join(__dirname, '..', '..', 'data');

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('@tsnets/dataset-fashion-mnist', () => {
  it('names the four files of its data folder, and carries their license', () => {
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
    expect(classNames).to.have.length(10);
    expect(classNames[0]).to.equal('T-shirt/top');
    expect(classNames[9]).to.equal('Ankle boot');
    expect(existsSync(join(DATA, 'LICENSE'))).to.equal(true);
  });

  it('holds the original Fashion-MNIST files byte for byte', () => {
    // SHA-256 of the published files.
    expect(sha256(files('train').images)).to.equal('3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84');
    expect(sha256(files('train').labels)).to.equal('a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845');
    expect(sha256(files('test').images)).to.equal('346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073');
    expect(sha256(files('test').labels)).to.equal('67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5');
  });
});
