// Elementwise float32 kernels that replace tfjs-backend-cpu's JavaScript
// loops (which, for a broadcast or a transpose, compute a multi-index per
// element and run 10 to 50 times slower than memory allows).
#pragma once

namespace tsnets {

/** Binary operations, in the numbering the addon's callers use. */
enum class BinaryOp { kAdd = 0, kSub = 1, kMul = 2, kDiv = 3 };

/**
 * out[i] = a[i % a_len] op b[i % b_len] for i < out_len, where a_len and
 * b_len divide out_len and the shorter divides the longer: each operand is
 * repeated along the leading axes of the output (a scalar, a row vector, or
 * the full shape). Single float operations, so results equal JavaScript's.
 */
void binary_op(BinaryOp op, const float *a, long a_len, const float *b, long b_len, float *out, long out_len);

/** out = the last two axes of x swapped, for `batch` dense rows x cols matrices. */
void transpose_last2(const float *x, long batch, long rows, long cols, float *out);

}  // namespace tsnets
