import { tf } from '../tf';

/**
 * Gradients TensorFlow.js' wasm backend lacks or gets wrong, replaced for
 * the shapes tsnets' convolution and pooling layers run. Registered when core
 * loads; other backends are left alone.
 */
export function registerWasmGradients(): void {
  registerFilterGradient();
  registerMaxPoolGradient();
}

type TensorInfo = tf.TensorInfo;

/**
 * TensorFlow.js' wasm backend has no `Conv2DBackpropFilter`, so no 2-d
 * convolution trains on it (and its 3-d filter gradient is wrong for strides
 * above 1). The filter gradient of a 'valid' correlation at stride s,
 *
 *     dW[r, c, i, o] = Σ_{n, u, v} x[n, u·s_h + r, v·s_w + c, i] · dy[n, u, v, o],
 *
 * is itself a correlation: of x with batch and channels swapped (`[C, H, W,
 * N]`) by the filter dy `[oh, ow, N, O]` dilated by the stride. This kernel
 * runs that on wasm's own `Conv2D`, keeps the first `[fh, fw]` positions and
 * puts the axes back. It serves what tsnets' layers run: 'valid' windows
 * (they pad the input for the other border modes), channels last.
 */
function registerFilterGradient(): void {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm') !== undefined) return;
  const [conv2d, transpose, slice] = ['Conv2D', 'Transpose', 'Slice'].map((name) => tf.getKernel(name, 'wasm'));
  if (conv2d === undefined || transpose === undefined || slice === undefined) return;
  const kernelFunc: tf.KernelFunc = ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
    const { strides, pad, dataFormat, filterShape } = attrs as tf.NamedAttrMap & {
      strides: number | [number, number];
      pad: unknown;
      dataFormat?: string;
      filterShape: [number, number, number, number];
    };
    if (pad !== 'valid' || (dataFormat !== undefined && dataFormat !== 'NHWC')) {
      throw new Error(
        `tsnets' wasm Conv2DBackpropFilter handles 'valid' padding in NHWC layout (pad the input first), got ${JSON.stringify(pad)} ${dataFormat}.`,
      );
    }
    const run = (kernel: tf.KernelConfig, named: tf.NamedTensorInfoMap, kernelAttrs: tf.NamedAttrMap): TensorInfo =>
      kernel.kernelFunc({ inputs: named, backend, attrs: kernelAttrs }) as TensorInfo;
    const [fh, fw, cin, cout] = filterShape;
    const swapped = run(transpose, { x }, { perm: [3, 1, 2, 0] });
    const filter = run(transpose, { x: dy }, { perm: [1, 2, 0, 3] });
    const full = run(
      conv2d,
      { x: swapped, filter },
      { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: strides },
    );
    const kept = run(slice, { x: full }, { begin: [0, 0, 0, 0], size: [cin, fh, fw, cout] });
    const result = run(transpose, { x: kept }, { perm: [1, 2, 0, 3] });
    for (const t of [swapped, filter, full, kept]) (backend as tf.KernelBackend).disposeData(t.dataId);
    return result;
  };
  tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc });
}

/** The wasm backend's own methods this file uses. */
interface WasmBackend {
  readSync(dataId: object): ArrayLike<number>;
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
}

/**
 * wasm's `MaxPoolGrad` sends gradients to the wrong positions for some
 * window and stride combinations (2x2 windows at stride 2 on odd images
 * among them). This one routes each output's gradient to the first largest
 * value of its window, as the cpu backend does.
 */
function registerMaxPoolGradient(): void {
  if (tf.getKernel('MaxPoolGrad', 'wasm')?.kernelFunc === maxPoolGrad) return;
  // Replacing a kernel: unregister first, as registering over one logs a warning.
  if (tf.getKernel('MaxPoolGrad', 'wasm') !== undefined) tf.unregisterKernel('MaxPoolGrad', 'wasm');
  tf.registerKernel({ kernelName: 'MaxPoolGrad', backendName: 'wasm', kernelFunc: maxPoolGrad });
}

const maxPoolGrad: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as tf.NamedAttrMap & {
    filterSize: number | [number, number];
    strides: number | [number, number];
    pad: 'valid' | 'same' | number;
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
  };
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const wasm = backend as unknown as WasmBackend;
  const x = wasm.readSync(input.dataId);
  const g = wasm.readSync(dy.dataId);
  const out = wasm.makeOutput(input.shape, 'float32');
  const dx = wasm.typedArrayFromHeap(out);
  dx.fill(0);
  const [, H, W, C] = input.shape;
  const { outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const { top, left } = info.padInfo;
  for (let n = 0; n < info.batchSize; n++) {
    for (let u = 0; u < outHeight; u++) {
      for (let v = 0; v < outWidth; v++) {
        for (let c = 0; c < C; c++) {
          let best = -1;
          for (let r = 0; r < filterHeight; r++) {
            const h = u * strideHeight - top + r;
            if (h < 0 || h >= H) continue;
            for (let q = 0; q < filterWidth; q++) {
              const w = v * strideWidth - left + q;
              if (w < 0 || w >= W) continue;
              const at = ((n * H + h) * W + w) * C + c;
              if (best < 0 || x[at] > x[best]) best = at;
            }
          }
          if (best >= 0) dx[best] += g[((n * outHeight + u) * outWidth + v) * C + c];
        }
      }
    }
  }
  return out;
};
