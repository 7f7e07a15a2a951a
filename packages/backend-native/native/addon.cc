// The Node-API surface of the addon (plain C API from node_api.h, ABI-stable).
//
// Every function is synchronous and works on the caller's Float32Arrays in
// place (zero-copy): napi_get_typedarray_info hands out the element pointer.
// Arguments are checked (types, integer sizes, array extents) before any
// pointer is touched, so a wrong call throws instead of reading out of bounds.
#include <node_api.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "conv.h"
#include "elementwise.h"
#include "epilogue.h"
#include "gemm.h"
#include "kernels.h"
#include "recurrent.h"
#include "thread_pool.h"
#include "updates.h"

namespace {

using tsnets::Activation;

constexpr size_t kMaxArgs = 13;

struct Args {
  napi_env env;
  napi_value argv[kMaxArgs];
  size_t argc = kMaxArgs;
  bool failed = false;

  Args(napi_env e, napi_callback_info info, size_t expected) : env(e) {
    napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
    if (argc < expected) fail("wrong number of arguments");
  }

  void fail(const char *message) {
    if (!failed) napi_throw_type_error(env, nullptr, message);
    failed = true;
  }

  bool boolean(size_t i) {
    bool v = false;
    if (!failed && napi_get_value_bool(env, argv[i], &v) != napi_ok) fail("expected a boolean");
    return v;
  }

  double number(size_t i) {
    double v = 0;
    if (!failed && napi_get_value_double(env, argv[i], &v) != napi_ok) fail("expected a number");
    return v;
  }

  long size(size_t i) {
    const double v = number(i);
    if (!failed && !(v >= 0 && v <= 9007199254740991.0 && std::floor(v) == v)) fail("expected a non-negative integer");
    return static_cast<long>(v);
  }

  // A Float32Array's elements and length; null/undefined gives nullptr when `optional`.
  float *floats(size_t i, long *length, bool optional = false) {
    return static_cast<float *>(typed(i, length, optional, napi_float32_array, "expected a Float32Array"));
  }

  // A Uint8Array's elements and length.
  uint8_t *bytes(size_t i, long *length) {
    return static_cast<uint8_t *>(typed(i, length, false, napi_uint8_array, "expected a Uint8Array"));
  }

  // The elements and length of a typed array of one kind.
  void *typed(size_t i, long *length, bool optional, napi_typedarray_type wanted, const char *message) {
    *length = 0;
    if (failed) return nullptr;
    napi_valuetype type;
    napi_typeof(env, argv[i], &type);
    if (optional && (type == napi_null || type == napi_undefined)) return nullptr;
    bool is_typed = false;
    napi_is_typedarray(env, argv[i], &is_typed);
    napi_typedarray_type kind;
    size_t count = 0;
    void *data = nullptr;
    if (!is_typed || napi_get_typedarray_info(env, argv[i], &kind, &count, &data, nullptr, nullptr) != napi_ok ||
        kind != wanted) {
      fail(message);
      return nullptr;
    }
    *length = static_cast<long>(count);
    return data;
  }

