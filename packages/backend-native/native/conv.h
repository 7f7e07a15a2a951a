// 2-d convolution and pooling over NHWC float32 images (dilation 1).
#pragma once

namespace tsnets {

/**
 * The geometry of a convolution or pooling as tfjs' computeConv2DInfo gives
 * it: x is [batch, in_h, in_w, in_c], y is [batch, out_h, out_w, out_c], the
 * filter [filter_h, filter_w, in_c, out_c]. Output (oy, ox) reads the window
 * whose top left input pixel is (oy * stride_h - pad_top, ox * stride_w -
 * pad_left); pixels outside the image count as zeros (pooling skips them).
 * Pooling has out_c == in_c.
 */
struct ConvShape {
  long batch, in_h, in_w, in_c;
  long out_h, out_w, out_c;
  long filter_h, filter_w;
  long stride_h, stride_w;
  long pad_top, pad_left;
};

/** y = conv2d(x, w): im2col of a chunk of patches, then one GEMM with the filter as a K x out_c matrix. */
void conv2d_forward(const ConvShape &s, const float *x, const float *w, float *y);

/** dx = the transpose of conv2d applied to dy: dy * w^T per chunk of patches, added back into place (col2im). */
void conv2d_backprop_input(const ConvShape &s, const float *dy, const float *w, float *dx);

/** dw = col^T * dy summed over every patch of the batch. */
void conv2d_backprop_filter(const ConvShape &s, const float *x, const float *dy, float *dw);

/** The pooling kernels; the gradients take and return tfjs' operands (see pool2d). */
enum class PoolOp { kMax = 0, kAvg = 1, kMaxGrad = 2, kAvgGrad = 3 };

/**
 * kMax, kAvg: out = pool(a) with a = x (the average over the pixels inside
 * the image). kMaxGrad: out = dx from a = x and b = dy, each dy going to the
 * first largest pixel of its window in row-major order (a strict >, as tfjs'
 * cpu backend; a window of NaN or -Infinity only passes nothing). kAvgGrad:
 * out = dx from a = dy, each dy spread over the window's pixels inside the
 * image times 1 / (filter_h * filter_w), as tfjs' cpu backend does.
 */
void pool2d(PoolOp op, const ConvShape &s, const float *a, const float *b, float *out);

}  // namespace tsnets
