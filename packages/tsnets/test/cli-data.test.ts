import { expect } from 'chai';
import { tf } from '../src/index';
import * as datasets from '@tsnets/datasets';
import { splitData } from '../src/cli/data';
import { examples } from '../src/cli/examples';

/** 20 rows of 3 features (row i: 3i, 3i + 1, 3i + 2), labels i % 4. */
function numbered(): datasets.LabeledDataset {
  const x = Float32Array.from({ length: 60 }, (_, i) => i);
  return datasets.createDataset(x, [20, 3], { labels: Int32Array.from({ length: 20 }, (_, i) => i % 4) });
}

describe('cli: the training data is held once', () => {
  it('splits the loaded set in place: the parts are views of it, as split would copy them', () => {
    const data = numbered();
    const parts = splitData(data, 0.2, 0.1, 13);
    const copies = datasets.split(numbered(), { valid: 0.2, test: 0.1, rng: 13 });
    for (const part of ['train', 'valid', 'test'] as const) {
      expect(parts[part].x.buffer, part).to.equal(data.x.buffer);
      expect(Array.from(parts[part].x), part).to.deep.equal(Array.from(copies[part].x));
      expect(Array.from(parts[part].labels!), part).to.deep.equal(Array.from(copies[part].labels!));
    }
  });

  it("makes tensors that share the part's arrays (on the cpu backend, which keeps an array it is given)", async () => {
    const previous = tf.getBackend();
    await tf.setBackend('cpu');
    try {
      const { train } = splitData(numbered(), 0.2, 0, 13);
      const [x, labels] = examples(train, 'classifier', 4, 'numbered');
      expect(x.dataSync()).to.equal(train.x);
      expect(labels.dataSync()).to.equal(train.labels);
      tf.dispose([x, labels]);
    } finally {
      await tf.setBackend(previous);
    }
  });
});
