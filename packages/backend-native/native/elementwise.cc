#include "elementwise.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace tsnets {
namespace {

// Either one operand repeats each of its values over a run of `repeat`
// outputs (a column) and the other has out_len values, or both repeat whole
// (see Operand) and the longer has out_len values. The inner loops are plain
// enough for the compiler to vectorize.
template <typename F, typename T>
void apply(F f, Operand a, Operand b, T *out, long out_len) {
  if (a.repeat > 1 || b.repeat > 1) {
    const bool column_first = a.repeat > 1;
    const Operand &column = column_first ? a : b;
    const float *full = column_first ? b.values : a.values;
    for (long r = 0, base = 0; base < out_len; ++r, base += column.repeat) {
      const float s = column.values[r];
      const float *x = full + base;
      T *o = out + base;
      if (column_first) {
        for (long j = 0; j < column.repeat; ++j) o[j] = f(s, x[j]);
      } else {
        for (long j = 0; j < column.repeat; ++j) o[j] = f(x[j], s);
      }
    }
    return;
  }
  const float *av = a.values, *bv = b.values;
  const long a_len = a.len, b_len = b.len;
  if (a_len == out_len && b_len == out_len) {
    for (long i = 0; i < out_len; ++i) out[i] = f(av[i], bv[i]);
  } else if (b_len == 1 && a_len == out_len) {
    const float s = bv[0];
    for (long i = 0; i < out_len; ++i) out[i] = f(av[i], s);
  } else if (a_len == 1 && b_len == out_len) {
    const float s = av[0];
    for (long i = 0; i < out_len; ++i) out[i] = f(s, bv[i]);
  } else {
    // Blocks of the shorter operand's length; the longer one advances with them.
    const long block = a_len < b_len ? a_len : b_len;
    for (long base = 0; base < out_len; base += block) {
      const float *ab = av + base % a_len;
      const float *bb = bv + base % b_len;
      T *ob = out + base;
      for (long j = 0; j < block; ++j) ob[j] = f(ab[j], bb[j]);
    }
  }
}

}  // namespace

void binary_op(BinaryOp op, Operand a, Operand b, float *out, long out_len) {
  switch (op) {
    case BinaryOp::kAdd:
      return apply([](float x, float y) { return x + y; }, a, b, out, out_len);
    case BinaryOp::kSub:
      return apply([](float x, float y) { return x - y; }, a, b, out, out_len);
    case BinaryOp::kMul:
      return apply([](float x, float y) { return x * y; }, a, b, out, out_len);
    case BinaryOp::kDiv:
      return apply([](float x, float y) { return x / y; }, a, b, out, out_len);
    case BinaryOp::kSquaredDifference:
      return apply([](float x, float y) { return (x - y) * (x - y); }, a, b, out, out_len);
  }
}

void compare_op(CompareOp op, Operand a, Operand b, uint8_t *out, long out_len) {
  // Any comparison with NaN is false but "not equal" (IEEE), as in JavaScript.
  switch (op) {
    case CompareOp::kLess:
      return apply([](float x, float y) -> uint8_t { return x < y; }, a, b, out, out_len);
    case CompareOp::kLessEqual:
      return apply([](float x, float y) -> uint8_t { return x <= y; }, a, b, out, out_len);
    case CompareOp::kGreater:
      return apply([](float x, float y) -> uint8_t { return x > y; }, a, b, out, out_len);
    case CompareOp::kGreaterEqual:
      return apply([](float x, float y) -> uint8_t { return x >= y; }, a, b, out, out_len);
    case CompareOp::kEqual:
      return apply([](float x, float y) -> uint8_t { return x == y; }, a, b, out, out_len);
    case CompareOp::kNotEqual:
      return apply([](float x, float y) -> uint8_t { return x != y; }, a, b, out, out_len);
  }
}

namespace {

template <typename F>
void map(F f, const float *x, long len, float *out) {
  for (long i = 0; i < len; ++i) out[i] = f(x[i]);
}

}  // namespace

