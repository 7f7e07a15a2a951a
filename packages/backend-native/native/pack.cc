#include "pack.h"

#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace tsnets {
namespace {

// Columns [first, cols) of a sliver of transposed B, scalar: columns of op(B)
// are contiguous along k. Walks k in chunks of 8 so each column read is a short
// contiguous run and the written sliver (kc x nr floats, a few KB) stays in L1.
void pack_b_sliver_transposed(const float *src, long cs, long kc, long first, long cols, int nr, float *dst) {
  for (long p0 = 0; p0 < kc; p0 += 8) {
    const long p1 = p0 + 8 < kc ? p0 + 8 : kc;
    for (long c = first; c < cols; ++c) {
      for (long p = p0; p < p1; ++p) dst[p * nr + c] = src[c * cs + p];
    }
    for (long p = p0; cols < nr && p < p1; ++p) {
      for (long c = cols; c < nr; ++c) dst[p * nr + c] = 0.0f;
    }
  }
}

#if defined(__x86_64__) || defined(__i386__)
// The same with AVX: 8 x 8 blocks transposed in registers (unpack, shuffle,
// permute), then the scalar loop for the k and column remainders. This is the
// packing of dy * W^T, the input gradient of every dense layer.
__attribute__((target("avx"))) void pack_b_sliver_transposed_avx(const float *src, long cs, long kc, long cols, int nr,
                                                                  float *dst) {
  const long c8 = cols / 8 * 8, k8 = kc / 8 * 8;
  for (long c0 = 0; c0 < c8; c0 += 8) {
    for (long p0 = 0; p0 < k8; p0 += 8) {
      __m256 r[8], t[8], u[8];
      for (int i = 0; i < 8; ++i) r[i] = _mm256_loadu_ps(src + (c0 + i) * cs + p0);
      for (int i = 0; i < 8; i += 2) {
        t[i] = _mm256_unpacklo_ps(r[i], r[i + 1]);
        t[i + 1] = _mm256_unpackhi_ps(r[i], r[i + 1]);
      }
      for (int i = 0; i < 8; i += 4) {
        u[i] = _mm256_shuffle_ps(t[i], t[i + 2], _MM_SHUFFLE(1, 0, 1, 0));
        u[i + 1] = _mm256_shuffle_ps(t[i], t[i + 2], _MM_SHUFFLE(3, 2, 3, 2));
        u[i + 2] = _mm256_shuffle_ps(t[i + 1], t[i + 3], _MM_SHUFFLE(1, 0, 1, 0));
        u[i + 3] = _mm256_shuffle_ps(t[i + 1], t[i + 3], _MM_SHUFFLE(3, 2, 3, 2));
      }
      for (int q = 0; q < 4; ++q) {
        _mm256_storeu_ps(dst + (p0 + q) * nr + c0, _mm256_permute2f128_ps(u[q], u[q + 4], 0x20));
        _mm256_storeu_ps(dst + (p0 + q + 4) * nr + c0, _mm256_permute2f128_ps(u[q], u[q + 4], 0x31));
      }
    }
    for (long p = k8; p < kc; ++p) {
      for (long c = c0; c < c0 + 8; ++c) dst[p * nr + c] = src[c * cs + p];
    }
  }
  // Columns past the last full 8 (and the zero padding up to nr).
  pack_b_sliver_transposed(src, cs, kc, c8, cols, nr, dst);
}

const bool kHasAvx = [] {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx");
}();
#endif

}  // namespace

void pack_a(const float *a, long rs, long cs, long mc, long kc, int mr, float *dst) {
  for (long i = 0; i < mc; i += mr) {
    const long rows = mc - i < mr ? mc - i : mr;
    const float *src = a + i * rs;
    if (cs == 1) {
      // Row-major A: each row is contiguous along k; read row by row.
      for (long r = 0; r < rows; ++r) {
        const float *row = src + r * rs;
        for (long p = 0; p < kc; ++p) dst[p * mr + r] = row[p];
      }
    } else {
      // Transposed A: the mr values of one k step are contiguous (rs == 1).
      for (long p = 0; p < kc; ++p) {
        const float *col = src + p * cs;
        for (long r = 0; r < rows; ++r) dst[p * mr + r] = col[r * rs];
      }
    }
    for (long p = 0; rows < mr && p < kc; ++p) {
      for (long r = rows; r < mr; ++r) dst[p * mr + r] = 0.0f;
    }
    dst += mr * kc;
  }
}

void pack_b(const float *b, long rs, long cs, long kc, long nc, int nr, float *dst) {
  for (long j = 0; j < nc; j += nr) {
    const long cols = nc - j < nr ? nc - j : nr;
    const float *src = b + j * cs;
    if (cs == 1) {
      // Row-major B: a sliver row is a contiguous run of `cols` floats.
      for (long p = 0; p < kc; ++p) {
        std::memcpy(dst + p * nr, src + p * rs, cols * sizeof(float));
        for (long c = cols; c < nr; ++c) dst[p * nr + c] = 0.0f;
      }
    } else {
      // Transposed B (rs == 1): columns are contiguous along k.
#if defined(__x86_64__) || defined(__i386__)
      if (kHasAvx) {
        pack_b_sliver_transposed_avx(src, cs, kc, cols, nr, dst);
      } else {
        pack_b_sliver_transposed(src, cs, kc, 0, cols, nr, dst);
      }
#else
      pack_b_sliver_transposed(src, cs, kc, 0, cols, nr, dst);
#endif
    }
    dst += nr * kc;
  }
}

}  // namespace tsnets
