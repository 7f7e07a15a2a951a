// The bias add and activation of tfjs' _FusedMatMul, applied in place.
#pragma once

namespace tsnets {

/** Activations of tfjs' fused ops, in the numbering the addon's callers use. */
enum class Activation { kLinear = 0, kRelu = 1, kRelu6 = 2, kElu = 3, kPrelu = 4, kSigmoid = 5, kLeakyRelu = 6 };

/**
 * For every element x of the rows x cols matrix c (row-major, dense):
 * x = act(x + bias[j]), where bias (and prelu's per-column slope) has either
 * `cols` entries or one broadcast entry (length 1); either may be null.
 * The formulas are those of tfjs-backend-cpu, so results agree to rounding.
 */
void bias_activation(float *c, long rows, long cols, const float *bias, long bias_len, Activation act,
                     const float *slope, long slope_len, float leaky_alpha);

}  // namespace tsnets
