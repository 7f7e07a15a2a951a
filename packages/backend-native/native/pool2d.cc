// Max and average pooling and their gradients over NHWC images: direct loops
// with the channels innermost (contiguous, vectorized by the compiler), whole
// images per task on the thread pool, so no two tasks write the same pixel.
#include <cstring>
#include <limits>
#include <vector>

#include "conv.h"
#include "thread_pool.h"

namespace tsnets {
namespace {

// Values touched per task worth waking a thread for.
constexpr double kMinValuesPerTask = 32768;
constexpr long kTasksPerThread = 4;

inline long clamp(long v, long lo, long hi) { return v < lo ? lo : (v > hi ? hi : v); }

struct PoolJob {
  PoolOp op;
  const ConvShape *s;
  const float *a, *b;
  float *out;
  long tasks;
};

/** The window of output (oy, ox), clipped to the image: rows [y0, y1), columns [x0, x1). */
struct Window {
  long y0, y1, x0, x1;
  Window(const ConvShape &s, long oy, long ox) {
    const long top = oy * s.stride_h - s.pad_top;
    const long left = ox * s.stride_w - s.pad_left;
    y0 = clamp(top, 0, s.in_h);
    y1 = clamp(top + s.filter_h, y0, s.in_h);
    x0 = clamp(left, 0, s.in_w);
    x1 = clamp(left + s.filter_w, x0, s.in_w);
  }
};

void pool_forward(bool max, const ConvShape &s, const float *x, float *y) {
  const long c = s.in_c;
  for (long oy = 0; oy < s.out_h; ++oy) {
    for (long ox = 0; ox < s.out_w; ++ox) {
      const Window w(s, oy, ox);
      float *o = y + (oy * s.out_w + ox) * c;
      const float init = max ? -std::numeric_limits<float>::infinity() : 0.0f;
      for (long d = 0; d < c; ++d) o[d] = init;
      for (long iy = w.y0; iy < w.y1; ++iy) {
        for (long ix = w.x0; ix < w.x1; ++ix) {
          const float *p = x + (iy * s.in_w + ix) * c;
          if (max) {
            // A strict >, as tfjs: NaN never wins.
            for (long d = 0; d < c; ++d) o[d] = p[d] > o[d] ? p[d] : o[d];
          } else {
            for (long d = 0; d < c; ++d) o[d] += p[d];
          }
        }
      }
      if (!max) {
        // Pixels inside the image only; an empty window gives 0 / 0 as tfjs.
        const float count = static_cast<float>((w.y1 - w.y0) * (w.x1 - w.x0));
        for (long d = 0; d < c; ++d) o[d] /= count;
      }
    }
  }
}

void max_pool_grad(const ConvShape &s, const float *x, const float *dy, float *dx) {
  const long c = s.in_c;
  static thread_local std::vector<float> best_values;
  static thread_local std::vector<int> where_values;
  best_values.resize(c);
  where_values.resize(c);
  // Restrict pointers (offsets within one image fit an int): the window loop below then vectorizes.
  float *__restrict best = best_values.data();
  int *__restrict where = where_values.data();
  for (long oy = 0; oy < s.out_h; ++oy) {
    for (long ox = 0; ox < s.out_w; ++ox) {
      const Window w(s, oy, ox);
      for (long d = 0; d < c; ++d) best[d] = -std::numeric_limits<float>::infinity(), where[d] = -1;
      // The first largest pixel in row-major order, as tfjs' maxPoolPositions.
      for (long iy = w.y0; iy < w.y1; ++iy) {
        for (long ix = w.x0; ix < w.x1; ++ix) {
          const int at = static_cast<int>((iy * s.in_w + ix) * c);
          const float *__restrict p = x + at;
          // The index chosen with a mask rather than a branch, so the loop vectorizes.
          for (int d = 0; d < static_cast<int>(c); ++d) {
            const float v = p[d], top = best[d];
            const int larger = -static_cast<int>(v > top);
            best[d] = v > top ? v : top;
            where[d] = (where[d] & ~larger) | ((at + d) & larger);
          }
        }
      }
      const float *g = dy + (oy * s.out_w + ox) * c;
      for (long d = 0; d < c; ++d) {
        if (where[d] >= 0) dx[where[d]] += g[d];
      }
    }
  }
}

void avg_pool_grad(const ConvShape &s, const float *dy, float *dx) {
  const long c = s.in_c;
  // tfjs' cpu backend divides by the whole filter's size, pixels outside the image included.
  const float scale = 1.0f / static_cast<float>(s.filter_h * s.filter_w);
  for (long oy = 0; oy < s.out_h; ++oy) {
    for (long ox = 0; ox < s.out_w; ++ox) {
      const Window w(s, oy, ox);
      const float *g = dy + (oy * s.out_w + ox) * c;
      for (long iy = w.y0; iy < w.y1; ++iy) {
        for (long ix = w.x0; ix < w.x1; ++ix) {
          float *p = dx + (iy * s.in_w + ix) * c;
          for (long d = 0; d < c; ++d) p[d] += g[d] * scale;
        }
      }
    }
  }
}

void pool_task(void *ctx, int t) {
  const PoolJob &job = *static_cast<PoolJob *>(ctx);
  const ConvShape &s = *job.s;
  const long image = s.in_h * s.in_w * s.in_c;
  const long pooled = s.out_h * s.out_w * s.in_c;
  for (long n = t * s.batch / job.tasks; n < (t + 1) * s.batch / job.tasks; ++n) {
    switch (job.op) {
      case PoolOp::kMax:
      case PoolOp::kAvg:
        pool_forward(job.op == PoolOp::kMax, s, job.a + n * image, job.out + n * pooled);
        break;
      case PoolOp::kMaxGrad:
        std::memset(job.out + n * image, 0, sizeof(float) * image);
        max_pool_grad(s, job.a + n * image, job.b + n * pooled, job.out + n * image);
        break;
      case PoolOp::kAvgGrad:
        std::memset(job.out + n * image, 0, sizeof(float) * image);
        avg_pool_grad(s, job.a + n * pooled, job.out + n * image);
        break;
    }
  }
}

}  // namespace

void pool2d(PoolOp op, const ConvShape &s, const float *a, const float *b, float *out) {
  const double window = static_cast<double>(s.filter_h) * s.filter_w;
  const double values = static_cast<double>(s.batch) * (s.in_h * s.in_w + s.out_h * s.out_w * window) * s.in_c;
  const long threads = pool_threads();
  long tasks = static_cast<long>(values / kMinValuesPerTask);
  tasks = clamp(tasks < threads * kTasksPerThread ? tasks : threads * kTasksPerThread, 1, s.batch < 1 ? 1 : s.batch);
  PoolJob job{op, &s, a, b, out, threads > 1 ? tasks : 1};
  if (job.tasks > 1) return parallel_run(static_cast<int>(job.tasks), pool_task, &job);
  pool_task(&job, 0);
}

}  // namespace tsnets
