// Packing of A and B blocks into the sliver layout the micro-kernel reads.
//
// A matrix operand is addressed as a strided view: element (i, j) of op(X)
// sits at x[i * rs + j * cs], so a transposed operand is the same view with
// the strides swapped and packing is the only code that sees transposes.
#pragma once

namespace tsnets {

/**
 * Packs the mc x kc block of op(A) at `a` into slivers of `mr` rows: sliver s
 * holds, for each k step p, the mr values op(A)(s * mr + r, p), r = 0..mr-1.
 * Rows past mc are zero, so the kernel can always compute full tiles.
 */
void pack_a(const float *a, long rs, long cs, long mc, long kc, int mr, float *dst);

/**
 * Packs the kc x nc block of op(B) at `b` into slivers of `nr` columns: sliver
 * s holds, for each k step p, the nr values op(B)(p, s * nr + c). Columns past
 * nc are zero.
 */
void pack_b(const float *b, long rs, long cs, long kc, long nc, int nr, float *dst);

}  // namespace tsnets
