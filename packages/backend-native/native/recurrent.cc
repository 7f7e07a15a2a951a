#include "recurrent.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "gemm.h"

// Layouts, all row-major float32; a sequence array [N, T, w] holds step t of
// sequence b at (b * T + t) * w. xp is the input projection x·W + b of every
// step, computed by the caller with one large product.
//
// rnn  forward  in:  xp [N,T,n], hh [n,n], h0 [N,n]
//               out: pre [N,T,n], out [N,T,n]
//      backward in:  dpre, dout, pre, out, hh, h0
//               out: dxp [N,T,n], dhh [n,n], dh0 [N,n]
// gru  forward  in:  xp [N,T,3n] (hidden, reset, rate), hh, hr, hz [n,n], h0
//               out: pre, hid, rate, out, reset [N,T,n]
//      backward in:  dpre, dhid, drate, dout, pre, hid, rate, out, reset, hh, hr, hz, h0
//               out: dxp [N,T,3n], dhh, dhr, dhz [n,n], dh0 [N,n]
// lstm forward  in:  xp [N,T,4n] (input, forget, cell, output), hh [n,4n], ci, cf, co [n], h0, c0 [N,n]
//               out: out [N,T,n], cell [N,T,n], gates [N,T,4n] (i, f, tanh candidate, o)
//      backward in:  dout, dcell, out, cell, gates, hh, ci, cf, co, h0, c0
//               out: dxp [N,T,4n], dhh [n,4n], dci, dcf, dco [n], dh0, dc0 [N,n]

