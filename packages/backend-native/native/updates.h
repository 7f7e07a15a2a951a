// Optimizer updates in one pass: each reads a parameter, its gradient and
// its optimizer state once and writes the new values, where tf ops would
// take one pass (and one new array) per arithmetic step. The arithmetic is
// the optimizers' own, step for step, in float (see @tsnets/optimizers).
// Outputs must not overlap inputs.
#pragma once

namespace tsnets {

/**
 * SGD: with step d = lr * g,
 *   no velocity:  p' = p - d
 *   momentum mu:  v' = mu * v - d;  p' = p + v'                          (classical)
 *                                   p' = p + mu^2 * v - (1 + mu) * d     (nesterov)
 * `v` and `v_out` are null without momentum.
 */
void sgd_update(const float *__restrict p, const float *__restrict g, const float *__restrict v, long n, float lr, double momentum, bool nesterov,
                float *__restrict p_out, float *__restrict v_out);

/**
 * Adam, with bias corrections c1 = 1 - beta1^t and c2 = 1 - beta2^t:
 *   m' = beta1 * m + (1 - beta1) * g
 *   s' = beta2 * s + (1 - beta2) * g^2
 *   p' = p - (lr * m' / c1) / (sqrt(s' / c2) + eps)
 */
void adam_update(const float *__restrict p, const float *__restrict g, const float *__restrict m,
                 const float *__restrict s, long n, float lr, double beta1,
                 double beta2, float eps, float c1, float c2, float *__restrict p_out, float *__restrict m_out, float *__restrict s_out);

/**
 * The penalty of `weight_l2` (power 2) or `hidden_l1` and `weight_l1` (power 1) in one pass:
 *   power 1:  (float)(sum |x| * (1.0 / n))          as tf.mean(tf.abs(x)) on this backend
 *   power 2:  (float)(sum fl(x * x)) / (float)n      as tf.sum(tf.square(x)) / n
 * summed in double over eight lanes, in the order of the Sum kernel (reduce_sum).
 */
float penalty_value(const float *x, long n, int power);

/**
 * The penalty's gradient times the scalar dy, in one pass, with tf's arithmetic:
 *   power 1:  d = fl(dy / n);      out = x > 0 ? d : x == x ? -d : NaN   (tf's Abs gradient is -1 at 0)
 *   power 2:  f = dy * fl(2 / n);  out = x * f
 */
void penalty_grad(const float *__restrict x, long n, int power, float dy, float *__restrict out);

}  // namespace tsnets
