// Elementwise float32 kernels that replace tfjs-backend-cpu's JavaScript
// loops (which, for a broadcast or a transpose, compute a multi-index per
// element and run 10 to 50 times slower than memory allows).
#pragma once

#include <cstdint>

namespace tsnets {

/**
 * One operand of a binary operation: output i reads values[(i / repeat) % len].
 * With repeat 1 the values tile the output whole (a scalar, a bias row, or
 * the full shape); with repeat r each value covers a run of r outputs (a
 * column, e.g. a per-row sum against a matrix).
 */
struct Operand {
  const float *values;
  long len;
  long repeat;
};

/** Binary operations, in the numbering the addon's callers use. */
enum class BinaryOp { kAdd = 0, kSub = 1, kMul = 2, kDiv = 3, kSquaredDifference = 4 };

/**
 * out[i] = a op b at output i, for i < out_len. Either both repeat 1, the
 * longer has out_len values and the shorter's length divides it; or one is a
 * column (len * repeat == out_len) and the other has out_len values with
 * repeat 1. Single float operations, so results equal JavaScript's.
 */
void binary_op(BinaryOp op, Operand a, Operand b, float *out, long out_len);

/** Comparisons, in the numbering the addon's callers use. */
enum class CompareOp { kLess = 0, kLessEqual = 1, kGreater = 2, kGreaterEqual = 3, kEqual = 4, kNotEqual = 5 };

/** out[i] = a op b at output i as 1 or 0, with operands as in binary_op. */
void compare_op(CompareOp op, Operand a, Operand b, uint8_t *out, long out_len);

/** Unary operations, in the numbering the addon's callers use. */
enum class UnaryOp {
  kRelu = 0,
  kStep = 1,  // 1 where x > 0, else alpha; NaN stays NaN
  kSquare = 2,
  kSqrt = 3,
  kNeg = 4,
  kExp = 5,
  kLog = 6,
  kSigmoid = 7,
  kTanh = 8,
  kAbs = 9,
};

/** out[i] = op(x[i]) for i < len; `alpha` is Step's value for x <= 0. NaN propagates as in tfjs' cpu kernels. */
void unary_op(UnaryOp op, const float *x, long len, float alpha, float *out);

/**
 * Sums over the middle axis of x viewed as [outer, mid, inner]:
 * out[o * inner + i] = scale * sum over m of x[(o * mid + m) * inner + i],
 * accumulated in double (the cpu kernel accumulates in a JavaScript number).
 * A contiguous run of reduced axes always has this form; scale = 1 / mid
 * gives the mean.
 */
void reduce_sum(const float *x, long outer, long mid, long inner, double scale, float *out);

/**
 * Softmax of each row of a rows x cols matrix (cols >= 1), as the cpu
 * kernel: exp(x - max) over the sum of the row's exps (summed in double). A
 * NaN anywhere in a row makes the whole row NaN.
 */
void softmax_rows(const float *x, long rows, long cols, float *out);

/** out = the last two axes of x swapped, for `batch` dense rows x cols matrices. */
void transpose_last2(const float *x, long batch, long rows, long cols, float *out);

}  // namespace tsnets
