/** Model documents are data: every malformed one is a ModelFileError naming the entry, found before anything is built. */
import { expect } from 'chai';
import {
  Autoencoder,
  FORMAT_VERSION,
  ModelFileError,
  Network,
  Regressor,
  fromDocument,
  tf,
  toDocument,
  type ModelDocument,
} from '../src/index';
import { parameterChecksum } from '../src/graph/model-checksum';
import { MODEL_LIMITS } from '../src/graph/save';
import { INPUTS, NUM_INPUTS, REG_LAYERS, leakFree, take } from './helpers';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A fresh, valid document of a Regressor, as JSON would give it. */
function documentOf(net: Network): Doc {
  return JSON.parse(JSON.stringify(toDocument(net)));
}

/** Expects `fromDocument(doc)` to fail with a ModelFileError for `entry`; returns it. */
function refused(doc: unknown, entry: string | undefined): ModelFileError {
  const before = tf.memory().numTensors;
  try {
    fromDocument(doc as ModelDocument, 'm.json').dispose();
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(ModelFileError);
    const failure = error as ModelFileError;
    expect(failure.path).to.equal('m.json');
    expect(failure.entry).to.equal(entry);
    if (entry) expect(failure.message).to.include(`"m.json": ${entry}:`);
    expect(tf.memory().numTensors, 'tensors after the failed load').to.equal(before);
    return failure;
  }
  throw new Error(`the document should not load (${entry})`);
}

/** Sets the stored values of one parameter and a checksum that fits them (a file written that way, not damaged). */
function setValues(doc: Doc, name: string, values: number[]): void {
  doc.params[name].data = Buffer.from(new Float32Array(values).buffer).toString('base64');
  const decoded = new Map<string, Float32Array>(
    Object.entries(doc.params as Record<string, { data: string }>).map(([key, p]) => {
      const bytes = Buffer.from(p.data, 'base64');
      return [key, new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length))];
    }),
  );
  doc.checksum = parameterChecksum(doc.params, decoded);
}

