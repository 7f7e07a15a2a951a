#include "updates.h"

#include <cmath>
#include <limits>

namespace tsnets {

void sgd_update(const float *__restrict p, const float *__restrict g, const float *__restrict v, long n, float lr, double momentum, bool nesterov,
                float *__restrict p_out, float *__restrict v_out) {
  if (v == nullptr) {
    for (long i = 0; i < n; ++i) p_out[i] = p[i] - g[i] * lr;
    return;
  }
  // The factors as the optimizer forms them: in double, then rounded once to float.
  const float mu = static_cast<float>(momentum);
  const float mu2 = static_cast<float>(momentum * momentum);
  const float mu1 = static_cast<float>(1 + momentum);
  if (nesterov) {
    for (long i = 0; i < n; ++i) {
      const float d = g[i] * lr, vi = v[i];
      v_out[i] = vi * mu - d;
      p_out[i] = p[i] + (vi * mu2 - d * mu1);
    }
  } else {
    for (long i = 0; i < n; ++i) {
      const float next = v[i] * mu - g[i] * lr;
      v_out[i] = next;
      p_out[i] = p[i] + next;
    }
  }
}

void adam_update(const float *__restrict p, const float *__restrict g, const float *__restrict m,
                 const float *__restrict s, long n, float lr, double beta1,
                 double beta2, float eps, float c1, float c2, float *__restrict p_out, float *__restrict m_out, float *__restrict s_out) {
  const float b1 = static_cast<float>(beta1), rest1 = static_cast<float>(1 - beta1);
  const float b2 = static_cast<float>(beta2), rest2 = static_cast<float>(1 - beta2);
  for (long i = 0; i < n; ++i) {
    const float gi = g[i];
    const float mi = m[i] * b1 + gi * rest1;
    const float si = s[i] * b2 + (gi * gi) * rest2;
    m_out[i] = mi;
    s_out[i] = si;
    p_out[i] = p[i] - ((mi / c1) * lr) / (std::sqrt(si / c2) + eps);
  }
}

float penalty_value(const float *x, long n, int power) {
  double lanes[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  double sum = 0;
  long i = 0;
  if (power == 1) {
    for (; i + 8 <= n; i += 8) {
      for (int j = 0; j < 8; ++j) lanes[j] += std::fabs(x[i + j]);
    }
    for (; i < n; ++i) sum += std::fabs(x[i]);
  } else {
    for (; i + 8 <= n; i += 8) {
      for (int j = 0; j < 8; ++j) lanes[j] += x[i + j] * x[i + j];
    }
    for (; i < n; ++i) sum += x[i] * x[i];
  }
  for (int j = 0; j < 8; ++j) sum += lanes[j];
  if (power == 1) return static_cast<float>(sum * (1.0 / static_cast<double>(n)));
  return static_cast<float>(sum) / static_cast<float>(n);
}

void penalty_grad(const float *__restrict x, long n, int power, float dy, float *__restrict out) {
  if (power == 1) {
    const float d = dy / static_cast<float>(n);
    const float nan = std::numeric_limits<float>::quiet_NaN();
    for (long i = 0; i < n; ++i) out[i] = x[i] > 0 ? d : (x[i] == x[i] ? -d : nan);
    return;
  }
  const float f = dy * static_cast<float>(2.0 / static_cast<double>(n));
  for (long i = 0; i < n; ++i) out[i] = x[i] * f;
}

}  // namespace tsnets