namespace tsnets {
namespace {

// exp(x) for float x, in a form GCC vectorizes (std::exp is a scalar call): x = k ln2 + r with |r| <= ln2 / 2,
// k the nearest integer to x / ln2, exp(r) by Cephes' degree-6 polynomial (relative error about 1e-7), times 2^k built in the exponent bits.
// Inputs are clamped to [-87, 88], where exp stays a normal float.
inline float exp_fast(float x) {
  x = x < -87.0f ? -87.0f : (x > 88.0f ? 88.0f : x);
  // Round to nearest by adding and removing 1.5 * 2^23 (vectorizes without SSE4.1's round instruction).
  const float k = (x * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
  const float r = (x - k * 0.693359375f) + k * 2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  const float e = p * r * r + r + 1.0f;
  const int32_t bits = (static_cast<int32_t>(k) + 127) << 23;
  float scale;
  std::memcpy(&scale, &bits, sizeof scale);
  return e * scale;
}

inline float sigmoid(float x) { return 1.0f / (1.0f + exp_fast(-x)); }

// tanh(x) = 1 - 2 / (exp(2x) + 1): absolute error about 1e-7, exact at 0 and saturating to +-1.
inline float tanh_fast(float x) { return 1.0f - 2.0f / (exp_fast(2.0f * x) + 1.0f); }

// In place over a run of values, so that each loop vectorizes.
void sigmoid_run(float *v, long count) {
  for (long i = 0; i < count; ++i) v[i] = sigmoid(v[i]);
}
void tanh_run(const float *x, float *out, long count) {
  for (long i = 0; i < count; ++i) out[i] = tanh_fast(x[i]);
}

// out = activation(x) over a run.
void activate_run(CellActivation a, const float *x, float *out, long count) {
  switch (a) {
    case CellActivation::kRelu:
      for (long i = 0; i < count; ++i) out[i] = x[i] > 0 ? x[i] : 0;
      break;
    case CellActivation::kTanh:
      tanh_run(x, out, count);
      break;
    case CellActivation::kSigmoid:
      for (long i = 0; i < count; ++i) out[i] = sigmoid(x[i]);
      break;
    default:
      std::memcpy(out, x, sizeof(float) * count);
  }
}

// The derivative of the activation at pre, from pre and its value y.
inline float derivative(CellActivation a, float pre, float y) {
  switch (a) {
    case CellActivation::kRelu:
      return pre > 0 ? 1.0f : 0.0f;
    case CellActivation::kTanh:
      return 1 - y * y;
    case CellActivation::kSigmoid:
      return y * (1 - y);
    default:
      return 1;
  }
}

// The walk over time: step i of the run is time t(i); prev(i) is the time step before it in the run.
struct Walk {
  long steps;
  bool reverse;
  long t(long i) const { return reverse ? steps - 1 - i : i; }
  long prev(long i) const { return reverse ? t(i) + 1 : t(i) - 1; }
};

// A view of step t of a sequence array of width w: rows of w floats, N of them, T * w apart.
struct StepView {
  const float *base;
  long steps, width;
  const float *row(long b, long t) const { return base + (b * steps + t) * width; }
};

// The state before step i: h0 at the first step, else the output at the previous step (pointer and leading dimension).
inline const float *state_before(const Walk &walk, long i, const float *h0, const float *seq, long n, long *ld) {
  if (i == 0) {
    *ld = n;
    return h0;
  }
  *ld = walk.steps * n;
  return seq + walk.prev(i) * n;
}

// dst[b] = src rows of step t (N rows of w floats).
void gather(float *dst, const float *src, long batch, long steps, long t, long w) {
  for (long b = 0; b < batch; ++b) std::memcpy(dst + b * w, src + (b * steps + t) * w, sizeof(float) * w);
}

// The previous states of every step as a dense [N*T, n] matrix, row (b, t): for the weight gradients' one product.
std::vector<float> previous_states(const Walk &walk, long batch, long n, const float *h0, const float *seq) {
  std::vector<float> prev(static_cast<size_t>(batch * walk.steps * n));
  for (long i = 0; i < walk.steps; ++i) {
    const long t = walk.t(i);
    for (long b = 0; b < batch; ++b) {
      const float *src = i == 0 ? h0 + b * n : seq + (b * walk.steps + walk.prev(i)) * n;
      std::memcpy(prev.data() + (b * walk.steps + t) * n, src, sizeof(float) * n);
    }
  }
  return prev;
}

void rnn_forward(const CellShape &s, const float *const *in, float *const *out) {
  const long N = s.batch, T = s.steps, n = s.units;
  const float *xp = in[0], *hh = in[1], *h0 = in[2];
  float *pre = out[0], *y = out[1];
  const Walk walk{T, s.reverse};
  std::vector<float> z(static_cast<size_t>(N * n));
  for (long i = 0; i < T; ++i) {
    const long t = walk.t(i);
    long ld;
    const float *h = state_before(walk, i, h0, y, n, &ld);
    gather(z.data(), xp, N, T, t, n);
    sgemm(false, false, N, n, n, 1.0f, h, ld, hh, n, 1.0f, z.data(), n);
    for (long b = 0; b < N; ++b) {
      float *p = pre + (b * T + t) * n;
      std::memcpy(p, z.data() + b * n, sizeof(float) * n);
      activate_run(s.activation, p, y + (b * T + t) * n, n);
    }
  }
}

void rnn_backward(const CellShape &s, const float *const *in, float *const *out) {
  const long N = s.batch, T = s.steps, n = s.units;
  const float *dpre_in = in[0], *dout = in[1], *pre = in[2], *y = in[3], *hh = in[4], *h0 = in[5];
  float *dxp = out[0], *dhh = out[1], *dh0 = out[2];
  const Walk walk{T, s.reverse};
  std::vector<float> carry(static_cast<size_t>(N * n), 0.0f), dz(static_cast<size_t>(N * n));
  for (long i = T - 1; i >= 0; --i) {
    const long t = walk.t(i);
    for (long b = 0; b < N; ++b) {
      const long at = (b * T + t) * n;
      for (long k = 0; k < n; ++k) {
        const float dh = dout[at + k] + carry[b * n + k];
        const float d = dh * derivative(s.activation, pre[at + k], y[at + k]) + dpre_in[at + k];
        dz[b * n + k] = d;
        dxp[at + k] = d;
      }
    }
    // The gradient carried to the step before: dz · hhᵀ.
    sgemm(false, true, N, n, n, 1.0f, dz.data(), n, hh, n, 0.0f, carry.data(), n);
  }
  std::memcpy(dh0, carry.data(), sizeof(float) * N * n);
  const std::vector<float> prev = previous_states(walk, N, n, h0, y);
  sgemm(true, false, n, n, N * T, 1.0f, prev.data(), n, dxp, n, 0.0f, dhh, n);
}

// [hr | hz] side by side, n x 2n: one product a step for both gates instead of two.
std::vector<float> gate_weights(const float *hr, const float *hz, long n) {
  std::vector<float> both(static_cast<size_t>(2 * n * n));
  for (long i = 0; i < n; ++i) {
    std::memcpy(both.data() + i * 2 * n, hr + i * n, sizeof(float) * n);
    std::memcpy(both.data() + i * 2 * n + n, hz + i * n, sizeof(float) * n);
  }
  return both;
}

void gru_forward(const CellShape &s, const float *const *in, float *const *out) {
  const long N = s.batch, T = s.steps, n = s.units;
  const float *xp = in[0], *hh = in[1], *hr = in[2], *hz = in[3], *h0 = in[4];
  float *pre = out[0], *hid = out[1], *rate = out[2], *y = out[3], *reset = out[4];
  const Walk walk{T, s.reverse};
  const std::vector<float> hrz = gate_weights(hr, hz, n);
  // rz holds each row's reset then rate gate, [N, 2n].
  std::vector<float> rz(static_cast<size_t>(N * 2 * n)), rh(static_cast<size_t>(N * n)), p(static_cast<size_t>(N * n));
  for (long i = 0; i < T; ++i) {
    const long t = walk.t(i);
    long ld;
    const float *h = state_before(walk, i, h0, y, n, &ld);
    sgemm(false, false, N, 2 * n, n, 1.0f, h, ld, hrz.data(), 2 * n, 0.0f, rz.data(), 2 * n);
    for (long b = 0; b < N; ++b) {
      const float *x = xp + (b * T + t) * 3 * n;
      const float *hb = h + b * ld;
      float *rb = rz.data() + b * 2 * n, *zb = rb + n;
      for (long k = 0; k < n; ++k) {
        rb[k] += x[n + k];
        zb[k] += x[2 * n + k];
      }
      sigmoid_run(rb, n);
      sigmoid_run(zb, n);
      for (long k = 0; k < n; ++k) rh[b * n + k] = rb[k] * hb[k];
    }
    sgemm(false, false, N, n, n, 1.0f, rh.data(), n, hh, n, 0.0f, p.data(), n);
    for (long b = 0; b < N; ++b) {
      const float *x = xp + (b * T + t) * 3 * n;
      const float *hb = h + b * ld;
      const long at = (b * T + t) * n;
      for (long k = 0; k < n; ++k) pre[at + k] = x[k] + p[b * n + k];
      activate_run(s.activation, pre + at, hid + at, n);
      const float *rb = rz.data() + b * 2 * n, *zb = rb + n;
      for (long k = 0; k < n; ++k) {
        const float zk = zb[k];
        rate[at + k] = zk;
        reset[at + k] = rb[k];
        y[at + k] = (1 - zk) * hb[k] + zk * hid[at + k];
      }
    }
  }
}

void gru_backward(const CellShape &s, const float *const *in, float *const *out) {
  const long N = s.batch, T = s.steps, n = s.units;
  const float *dpre_in = in[0], *dhid_in = in[1], *drate_in = in[2], *dout = in[3];
  const float *pre = in[4], *hid = in[5], *rate = in[6], *y = in[7], *reset = in[8];
  const float *hh = in[9], *hr = in[10], *hz = in[11], *h0 = in[12];
  float *dxp = out[0], *dhh = out[1], *dhr = out[2], *dhz = out[3], *dh0 = out[4];
  const Walk walk{T, s.reverse};
  const size_t nn = static_cast<size_t>(N * n);
  std::vector<float> carry(nn, 0.0f), dp(nn), drh(nn), drz(2 * nn), next(nn);
  const std::vector<float> prev = previous_states(walk, N, n, h0, y);
  const std::vector<float> hrz = gate_weights(hr, hz, n);
  for (long i = T - 1; i >= 0; --i) {
    const long t = walk.t(i);
    for (long b = 0; b < N; ++b) {
      const long at = (b * T + t) * n;
      const float *hb = prev.data() + at;
      for (long k = 0; k < n; ++k) {
        const float dh = dout[at + k] + carry[b * n + k];
        const float zk = rate[at + k], cand = hid[at + k];
        const float dzk = (dh * (cand - hb[k]) + drate_in[at + k]) * zk * (1 - zk);
        const float dcand = dh * zk + dhid_in[at + k];
        const float dpk = dcand * derivative(s.activation, pre[at + k], cand) + dpre_in[at + k];
        dp[b * n + k] = dpk;
        drz[b * 2 * n + n + k] = dzk;
        next[b * n + k] = dh * (1 - zk);
        float *dx = dxp + (b * T + t) * 3 * n;
        dx[k] = dpk;
        dx[2 * n + k] = dzk;
      }
    }
    // d(r h) = dp · hhᵀ, then the reset gate's share.
    sgemm(false, true, N, n, n, 1.0f, dp.data(), n, hh, n, 0.0f, drh.data(), n);
    for (long b = 0; b < N; ++b) {
      const long at = (b * T + t) * n;
      const float *hb = prev.data() + at;
      for (long k = 0; k < n; ++k) {
        const float rk = reset[at + k];
        const float drk = drh[b * n + k] * hb[k] * rk * (1 - rk);
        drz[b * 2 * n + k] = drk;
        dxp[(b * T + t) * 3 * n + n + k] = drk;
        next[b * n + k] += drh[b * n + k] * rk;
      }
    }
    // The state's share through both gates at once: [dr | dz] · [hr | hz]ᵀ.
    sgemm(false, true, N, n, 2 * n, 1.0f, drz.data(), 2 * n, hrz.data(), 2 * n, 1.0f, next.data(), n);
    carry.swap(next);
  }
  std::memcpy(dh0, carry.data(), sizeof(float) * nn);
  // Weight gradients over every step at once: hrᵀ and hzᵀ pair with the previous states, hh with r h.
  std::vector<float> gate(static_cast<size_t>(N * T * n));
  for (long c = 0; c < 2; ++c) {
    for (long row = 0; row < N * T; ++row)
      std::memcpy(gate.data() + row * n, dxp + row * 3 * n + (c + 1) * n, sizeof(float) * n);
    sgemm(true, false, n, n, N * T, 1.0f, prev.data(), n, gate.data(), n, 0.0f, c == 0 ? dhr : dhz, n);
  }
  std::vector<float> rh(static_cast<size_t>(N * T * n));
  for (long j = 0; j < N * T * n; ++j) rh[j] = reset[j] * prev[j];
  for (long row = 0; row < N * T; ++row) std::memcpy(gate.data() + row * n, dxp + row * 3 * n, sizeof(float) * n);
  sgemm(true, false, n, n, N * T, 1.0f, rh.data(), n, gate.data(), n, 0.0f, dhh, n);
}

void lstm_forward(const CellShape &s, const float *const *in, float *const *out) {
  const long N = s.batch, T = s.steps, n = s.units, w = 4 * n;
  const float *xp = in[0], *hh = in[1], *ci = in[2], *cf = in[3], *co = in[4], *h0 = in[5], *c0 = in[6];
  float *y = out[0], *cell = out[1], *gates = out[2];
  const Walk walk{T, s.reverse};
  std::vector<float> z(static_cast<size_t>(N * w));
  for (long i = 0; i < T; ++i) {
    const long t = walk.t(i);
    long ld, ldc;
    const float *h = state_before(walk, i, h0, y, n, &ld);
    const float *c = state_before(walk, i, c0, cell, n, &ldc);
    gather(z.data(), xp, N, T, t, w);
    sgemm(false, false, N, w, n, 1.0f, h, ld, hh, w, 1.0f, z.data(), w);
    for (long b = 0; b < N; ++b) {
      const float *zb = z.data() + b * w, *cb = c + b * ldc;
      const long at = (b * T + t) * n;
      float *g = gates + (b * T + t) * w, *ck = cell + at, *yk = y + at;
      // The gates in runs (input and forget, then the candidate, then output), each loop vectorized.
      for (long k = 0; k < n; ++k) {
        g[k] = zb[k] + cb[k] * ci[k];
        g[n + k] = zb[n + k] + cb[k] * cf[k];
      }
      sigmoid_run(g, 2 * n);
      tanh_run(zb + 2 * n, g + 2 * n, n);
      for (long k = 0; k < n; ++k) {
        ck[k] = g[n + k] * cb[k] + g[k] * g[2 * n + k];
        g[3 * n + k] = zb[3 * n + k] + ck[k] * co[k];
      }
      sigmoid_run(g + 3 * n, n);
      tanh_run(ck, yk, n);
      for (long k = 0; k < n; ++k) yk[k] *= g[3 * n + k];
    }
  }
}

void lstm_backward(const CellShape &s, const float *const *in, float *const *out) {
  const long N = s.batch, T = s.steps, n = s.units, w = 4 * n;
  const float *dout = in[0], *dcell = in[1], *y = in[2], *cell = in[3], *gates = in[4], *hh = in[5];
  const float *ci = in[6], *cf = in[7], *co = in[8], *h0 = in[9], *c0 = in[10];
  float *dxp = out[0], *dhh = out[1], *dci = out[2], *dcf = out[3], *dco = out[4], *dh0 = out[5], *dc0 = out[6];
  const Walk walk{T, s.reverse};
  const size_t nn = static_cast<size_t>(N * n);
  std::vector<float> carry_h(nn, 0.0f), carry_c(nn, 0.0f), dz(static_cast<size_t>(N * w));
  std::vector<double> sci(n, 0.0), scf(n, 0.0), sco(n, 0.0);
  std::vector<float> tanh_c(static_cast<size_t>(n));
  const std::vector<float> prev_c = previous_states(walk, N, n, c0, cell);
  for (long i = T - 1; i >= 0; --i) {
    const long t = walk.t(i);
    for (long b = 0; b < N; ++b) {
      const long at = (b * T + t) * n;
      const float *g = gates + (b * T + t) * w, *cp = prev_c.data() + at;
      float *d = dz.data() + b * w;
      tanh_run(cell + at, tanh_c.data(), n);
      for (long k = 0; k < n; ++k) {
        const float ig = g[k], fg = g[n + k], cand = g[2 * n + k], og = g[3 * n + k];
        const float ck = cell[at + k], tc = tanh_c[k];
        const float dh = dout[at + k] + carry_h[b * n + k];
        const float dzo = dh * tc * og * (1 - og);
        const float dc = dcell[at + k] + carry_c[b * n + k] + dh * og * (1 - tc * tc) + dzo * co[k];
        const float dzi = dc * cand * ig * (1 - ig);
        const float dzf = dc * cp[k] * fg * (1 - fg);
        const float dzc = dc * ig * (1 - cand * cand);
        d[k] = dzi;
        d[n + k] = dzf;
        d[2 * n + k] = dzc;
        d[3 * n + k] = dzo;
        carry_c[b * n + k] = dc * fg + dzi * ci[k] + dzf * cf[k];
        sci[k] += static_cast<double>(dzi) * cp[k];
        scf[k] += static_cast<double>(dzf) * cp[k];
        sco[k] += static_cast<double>(dzo) * ck;
      }
      std::memcpy(dxp + (b * T + t) * w, d, sizeof(float) * w);
    }
    sgemm(false, true, N, n, w, 1.0f, dz.data(), w, hh, w, 0.0f, carry_h.data(), n);
  }
  std::memcpy(dh0, carry_h.data(), sizeof(float) * nn);
  std::memcpy(dc0, carry_c.data(), sizeof(float) * nn);
  for (long k = 0; k < n; ++k) {
    dci[k] = static_cast<float>(sci[k]);
    dcf[k] = static_cast<float>(scf[k]);
    dco[k] = static_cast<float>(sco[k]);
  }
  const std::vector<float> prev_h = previous_states(walk, N, n, h0, y);
  sgemm(true, false, n, w, N * T, 1.0f, prev_h.data(), n, dxp, w, 0.0f, dhh, w);
}

}  // namespace

int cell_slots(Cell cell, bool backward, bool outputs, const CellShape &s, long *len) {
  const long seq = s.batch * s.steps * s.units, nn = s.units * s.units, state = s.batch * s.units, n = s.units;
  int k = 0;
  auto add = [&](long v) { len[k++] = v; };
  switch (cell) {
    case Cell::kRnn:
      if (!backward && !outputs) { add(seq); add(nn); add(state); }
      else if (!backward) { add(seq); add(seq); }
      else if (!outputs) { for (int j = 0; j < 4; ++j) add(seq); add(nn); add(state); }
      else { add(seq); add(nn); add(state); }
      break;
    case Cell::kGru:
      if (!backward && !outputs) { add(3 * seq); add(nn); add(nn); add(nn); add(state); }
      else if (!backward) { for (int j = 0; j < 5; ++j) add(seq); }
      else if (!outputs) { for (int j = 0; j < 9; ++j) add(seq); add(nn); add(nn); add(nn); add(state); }
      else { add(3 * seq); add(nn); add(nn); add(nn); add(state); }
      break;
    case Cell::kLstm:
      if (!backward && !outputs) { add(4 * seq); add(4 * nn); add(n); add(n); add(n); add(state); add(state); }
      else if (!backward) { add(seq); add(seq); add(4 * seq); }
      else if (!outputs) { add(seq); add(seq); add(seq); add(seq); add(4 * seq); add(4 * nn); add(n); add(n); add(n); add(state); add(state); }
      else { add(4 * seq); add(4 * nn); add(n); add(n); add(n); add(state); add(state); }
      break;
  }
  return k;
}

void cell_forward(Cell cell, const CellShape &shape, const float *const *in, float *const *out) {
  if (shape.batch == 0 || shape.steps == 0 || shape.units == 0) return;
  if (cell == Cell::kRnn) rnn_forward(shape, in, out);
  else if (cell == Cell::kGru) gru_forward(shape, in, out);
  else lstm_forward(shape, in, out);
}

void cell_backward(Cell cell, const CellShape &shape, const float *const *in, float *const *out) {
  if (shape.batch == 0 || shape.steps == 0 || shape.units == 0) return;
  if (cell == Cell::kRnn) rnn_backward(shape, in, out);
  else if (cell == Cell::kGru) gru_backward(shape, in, out);
  else lstm_backward(shape, in, out);
}

}  // namespace tsnets