void unary_op(UnaryOp op, const float *x, long len, float alpha, float *out) {
  switch (op) {
    case UnaryOp::kRelu:
      // Written so that NaN < 0 is false and NaN passes through, as Math.max(0, NaN) does.
      return map([](float v) { return v < 0.0f ? 0.0f : v; }, x, len, out);
    case UnaryOp::kStep:
      return map([alpha](float v) { return v > 0.0f ? 1.0f : (v != v ? v : alpha); }, x, len, out);
    case UnaryOp::kSquare:
      return map([](float v) { return v * v; }, x, len, out);
    case UnaryOp::kSqrt:
      return map([](float v) { return std::sqrt(v); }, x, len, out);
    case UnaryOp::kNeg:
      return map([](float v) { return -v; }, x, len, out);
    case UnaryOp::kExp:
      return map([](float v) { return std::exp(v); }, x, len, out);
    case UnaryOp::kLog:
      return map([](float v) { return std::log(v); }, x, len, out);
    case UnaryOp::kSigmoid:
      return map([](float v) { return 1.0f / (1.0f + std::exp(-v)); }, x, len, out);
    case UnaryOp::kTanh:
      return map([](float v) { return std::tanh(v); }, x, len, out);
    case UnaryOp::kAbs:
      return map([](float v) { return std::fabs(v); }, x, len, out);
  }
}

void reduce_sum(const float *x, long outer, long mid, long inner, double scale, float *out) {
  if (inner == 1) {
    // Rows: eight running sums per output, added at the end. One sum would be
    // a chain of dependent additions, four cycles each: 1 ms for the sum of a
    // 784 x 1000 weight matrix's squares (weight_l2) instead of a fifth of that.
    for (long o = 0; o < outer; ++o) {
      const float *row = x + o * mid;
      double lanes[8] = {0, 0, 0, 0, 0, 0, 0, 0};
      long m = 0;
      for (; m + 8 <= mid; m += 8) {
        for (int j = 0; j < 8; ++j) lanes[j] += row[m + j];
      }
      double sum = 0;
      for (; m < mid; ++m) sum += row[m];
      for (int j = 0; j < 8; ++j) sum += lanes[j];
      out[o] = static_cast<float>(sum * scale);
    }
    return;
  }
  // Columns: add whole rows of `inner` values into double accumulators, in memory order.
  std::vector<double> sums(static_cast<size_t>(inner));
  for (long o = 0; o < outer; ++o) {
    std::fill(sums.begin(), sums.end(), 0.0);
    const float *block = x + o * mid * inner;
    for (long m = 0; m < mid; ++m) {
      const float *row = block + m * inner;
      for (long i = 0; i < inner; ++i) sums[i] += row[i];
    }
    float *dst = out + o * inner;
    for (long i = 0; i < inner; ++i) dst[i] = static_cast<float>(sums[i] * scale);
  }
}

void softmax_rows(const float *x, long rows, long cols, float *out) {
  for (long r = 0; r < rows; ++r) {
    const float *row = x + r * cols;
    float *dst = out + r * cols;
    float top = row[0];
    for (long j = 1; j < cols; ++j) top = (row[j] > top || row[j] != row[j]) ? row[j] : top;
    double sum = 0;
    for (long j = 0; j < cols; ++j) {
      dst[j] = std::exp(row[j] - top);
      sum += dst[j];
    }
    const float total = static_cast<float>(sum);
    for (long j = 0; j < cols; ++j) dst[j] /= total;
  }
}

void transpose_last2(const float *x, long batch, long rows, long cols, float *out) {
  // 32 x 32 tiles: a tile of x and of out (4 KB each) stay in L1 while it is copied.
  constexpr long kTile = 32;
  for (long n = 0; n < batch; ++n) {
    const float *src = x + n * rows * cols;
    float *dst = out + n * rows * cols;
    for (long i0 = 0; i0 < rows; i0 += kTile) {
      const long i1 = i0 + kTile < rows ? i0 + kTile : rows;
      for (long j0 = 0; j0 < cols; j0 += kTile) {
        const long j1 = j0 + kTile < cols ? j0 + kTile : cols;
        for (long i = i0; i < i1; ++i) {
          for (long j = j0; j < j1; ++j) dst[j * rows + i] = src[i * cols + j];
        }
      }
    }
  }
}

}  // namespace tsnets