describe('model documents', () => {
  let net: Regressor;
  let valid: Doc;

  before(() => {
    net = new Regressor(REG_LAYERS, { rng: 4 });
    valid = documentOf(net);
  });
  after(() => net.dispose());

  const fresh = (): Doc => structuredClone(valid);

  it(
    'writes version 2 with a sha256 checksum of the parameters, and loads it back identical',
    leakFree(() => {
      expect(valid.version).to.equal(FORMAT_VERSION).and.equal(2);
      expect(valid.checksum).to.match(/^sha256:[0-9a-f]{64}$/);
      const loaded = fromDocument(fresh() as ModelDocument);
      loaded.params.forEach((p, i) => expect(p.value()).to.deep.equal(net.params[i].value()));
      expect(take(loaded.predict(INPUTS))).to.deep.equal(take(net.predict(INPUTS)));
      loaded.dispose();
    }),
  );

  it(
    'still loads version 1 files, which have no checksum',
    leakFree(() => {
      const old = fresh();
      old.version = 1;
      delete old.checksum;
      const loaded = fromDocument(old as ModelDocument);
      expect(take(loaded.predict(INPUTS))).to.deep.equal(take(net.predict(INPUTS)));
      loaded.dispose();
    }),
  );

  it(
    'reads inputs named by layer alone (hid1 for hid1:out) as the layers do',
    leakFree(() => {
      const multi = new Regressor([NUM_INPUTS, 4, { size: 3, inputs: ['hid1', 'in'] }]);
      const doc = documentOf(multi);
      expect(doc.layers[2].inputs).to.deep.equal(['hid1:out', 'in:out']);
      doc.layers[2].inputs = ['hid1', 'in'];
      const loaded = fromDocument(doc as ModelDocument);
      expect(take(loaded.predict(INPUTS))).to.deep.equal(take(multi.predict(INPUTS)));
      loaded.dispose();
      multi.dispose();
    }),
  );

  it(
    'refuses a changed weight: one flipped base64 character fails the checksum',
    leakFree(() => {
      const doc = fresh();
      const data: string = doc.params['hid2.w'].data;
      doc.params['hid2.w'].data = (data[10] === 'A' ? 'B' : 'A').padStart(11, data.slice(0, 10)) + data.slice(11);
      expect(refused(doc, 'checksum').reason).to.match(/checksum does not match.*changed or damaged/);
      const missing = fresh();
      delete missing.checksum;
      expect(refused(missing, 'checksum').reason).to.match(/expected a string "sha256:"/);
    }),
  );

  it(
    'refuses NaN and infinite parameters, even with a checksum that fits them, naming the value',
    leakFree(() => {
      for (const bad of [NaN, Infinity, -Infinity]) {
        const doc = fresh();
        const values = Array.from({ length: NUM_INPUTS * 8 }, (_, i) => (i === 9 ? bad : 0.5));
        setValues(doc, 'hid1.w', values);
        expect(refused(doc, 'params["hid1.w"].data').reason).to.equal(
          `value 9 is ${bad}; model parameters must be finite numbers. Retrain or restore the model from a good copy.`,
        );
      }
    }),
  );

  it('checks declared sizes against the stored shapes before building: 10^7 and 10^9 units fail at once', () => {
    const started = Date.now();
    const wide = fresh();
    Object.assign(wide.layers[1], { size: 1e7, shape: [1e7] });
    expect(refused(wide, 'layers[1].size').reason).to.match(/declares 10000000 units.*hid1.w has shape \[7,8\]/);
    const input = fresh();
    Object.assign(input.layers[0], { size: 1e7, shape: [1e7] });
    expect(refused(input, 'layers[1].size').reason).to.match(/reads "in" of 10000000/);
    const huge = fresh();
    Object.assign(huge.layers[2], { size: 1e9, shape: [1e9] });
    expect(refused(huge, 'layers[2].size').reason).to.match(/1000000000 exceeds the limit of 16777216 units/);
    const param = fresh();
    param.params['out.b'].shape = [1e9];
    expect(refused(param, 'params["out.b"].shape[0]').reason).to.match(/exceeds the limit/);
    expect(Date.now() - started, 'milliseconds to refuse them').to.be.below(1000);
  });

  it('checks maxout pieces against the stored slope before building', () => {
    const ae = new Autoencoder([NUM_INPUTS, [3, 'maxout:2'], NUM_INPUTS]);
    const doc = documentOf(ae);
    ae.dispose();
    doc.layers[1].activation = 'maxout:100000000';
    expect(refused(doc, 'layers[1].activation').reason).to.match(/maxout:K with K from 1 to 65536/);
    doc.layers[1].activation = 'maxout:4000';
    expect(refused(doc, 'layers[1].size').reason).to.match(/4000 maxout pieces.*hid1.slope has shape \[3,2\]/);
  });

  const malformed: Array<[string, (doc: Doc) => unknown, string | undefined, RegExp]> = [
    ['a shape that is a number', (d) => (d.params['hid1.w'].shape = 12), 'params["hid1.w"].shape', /found number 12/],
    ['data that is a number', (d) => (d.params['hid1.w'].data = 12345), 'params["hid1.w"].data', /base64 string/],
    [
      'data that is not base64',
      (d) => (d.params['out.b'].data = '!'.repeat(d.params['out.b'].data.length)),
      'params["out.b"].data',
      /not valid base64/,
    ],
    ['a null layer', (d) => (d.layers[1] = null), 'layers[1]', /found null/],
    ['a layer without a name', (d) => delete d.layers[2].name, 'layers[2].name', /the entry is missing/],
    [
      'an input of no earlier layer',
      (d) => (d.layers[1].inputs = ['out:out']),
      'layers[1].inputs[0]',
      /not an output of an earlier layer/,
    ],
    ['an unknown layer option', (d) => (d.layers[1].colour = 'red'), 'layers[1].colour', /not a layer option/],
    // Every layer draws from the network's rng: a saved layer spec carries none.
    ['an rng in a layer spec', (d) => (d.layers[1].rng = 5), 'layers[1].rng', /not a layer option/],
    [
      'data with a bad first character',
      (d) => (d.params['out.b'].data = `!${d.params['out.b'].data.slice(1)}`),
      'params["out.b"].data',
      /not valid base64/,
    ],
    [
      'data with a bad character before the padding',
      (d) => (d.params['out.b'].data = d.params['out.b'].data.replace(/.(=*)$/, '!$1')),
      'params["out.b"].data',
      /not valid base64/,
    ],
    ['a string size', (d) => (d.layers[1].size = '8'), 'layers[1].size', /found string "8"/],
    ['a size that disagrees with the shape', (d) => (d.layers[1].shape = [9]), 'layers[1].size', /ends in 9/],
    [
      'a string format version',
      (d) => (d.version = '2'),
      'version',
      /format version is string "2"; versions are whole numbers from 1 to 2/,
    ],
    ['format version 0', (d) => (d.version = 0), 'version', /format version is number 0/],
    [
      'a newer format version',
      (d) => (d.version = 3),
      'version',
      /version 3, newer than this tsnets reads \(2\). Upgrade/,
    ],
    ['a negative rng', (d) => (d.rng = -1), 'rng', /a whole number from 0/],
    ['a loss that is a number', (d) => (d.losses[0] = 5), 'losses[0]', /a loss spec object/],
    ['no losses', (d) => (d.losses = []), 'losses', /non-empty array/],
    ['params as an array', (d) => (d.params = []), 'params', /an object of parameters/],
    ['a parameter of no layer', (d) => (d.params['hid9.w'] = d.params['hid1.w']), 'params["hid9.w"]', /no layer/],
    ['a missing parameter', (d) => delete d.params['hid2.b'], 'params["hid2.b"]', /"hid2.b" is missing/],
    ['a foreign format', (d) => (d.format = 'keras'), undefined, /not a tsnets model file/],
    ['an unknown kind', (d) => (d.kind = 'gan'), 'kind', /unknown model kind "gan" \(known: .*regressor/],
    [
      'a version 1 file whose checksum does not fit (one it has is checked)',
      (d) => {
        d.version = 1;
        d.checksum = `sha256:${'0'.repeat(64)}`;
      },
      'checksum',
      /checksum does not match/,
    ],
  ];
  for (const [what, mutate, entry, reason] of malformed) {
    it(`refuses ${what}, naming ${entry ?? 'the file'}, with nothing leaked`, () => {
      const doc = fresh();
      mutate(doc);
      expect(refused(doc, entry).reason).to.match(reason);
    });
  }

  it('refuses a document that is not an object', () => {
    for (const doc of [null, 12, 'x', [1, 2]]) refused(doc, undefined);
  });

  it('names "(document)" as the file of a document given without a path', () => {
    const doc = fresh();
    doc.kind = 'gan';
    expect(() => fromDocument(doc as ModelDocument)).to.throw(ModelFileError, '"(document)": kind:');
  });

  it('reads padding-free and double-padded base64 (parameters of 3k and 3k + 1 values)', () => {
    const ae = new Autoencoder([3, 4, 3]);
    const doc = documentOf(ae);
    expect(doc.params['hid1.w'].data).to.not.include('='); // 12 values, 48 bytes
    expect(doc.params['out.b'].data).to.match(/[^=]$/); // 3 values, 12 bytes
    expect(doc.params['hid1.b'].data).to.match(/==$/); // 4 values, 16 bytes
    const loaded = fromDocument(doc);
    loaded.params.forEach((p, i) => expect(p.value()).to.deep.equal(ae.params[i].value()));
    loaded.dispose();
    ae.dispose();
  });

  it('limits are what the docs say', () => {
    expect(MODEL_LIMITS).to.include({ units: 2 ** 24, parameterValues: 2 ** 28, layers: 10_000 });
  });
});
