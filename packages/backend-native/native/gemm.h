// Single-precision GEMM on row-major matrices, BLAS-style arguments.
#pragma once

namespace tsnets {

/**
 * C = alpha * op(A) * op(B) + beta * C, where op(A) is M x K, op(B) is K x N
 * and C is M x N, all row-major with leading dimensions lda, ldb, ldc;
 * op(X) is X transposed when transX is set. With beta == 0, C is not read.
 */
void sgemm(bool trans_a, bool trans_b, long m, long n, long k, float alpha, const float *a, long lda, const float *b,
           long ldb, float beta, float *c, long ldc);

/**
 * As sgemm, on the calling thread only: for callers that already run one task
 * per thread of the pool (the convolutions' chunks of patches).
 */
void sgemm_serial(bool trans_a, bool trans_b, long m, long n, long k, float alpha, const float *a, long lda,
                  const float *b, long ldb, float beta, float *c, long ldc);

/**
 * `batch` products C_i = op(A_i) * op(B_i) of densely stored matrices, where
 * X_i starts at x + i * stride_x. A stride of 0 repeats one matrix for every
 * item (a broadcast batch dimension).
 */
void sgemm_batched(bool trans_a, bool trans_b, long batch, long m, long n, long k, const float *a, long stride_a,
                   const float *b, long stride_b, float *c, long stride_c);

}  // namespace tsnets
