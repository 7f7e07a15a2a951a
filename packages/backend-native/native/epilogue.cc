#include "epilogue.h"

#include <cmath>

namespace tsnets {
namespace {

template <typename F>
void for_each(float *c, long rows, long cols, const float *bias, long bias_len, F act) {
  for (long i = 0; i < rows; ++i) {
    float *row = c + i * cols;
    for (long j = 0; j < cols; ++j) {
      const float b = bias == nullptr ? 0.0f : bias[bias_len == 1 ? 0 : j];
      row[j] = act(row[j] + b, j);
    }
  }
}

}  // namespace

void bias_activation(float *c, long rows, long cols, const float *bias, long bias_len, Activation act,
                     const float *slope, long slope_len, float leaky_alpha) {
  // Comparisons are written so that NaN passes through, as in tfjs-backend-cpu.
  switch (act) {
    case Activation::kLinear:
      if (bias != nullptr) for_each(c, rows, cols, bias, bias_len, [](float x, long) { return x; });
      return;
    case Activation::kRelu:
      return for_each(c, rows, cols, bias, bias_len, [](float x, long) { return x < 0.0f ? 0.0f : x; });
    case Activation::kRelu6:
      return for_each(c, rows, cols, bias, bias_len,
                      [](float x, long) { return x < 0.0f ? 0.0f : (x > 6.0f ? 6.0f : x); });
    case Activation::kElu:
      return for_each(c, rows, cols, bias, bias_len, [](float x, long) { return x >= 0.0f ? x : std::expm1(x); });
    case Activation::kPrelu:
      return for_each(c, rows, cols, bias, bias_len, [&](float x, long j) {
        return x < 0.0f ? slope[slope_len == 1 ? 0 : j] * x : x;
      });
    case Activation::kSigmoid:
      return for_each(c, rows, cols, bias, bias_len,
                      [](float x, long) { return static_cast<float>(1.0 / (1.0 + std::exp(-static_cast<double>(x)))); });
    case Activation::kLeakyRelu:
      return for_each(c, rows, cols, bias, bias_len, [&](float x, long) { return x < 0.0f ? leaky_alpha * x : x; });
  }
}

}  // namespace tsnets
