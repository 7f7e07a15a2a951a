import { RandomState } from 'tsnets';

/** Rows of `cols` float32 values from a flat array. */
export function rows(values: ArrayLike<number>, count: number, cols: number): number[][] {
  const f32 = Float32Array.from(values as ArrayLike<number>);
  return Array.from({ length: count }, (_, i) => Array.from(f32.subarray(i * cols, (i + 1) * cols)));
}

/** theanets' test data: 64 examples, 7 inputs, 5 outputs, 6 classes, drawn from RandomState(13). */
export function theanetsData() {
  const rng = new RandomState(13);
  const INPUTS = rows(rng.randn(64 * 7), 64, 7);
  const INPUT_WEIGHTS = rows(rng.randn(64 * 7).map(Math.abs), 64, 7);
  const OUTPUTS = rows(rng.randn(64 * 5), 64, 5);
  const OUTPUT_WEIGHTS = rows(rng.randn(64 * 5).map(Math.abs), 64, 5);
  const CLASSES = Array.from({ length: 64 }, () => rng.randomInterval(5));
  const CLASS_WEIGHTS = Array.from(rng.rand(64));
  return { INPUTS, INPUT_WEIGHTS, OUTPUTS, OUTPUT_WEIGHTS, CLASSES, CLASS_WEIGHTS };
}
