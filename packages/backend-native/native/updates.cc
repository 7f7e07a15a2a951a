#include "updates.h"

#include <cmath>

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

}  // namespace tsnets