  // Checks that a rows x cols matrix with leading dimension ld fits in `length` floats.
  void fits(long rows, long cols, long ld, long length, const char *what) {
    if (failed || rows == 0 || cols == 0) return;
    if (ld < cols) {
      napi_throw_range_error(env, nullptr, what);
      failed = true;
    } else if ((rows - 1) * ld + cols > length) {
      napi_throw_range_error(env, nullptr, what);
      failed = true;
    }
  }
};

napi_value undefined(napi_env env) {
  napi_value v;
  napi_get_undefined(env, &v);
  return v;
}

// gemm(transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc)
napi_value Gemm(napi_env env, napi_callback_info info) {
  Args args(env, info, 13);
  const bool ta = args.boolean(0), tb = args.boolean(1);
  const long m = args.size(2), n = args.size(3), k = args.size(4);
  const float alpha = static_cast<float>(args.number(5));
  long a_len, b_len, c_len;
  const float *a = args.floats(6, &a_len);
  const long lda = args.size(7);
  const float *b = args.floats(8, &b_len);
  const long ldb = args.size(9);
  const float beta = static_cast<float>(args.number(10));
  float *c = args.floats(11, &c_len);
  const long ldc = args.size(12);
  args.fits(ta ? k : m, ta ? m : k, lda, a_len, "gemm: A is too short for M, K and lda");
  args.fits(tb ? n : k, tb ? k : n, ldb, b_len, "gemm: B is too short for K, N and ldb");
  args.fits(m, n, ldc, c_len, "gemm: C is too short for M, N and ldc");
  if (args.failed) return nullptr;
  tsnets::sgemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  return undefined(env);
}

// gemmBatched(transA, transB, batch, M, N, K, A, strideA, B, strideB, C, strideC)
napi_value GemmBatched(napi_env env, napi_callback_info info) {
  Args args(env, info, 12);
  const bool ta = args.boolean(0), tb = args.boolean(1);
  const long batch = args.size(2), m = args.size(3), n = args.size(4), k = args.size(5);
  long a_len, b_len, c_len;
  const float *a = args.floats(6, &a_len);
  const long stride_a = args.size(7);
  const float *b = args.floats(8, &b_len);
  const long stride_b = args.size(9);
  float *c = args.floats(10, &c_len);
  const long stride_c = args.size(11);
  if (!args.failed && batch > 0) {
    // Each item is one dense matrix; the last must end inside the array.
    args.fits(1, m * k, m * k, a_len - (batch - 1) * stride_a, "gemmBatched: A is too short");
    args.fits(1, k * n, k * n, b_len - (batch - 1) * stride_b, "gemmBatched: B is too short");
    args.fits(1, m * n, m * n, c_len - (batch - 1) * stride_c, "gemmBatched: C is too short");
    if (!args.failed && stride_c < m * n && batch > 1) args.fail("gemmBatched: items of C overlap");
  }
  if (args.failed) return nullptr;
  tsnets::sgemm_batched(ta, tb, batch, m, n, k, a, stride_a, b, stride_b, c, stride_c);
  return undefined(env);
}

// biasActivation(C, rows, cols, bias | null, activation, slope | null, leakyAlpha)
napi_value BiasActivation(napi_env env, napi_callback_info info) {
  Args args(env, info, 7);
  long c_len, bias_len, slope_len;
  float *c = args.floats(0, &c_len);
  const long rows = args.size(1), cols = args.size(2);
  const float *bias = args.floats(3, &bias_len, true);
  const long act = args.size(4);
  const float *slope = args.floats(5, &slope_len, true);
  const float leaky_alpha = static_cast<float>(args.number(6));
  args.fits(rows, cols, cols, c_len, "biasActivation: C is too short");
  if (!args.failed && bias != nullptr && bias_len != 1 && bias_len != cols) args.fail("biasActivation: bias length");
  if (!args.failed && act > static_cast<long>(Activation::kLeakyRelu)) args.fail("biasActivation: unknown activation");
  if (!args.failed && static_cast<Activation>(act) == Activation::kPrelu &&
      (slope == nullptr || (slope_len != 1 && slope_len != cols))) {
    args.fail("biasActivation: prelu needs a slope of length 1 or cols");
  }
  if (args.failed) return nullptr;
  tsnets::bias_activation(c, rows, cols, bias, bias_len, static_cast<Activation>(act), slope, slope_len, leaky_alpha);
  return undefined(env);
}

// The operands of binary() and compare(): A and B (arguments 1 and 2) and
// their repeats (4 and 5, default 1), checked against out_len as binary_op
// requires; throws a RangeError naming `name` if they do not fit.
bool binary_operands(Args &args, long out_len, tsnets::Operand *a, tsnets::Operand *b, const char *name) {
  a->values = args.floats(1, &a->len);
  b->values = args.floats(2, &b->len);
  a->repeat = args.argc > 4 ? args.size(4) : 1;
  b->repeat = args.argc > 5 ? args.size(5) : 1;
  if (args.failed) return false;
  bool fits;
  if (a->repeat <= 1 && b->repeat <= 1) {
    a->repeat = b->repeat = 1;
    const long shorter = a->len < b->len ? a->len : b->len;
    const long longer = a->len < b->len ? b->len : a->len;
    fits = out_len == 0 || (shorter > 0 && longer == out_len && out_len % shorter == 0);
  } else {
    const tsnets::Operand &column = a->repeat > 1 ? *a : *b;
    const tsnets::Operand &full = a->repeat > 1 ? *b : *a;
    fits = full.repeat <= 1 && full.len == out_len && column.len * column.repeat == out_len;
  }
  if (!fits) {
    const std::string message = std::string(name) +
                                ": one operand must have out.length values and the other a divisor of it, or be a "
                                "column (length * repeat == out.length)";
    napi_throw_range_error(args.env, nullptr, message.c_str());
    args.failed = true;
  }
  return fits;
}

// binary(op, A, B, out[, aRepeat, bRepeat]): out[i] = A[(i / aRepeat) % A.length] op B[...] (see elementwise.h).
napi_value Binary(napi_env env, napi_callback_info info) {
  Args args(env, info, 4);
  const long op = args.size(0);
  long out_len;
  float *out = args.floats(3, &out_len);
  if (!args.failed && op > static_cast<long>(tsnets::BinaryOp::kSquaredDifference)) {
    args.fail("binary: unknown operation");
  }
  tsnets::Operand a, b;
  if (!binary_operands(args, out_len, &a, &b, "binary")) return nullptr;
  if (out_len > 0) tsnets::binary_op(static_cast<tsnets::BinaryOp>(op), a, b, out, out_len);
  return undefined(env);
}

// compare(op, A, B, out[, aRepeat, bRepeat]): as binary, the results 1 or 0 in a Uint8Array.
napi_value Compare(napi_env env, napi_callback_info info) {
  Args args(env, info, 4);
  const long op = args.size(0);
  long out_len;
  uint8_t *out = args.bytes(3, &out_len);
  if (!args.failed && op > static_cast<long>(tsnets::CompareOp::kNotEqual)) args.fail("compare: unknown operation");
  tsnets::Operand a, b;
  if (!binary_operands(args, out_len, &a, &b, "compare")) return nullptr;
  if (out_len > 0) tsnets::compare_op(static_cast<tsnets::CompareOp>(op), a, b, out, out_len);
  return undefined(env);
}

// Checks that every array of an update has n values.
bool same_lengths(Args &args, std::initializer_list<long> lengths, long n, const char *message) {
  if (args.failed) return false;
  for (const long length : lengths) {
    if (length != n) {
      napi_throw_range_error(args.env, nullptr, message);
      args.failed = true;
      return false;
    }
  }
  return true;
}

// sgdUpdate(P, G, V, learningRate, momentum, nesterov, Pout, Vout): see updates.h; V and Vout null without momentum.
napi_value SgdUpdate(napi_env env, napi_callback_info info) {
  Args args(env, info, 8);
  long p_len, g_len, v_len, p_out_len, v_out_len;
  const float *p = args.floats(0, &p_len);
  const float *g = args.floats(1, &g_len);
  const float *v = args.floats(2, &v_len, true);
  const float lr = static_cast<float>(args.number(3));
  const double momentum = args.number(4);
  const bool nesterov = args.boolean(5);
  float *p_out = args.floats(6, &p_out_len);
  float *v_out = args.floats(7, &v_out_len, true);
  if (!args.failed && (v == nullptr) != (v_out == nullptr)) args.fail("sgdUpdate: V and Vout go together");
  const long v_expected = v == nullptr ? 0 : p_len;
  if (!same_lengths(args, {g_len, p_out_len}, p_len, "sgdUpdate: P, G and Pout differ in length") ||
      !same_lengths(args, {v_len, v_out_len}, v_expected, "sgdUpdate: V and Vout must have P's length")) {
    return nullptr;
  }
  tsnets::sgd_update(p, g, v, p_len, lr, momentum, nesterov, p_out, v_out);
  return undefined(env);
}

// adamUpdate(P, G, M, S, Pout, Mout, Sout, learningRate, beta1, beta2, epsilon, c1, c2): see updates.h.
napi_value AdamUpdate(napi_env env, napi_callback_info info) {
  Args args(env, info, 13);
  long p_len, g_len, m_len, s_len, p_out_len, m_out_len, s_out_len;
  const float *p = args.floats(0, &p_len);
  const float *g = args.floats(1, &g_len);
  const float *m = args.floats(2, &m_len);
  const float *s = args.floats(3, &s_len);
  float *p_out = args.floats(4, &p_out_len);
  float *m_out = args.floats(5, &m_out_len);
  float *s_out = args.floats(6, &s_out_len);
  const float lr = static_cast<float>(args.number(7));
  const double beta1 = args.number(8), beta2 = args.number(9);
  const float eps = static_cast<float>(args.number(10));
  const float c1 = static_cast<float>(args.number(11)), c2 = static_cast<float>(args.number(12));
  if (!same_lengths(args, {g_len, m_len, s_len, p_out_len, m_out_len, s_out_len}, p_len,
                    "adamUpdate: every array must have P's length")) {
    return nullptr;
  }
  tsnets::adam_update(p, g, m, s, p_len, lr, beta1, beta2, eps, c1, c2, p_out, m_out, s_out);
  return undefined(env);
}

// unary(op, X, out, alpha): out[i] = op(X[i]) (ops: see elementwise.h); alpha is Step's value for x <= 0.
napi_value Unary(napi_env env, napi_callback_info info) {
  Args args(env, info, 4);
  const long op = args.size(0);
  long x_len, out_len;
  const float *x = args.floats(1, &x_len);
  float *out = args.floats(2, &out_len);
  const float alpha = static_cast<float>(args.number(3));
  if (!args.failed && op > static_cast<long>(tsnets::UnaryOp::kAbs)) args.fail("unary: unknown operation");
  if (!args.failed && x_len != out_len) {
    napi_throw_range_error(env, nullptr, "unary: X and out differ in length");
    return nullptr;
  }
  if (args.failed) return nullptr;
  tsnets::unary_op(static_cast<tsnets::UnaryOp>(op), x, x_len, alpha, out);
  return undefined(env);
}

// penaltyValue(X, power): the mean of |X| (power 1) or of X squared (power 2), as a number; see updates.h.
napi_value PenaltyValue(napi_env env, napi_callback_info info) {
  Args args(env, info, 2);
  long x_len;
  const float *x = args.floats(0, &x_len);
  const double power = args.number(1);
  if (!args.failed && ((power != 1 && power != 2) || x_len == 0)) {
    napi_throw_range_error(env, nullptr, "penaltyValue: power must be 1 or 2 and X not empty");
    return nullptr;
  }
  if (args.failed) return nullptr;
  napi_value result;
  napi_create_double(env, tsnets::penalty_value(x, x_len, static_cast<int>(power)), &result);
  return result;
}

// penaltyGrad(X, power, dy, out): the gradient of penaltyValue times dy into out; see updates.h.
napi_value PenaltyGrad(napi_env env, napi_callback_info info) {
  Args args(env, info, 4);
  long x_len, out_len;
  const float *x = args.floats(0, &x_len);
  const double power = args.number(1);
  const float dy = static_cast<float>(args.number(2));
  float *out = args.floats(3, &out_len);
  if (!args.failed && ((power != 1 && power != 2) || x_len == 0 || out_len != x_len)) {
    napi_throw_range_error(env, nullptr, "penaltyGrad: power must be 1 or 2, X not empty and out of X's length");
    return nullptr;
  }
  if (args.failed) return nullptr;
  tsnets::penalty_grad(x, x_len, static_cast<int>(power), dy, out);
  return undefined(env);
}

// reduceSum(X, outer, mid, inner, scale, out): sums X viewed as [outer, mid, inner] over mid, times scale.
napi_value ReduceSum(napi_env env, napi_callback_info info) {
  Args args(env, info, 6);
  long x_len, out_len;
  const float *x = args.floats(0, &x_len);
  const long outer = args.size(1), mid = args.size(2), inner = args.size(3);
  const double scale = args.number(4);
  float *out = args.floats(5, &out_len);
  // In double: the product of three checked sizes may not fit a long.
  const double size = static_cast<double>(outer) * mid * inner;
  if (!args.failed && (x_len != size || out_len != static_cast<double>(outer) * inner)) {
    napi_throw_range_error(env, nullptr, "reduceSum: X must hold outer * mid * inner values and out outer * inner");
    return nullptr;
  }
  if (args.failed) return nullptr;
  tsnets::reduce_sum(x, outer, mid, inner, scale, out);
  return undefined(env);
}

// softmax(X, rows, cols, out): the softmax of each row of a rows x cols matrix (cols >= 1).
napi_value Softmax(napi_env env, napi_callback_info info) {
  Args args(env, info, 4);
  long x_len, out_len;
  const float *x = args.floats(0, &x_len);
  const long rows = args.size(1), cols = args.size(2);
  float *out = args.floats(3, &out_len);
  if (!args.failed && (cols == 0 || x_len != static_cast<double>(rows) * cols || out_len != x_len)) {
    napi_throw_range_error(env, nullptr, "softmax: X and out must hold rows * cols values, cols >= 1");
    return nullptr;
  }
  if (args.failed) return nullptr;
  tsnets::softmax_rows(x, rows, cols, out);
  return undefined(env);
}

// tuneAllocator(): raises glibc's mmap and trim thresholds (see src/allocator.ts); false where there is no glibc.
napi_value TuneAllocator(napi_env env, napi_callback_info info) {
  bool tuned = false;
#if defined(__GLIBC__)
  tuned = mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1 && mallopt(M_TRIM_THRESHOLD, 128 << 20) == 1;
#endif
  napi_value v;
  napi_get_boolean(env, tuned, &v);
  return v;
}

// transposeLast2(X, batch, rows, cols, out): swaps the last two axes of batch dense rows x cols matrices.
napi_value TransposeLast2(napi_env env, napi_callback_info info) {
  Args args(env, info, 5);
  long x_len, out_len;
  const float *x = args.floats(0, &x_len);
  const long batch = args.size(1), rows = args.size(2), cols = args.size(3);
  float *out = args.floats(4, &out_len);
  // In double: the product of three checked sizes may not fit a long.
  const double size = static_cast<double>(batch) * rows * cols;
  if (!args.failed && (x_len < size || out_len < size)) {
    napi_throw_range_error(env, nullptr, "transposeLast2: X or out is too short");
    return nullptr;
  }
  if (args.failed) return nullptr;
  tsnets::transpose_last2(x, batch, rows, cols, out);
  return undefined(env);
}

// simd(): the micro-kernel in use ("avx512", "avx2" or "portable").
napi_value Simd(napi_env env, napi_callback_info info) {
  napi_value v;
  napi_create_string_utf8(env, tsnets::active_kernel().name, NAPI_AUTO_LENGTH, &v);
  return v;
}

// setSimd(name): uses that micro-kernel if the CPU supports it; returns whether it did.
napi_value SetSimd(napi_env env, napi_callback_info info) {
  Args args(env, info, 1);
  char name[16] = {0};
  size_t len = 0;
  if (!args.failed && napi_get_value_string_utf8(env, args.argv[0], name, sizeof(name), &len) != napi_ok) {
    args.fail("expected a string");
  }
  if (args.failed) return nullptr;
  napi_value v;
  napi_get_boolean(env, tsnets::select_kernel(name), &v);
  return v;
}

// The Float32Arrays of a JS array argument, checked against the lengths a cell expects.
bool cell_arrays(Args &args, size_t i, const long *lengths, int count, std::vector<float *> *arrays) {
  if (args.failed) return false;
  bool is_array = false;
  napi_is_array(args.env, args.argv[i], &is_array);
  uint32_t length = 0;
  if (is_array) napi_get_array_length(args.env, args.argv[i], &length);
  if (!is_array || length != static_cast<uint32_t>(count)) {
    args.fail("cell: expected an array of Float32Arrays, one per slot");
    return false;
  }
  for (int k = 0; k < count; ++k) {
    napi_value element;
    napi_get_element(args.env, args.argv[i], k, &element);
    bool is_typed = false;
    napi_is_typedarray(args.env, element, &is_typed);
    napi_typedarray_type kind;
    size_t size = 0;
    void *data = nullptr;
    if (!is_typed || napi_get_typedarray_info(args.env, element, &kind, &size, &data, nullptr, nullptr) != napi_ok ||
        kind != napi_float32_array) {
      args.fail("cell: expected Float32Arrays");
      return false;
    }
    if (static_cast<long>(size) != lengths[k]) {
      napi_throw_range_error(args.env, nullptr, "cell: an array's length does not fit the shape");
      args.failed = true;
      return false;
    }
    arrays->push_back(static_cast<float *>(data));
  }
  return true;
}

// cellForward(cell, backward, reverse, activation, N, T, n, inputs, outputs): see recurrent.h for the slots.
napi_value CellRun(napi_env env, napi_callback_info info) {
  Args args(env, info, 9);
  const long cell = args.size(0);
  const bool backward = args.boolean(1);
  const bool reverse = args.boolean(2);
  const long activation = args.size(3);
  const long batch = args.size(4), steps = args.size(5), units = args.size(6);
  if (!args.failed && cell > static_cast<long>(tsnets::Cell::kLstm)) args.fail("cell: unknown cell");
  if (!args.failed && activation > static_cast<long>(tsnets::CellActivation::kSigmoid))
    args.fail("cell: unknown activation");
  if (args.failed) return nullptr;
  const tsnets::CellShape shape{batch, steps, units, reverse, static_cast<tsnets::CellActivation>(activation)};
  const auto kind = static_cast<tsnets::Cell>(cell);
  long in_lengths[16], out_lengths[16];
  const int in_count = tsnets::cell_slots(kind, backward, false, shape, in_lengths);
  const int out_count = tsnets::cell_slots(kind, backward, true, shape, out_lengths);
  std::vector<float *> in, out;
  if (!cell_arrays(args, 7, in_lengths, in_count, &in) || !cell_arrays(args, 8, out_lengths, out_count, &out))
    return nullptr;
  std::vector<const float *> inputs(in.begin(), in.end());
  if (backward) tsnets::cell_backward(kind, shape, inputs.data(), out.data());
  else tsnets::cell_forward(kind, shape, inputs.data(), out.data());
  return undefined(env);
}

// The geometry array of conv2d() and pool2d(): the 13 fields of ConvShape in order, checked as sizes.
bool conv_shape(Args &args, size_t i, tsnets::ConvShape *shape) {
  if (args.failed) return false;
  constexpr uint32_t kFields = 13;
  bool is_array = false;
  napi_is_array(args.env, args.argv[i], &is_array);
  uint32_t length = 0;
  if (is_array) napi_get_array_length(args.env, args.argv[i], &length);
  if (length != kFields) {
    args.fail("expected the geometry as an array of 13 numbers");
    return false;
  }
  long fields[kFields];
  for (uint32_t k = 0; k < kFields; ++k) {
    napi_value element;
    double v = -1;
    napi_get_element(args.env, args.argv[i], k, &element);
    napi_get_value_double(args.env, element, &v);
    // Below 2^31 each, so products of a few fields fit a long.
    if (!(v >= 0 && v < 2147483648.0 && std::floor(v) == v)) {
      args.fail("expected the geometry's fields to be non-negative integers");
      return false;
    }
    fields[k] = static_cast<long>(v);
  }
  *shape = tsnets::ConvShape{fields[0], fields[1], fields[2], fields[3],  fields[4],  fields[5], fields[6],
                             fields[7], fields[8], fields[9], fields[10], fields[11], fields[12]};
  if (shape->stride_h == 0 || shape->stride_w == 0) {
    args.fail("expected strides of at least 1");
    return false;
  }
  return true;
}

// Throws a RangeError unless `length` is the product of `dims` (computed in double, which cannot overflow here).
bool holds(Args &args, long length, std::initializer_list<long> dims, const char *message) {
  if (args.failed) return false;
  double size = 1;
  for (const long d : dims) size *= static_cast<double>(d);
  if (static_cast<double>(length) != size) {
    napi_throw_range_error(args.env, nullptr, message);
    args.failed = true;
  }
  return !args.failed;
}

// conv2d(mode, geometry, A, B, out): mode 0 y = conv(x = A, w = B), 1 dx from (dy = A, w = B),
// 2 dw from (x = A, dy = B).
napi_value Conv2d(napi_env env, napi_callback_info info) {
  Args args(env, info, 5);
  const long mode = args.size(0);
  tsnets::ConvShape s;
  if (!conv_shape(args, 1, &s)) return nullptr;
  long a_len, b_len, out_len;
  const float *a = args.floats(2, &a_len);
  const float *b = args.floats(3, &b_len);
  float *out = args.floats(4, &out_len);
  if (!args.failed && mode > 2) args.fail("conv2d: unknown mode");
  if (args.failed) return nullptr;
  const std::initializer_list<long> x = {s.batch, s.in_h, s.in_w, s.in_c};
  const std::initializer_list<long> y = {s.batch, s.out_h, s.out_w, s.out_c};
  const std::initializer_list<long> w = {s.filter_h, s.filter_w, s.in_c, s.out_c};
  const bool fits = mode == 0   ? holds(args, a_len, x, "conv2d: x does not fit the geometry") &&
                                    holds(args, b_len, w, "conv2d: the filter does not fit the geometry") &&
                                    holds(args, out_len, y, "conv2d: y does not fit the geometry")
                    : mode == 1 ? holds(args, a_len, y, "conv2d: dy does not fit the geometry") &&
                                    holds(args, b_len, w, "conv2d: the filter does not fit the geometry") &&
                                    holds(args, out_len, x, "conv2d: dx does not fit the geometry")
                                : holds(args, a_len, x, "conv2d: x does not fit the geometry") &&
                                    holds(args, b_len, y, "conv2d: dy does not fit the geometry") &&
                                    holds(args, out_len, w, "conv2d: dw does not fit the geometry");
  if (!fits) return nullptr;
  if (a_len == 0 || b_len == 0) {
    // Nothing to sum: every output is zero.
    std::fill(out, out + out_len, 0.0f);
  } else if (mode == 0) {
    tsnets::conv2d_forward(s, a, b, out);
  } else if (mode == 1) {
    tsnets::conv2d_backprop_input(s, a, b, out);
  } else {
    tsnets::conv2d_backprop_filter(s, a, b, out);
  }
  return undefined(env);
}

// pool2d(op, geometry, A, B | null, out): see tsnets::pool2d; the geometry has out_c == in_c.
napi_value Pool2d(napi_env env, napi_callback_info info) {
  Args args(env, info, 5);
  const long op = args.size(0);
  tsnets::ConvShape s;
  if (!conv_shape(args, 1, &s)) return nullptr;
  long a_len, b_len, out_len;
  const float *a = args.floats(2, &a_len);
  const float *b = args.floats(3, &b_len, true);
  float *out = args.floats(4, &out_len);
  if (!args.failed && op > static_cast<long>(tsnets::PoolOp::kAvgGrad)) args.fail("pool2d: unknown operation");
  if (!args.failed && s.out_c != s.in_c) args.fail("pool2d: out_c must equal in_c");
  if (args.failed) return nullptr;
  const auto kind = static_cast<tsnets::PoolOp>(op);
  const std::initializer_list<long> x = {s.batch, s.in_h, s.in_w, s.in_c};
  const std::initializer_list<long> y = {s.batch, s.out_h, s.out_w, s.in_c};
  bool fits = false;
  if (kind == tsnets::PoolOp::kMax || kind == tsnets::PoolOp::kAvg) {
    fits = holds(args, a_len, x, "pool2d: x does not fit the geometry") &&
           holds(args, out_len, y, "pool2d: y does not fit the geometry");
  } else if (kind == tsnets::PoolOp::kMaxGrad) {
    fits = holds(args, a_len, x, "pool2d: x does not fit the geometry") &&
           holds(args, b == nullptr ? -1 : b_len, y, "pool2d: dy does not fit the geometry") &&
           holds(args, out_len, x, "pool2d: dx does not fit the geometry");
  } else {
    fits = holds(args, a_len, y, "pool2d: dy does not fit the geometry") &&
           holds(args, out_len, x, "pool2d: dx does not fit the geometry");
  }
  if (!fits) return nullptr;
  if (out_len > 0) tsnets::pool2d(kind, s, a, b, out);
  return undefined(env);
}

// setMaxThreads(n): caps the threads of later products; returns the cap in force.
napi_value SetMaxThreads(napi_env env, napi_callback_info info) {
  Args args(env, info, 1);
  const long n = args.size(0);
  if (args.failed) return nullptr;
  napi_value v;
  napi_create_int32(env, tsnets::set_max_threads(static_cast<int>(n > 1024 ? 1024 : n)), &v);
  return v;
}

// threads(): the threads a large product uses.
napi_value Threads(napi_env env, napi_callback_info info) {
  napi_value v;
  napi_create_int32(env, tsnets::pool_threads(), &v);
  return v;
}

napi_value Init(napi_env env, napi_value exports) {
  const napi_property_descriptor props[] = {
      {"gemm", nullptr, Gemm, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"gemmBatched", nullptr, GemmBatched, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"biasActivation", nullptr, BiasActivation, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"binary", nullptr, Binary, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"compare", nullptr, Compare, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"sgdUpdate", nullptr, SgdUpdate, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"adamUpdate", nullptr, AdamUpdate, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"softmax", nullptr, Softmax, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"unary", nullptr, Unary, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"reduceSum", nullptr, ReduceSum, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"penaltyValue", nullptr, PenaltyValue, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"penaltyGrad", nullptr, PenaltyGrad, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"tuneAllocator", nullptr, TuneAllocator, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"transposeLast2", nullptr, TransposeLast2, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"simd", nullptr, Simd, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"setSimd", nullptr, SetSimd, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"setMaxThreads", nullptr, SetMaxThreads, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"threads", nullptr, Threads, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"cell", nullptr, CellRun, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"conv2d", nullptr, Conv2d, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"pool2d", nullptr, Pool2d, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
