// Convolutions as GEMMs over im2col patches, a chunk of patches at a time.
//
// A patch is one output pixel's window, laid out (filter row, filter column,
// input channel) like a row of the filter seen as a K x out_c matrix
// (K = filter_h * filter_w * in_c), so with NHWC images every product is a
// plain row-major GEMM and the output rows are the NHWC output itself:
//
//   forward         y[rows]      = col[rows] * W              (rows x out_c)
//   input gradient  dcol[rows]   = dy[rows] * W^T, added back into dx (col2im)
//   filter gradient dW          += col[rows]^T * dy[rows]     over all rows
//
// Patches are expanded a chunk at a time (about 1 MB of floats), so memory
// stays bounded for any batch. Chunks run as tasks on the thread pool, each
// with a single-threaded GEMM; a problem of one chunk runs its GEMM on every
// thread instead.
#include "conv.h"

#include <cstring>
#include <vector>

#include "gemm.h"
#include "thread_pool.h"

namespace tsnets {
namespace {

// Floats of patches per chunk (1 MB: a thread's share of L2 and L3).
constexpr long kChunkFloats = 1L << 18;
// Tasks per thread, so a thread slowed by another process hands its share to the others.
constexpr long kTasksPerThread = 4;
// The least work worth a task of its own.
constexpr double kMinFlopsPerTask = 1e6;

inline long ceil_div(long x, long y) { return (x + y - 1) / y; }
inline long min_of(long x, long y) { return x < y ? x : y; }
inline long max_of(long x, long y) { return x < y ? y : x; }
inline long clamp(long v, long lo, long hi) { return v < lo ? lo : (v > hi ? hi : v); }

inline long patch_size(const ConvShape &s) { return s.filter_h * s.filter_w * s.in_c; }

/** Tasks for `rows` patches of `flops_per_row` each: enough to bound each chunk's memory and to share the work. */
long task_count(const ConvShape &s, long rows, double flops_per_row) {
  const long by_memory = ceil_div(rows * patch_size(s), kChunkFloats);
  const long by_work =
      min_of(pool_threads() * kTasksPerThread, static_cast<long>(rows * flops_per_row / kMinFlopsPerTask));
  return clamp(max_of(by_memory, pool_threads() > 1 ? by_work : 1), 1, rows);
}

/** Runs fn(ctx, t) for each task: on the pool when there are several, else here. */
void run_tasks(long tasks, TaskFn fn, void *ctx) {
  if (tasks > 1 && pool_threads() > 1) return parallel_run(static_cast<int>(tasks), fn, ctx);
  for (long t = 0; t < tasks; ++t) fn(ctx, static_cast<int>(t));
}

/** A thread's patch buffer, grown as needed and kept for the next call. */
float *scratch(long floats) {
  static thread_local std::vector<float> buffer;
  if (static_cast<long>(buffer.size()) < floats) buffer.resize(floats);
  return buffer.data();
}

/** One GEMM: on every thread when the caller runs alone, else on this one. */
void gemm(bool alone, bool ta, bool tb, long m, long n, long k, const float *a, long lda, const float *b, long ldb,
          float beta, float *c, long ldc) {
  if (alone) return sgemm(ta, tb, m, n, k, 1.0f, a, lda, b, ldb, beta, c, ldc);
  sgemm_serial(ta, tb, m, n, k, 1.0f, a, lda, b, ldb, beta, c, ldc);
}

/**
 * Visits the patches first, ..., first + rows - 1 (numbered (n, oy, ox) in
 * row-major order): for each window row inside the image, calls
 * fn(patch_offset, image_offset, count) with the offset of the row's valid
 * part in the patch (floats from the patch's start), the offset of its first
 * pixel in x, and its length in floats. Before the rows of a window that
 * reaches outside the image it calls clipped(patch_offset), so the caller can
 * zero that patch (an image gets nothing from the padding).
 */
template <typename Clipped, typename Fn>
void for_each_window_row(const ConvShape &s, long first, long rows, Clipped clipped, Fn fn) {
  const long span = s.filter_w * s.in_c;
  long ox = first % s.out_w;
  long oy = first / s.out_w % s.out_h;
  long n = first / (s.out_w * s.out_h);
  for (long r = 0; r < rows; ++r) {
    const long iy0 = oy * s.stride_h - s.pad_top;
    const long ix0 = ox * s.stride_w - s.pad_left;
    // Filter columns [c0, c1) fall inside the image.
    const long c0 = clamp(-ix0, 0, s.filter_w);
    const long c1 = clamp(s.in_w - ix0, c0, s.filter_w);
    if (c0 > 0 || c1 < s.filter_w || iy0 < 0 || iy0 + s.filter_h > s.in_h) clipped(r * patch_size(s));
    for (long wr = 0; wr < s.filter_h; ++wr) {
      const long iy = iy0 + wr;
      if (iy < 0 || iy >= s.in_h || c1 == c0) continue;
      fn(r * patch_size(s) + wr * span + c0 * s.in_c, ((n * s.in_h + iy) * s.in_w + ix0 + c0) * s.in_c,
         (c1 - c0) * s.in_c);
    }
    if (++ox == s.out_w) {
      ox = 0;
      if (++oy == s.out_h) oy = 0, ++n;
    }
  }
}

/** Writes the patches first, ..., first + rows - 1 of x into col, rows x K. */
void im2col(const ConvShape &s, const float *x, long first, long rows, float *col) {
  const long k = patch_size(s);
  // Only patches that reach into the padding need zeros; the others are written in full.
  const auto zero = [&](long at) { std::memset(col + at, 0, sizeof(float) * k); };
  for_each_window_row(s, first, rows, zero, [&](long at, long from, long count) {
    const float *src = x + from;
    float *dst = col + at;
    for (long i = 0; i < count; ++i) dst[i] = src[i];
  });
}

/** Adds the patches first, ..., first + rows - 1 in col (rows x K) back into their pixels of dx. */
void col2im(const ConvShape &s, const float *col, long first, long rows, float *dx) {
  for_each_window_row(s, first, rows, [](long) {}, [&](long at, long to, long count) {
    const float *src = col + at;
    float *dst = dx + to;
    for (long i = 0; i < count; ++i) dst[i] += src[i];
  });
}

/** A 1 x 1 filter over every pixel at stride 1 and no padding: the image is its own im2col. */
bool is_pointwise(const ConvShape &s) {
  return s.filter_h == 1 && s.filter_w == 1 && s.pad_top == 0 && s.pad_left == 0 && s.out_h == s.in_h &&
         s.out_w == s.in_w;
}

struct Job {
  const ConvShape *s;
  const float *a, *b;
  float *out;
  long rows;   // patches (forward, filter gradient) or images (input gradient) in all
  long tasks;  // tasks they are split into
  std::vector<float *> partial;  // the filter gradient's per-task sums
};

// Task t's share [first, end) of `job.rows`.
inline void share(const Job &job, int t, long *first, long *end) {
  *first = t * job.rows / job.tasks;
  *end = (t + 1) * job.rows / job.tasks;
}

void forward_task(void *ctx, int t) {
  const Job &job = *static_cast<Job *>(ctx);
  const ConvShape &s = *job.s;
  const long k = patch_size(s);
  long first, end;
  share(job, t, &first, &end);
  float *col = scratch((end - first) * k);
  im2col(s, job.a, first, end - first, col);
  gemm(job.tasks == 1, false, false, end - first, s.out_c, k, col, k, job.b, s.out_c, 0.0f,
       job.out + first * s.out_c, s.out_c);
}

void filter_task(void *ctx, int t) {
  const Job &job = *static_cast<Job *>(ctx);
  const ConvShape &s = *job.s;
  const long k = patch_size(s);
  long first, end;
  share(job, t, &first, &end);
  const long chunk = max_of(1, kChunkFloats / k);
  float *col = scratch(min_of(chunk, end - first) * k);
  float *dw = job.partial[t];
  for (long at = first; at < end; at += chunk) {
    const long rows = min_of(chunk, end - at);
    im2col(s, job.a, at, rows, col);
    gemm(job.tasks == 1, true, false, k, s.out_c, rows, col, k, job.b + at * s.out_c, s.out_c,
         at == first ? 0.0f : 1.0f, dw, s.out_c);
  }
}

void input_task(void *ctx, int t) {
  const Job &job = *static_cast<Job *>(ctx);
  const ConvShape &s = *job.s;
  const long k = patch_size(s);
  long first, end;
  share(job, t, &first, &end);
  const long image = s.in_h * s.in_w * s.in_c;
  std::memset(job.out + first * image, 0, sizeof(float) * (end - first) * image);
  // Whole images per task: the windows of two tasks never overlap in dx.
  const long patches = s.out_h * s.out_w;
  const long chunk = min_of(patches * (end - first), max_of(1, kChunkFloats / k));
  float *dcol = scratch(chunk * k);
  for (long at = first * patches; at < end * patches; at += chunk) {
    const long rows = min_of(chunk, end * patches - at);
    gemm(job.tasks == 1, false, true, rows, k, s.out_c, job.a + at * s.out_c, s.out_c, job.b, s.out_c, 0.0f, dcol, k);
    col2im(s, dcol, at, rows, job.out);
  }
}

}  // namespace

void conv2d_forward(const ConvShape &s, const float *x, const float *w, float *y) {
  const long rows = s.batch * s.out_h * s.out_w;
  if (is_pointwise(s)) return sgemm(false, false, rows, s.out_c, s.in_c, 1.0f, x, s.in_c, w, s.out_c, 0.0f, y, s.out_c);
  Job job{&s, x, w, y, rows, task_count(s, rows, 2.0 * patch_size(s) * s.out_c), {}};
  run_tasks(job.tasks, forward_task, &job);
}

void conv2d_backprop_filter(const ConvShape &s, const float *x, const float *dy, float *dw) {
  const long rows = s.batch * s.out_h * s.out_w;
  const long k = patch_size(s);
  if (is_pointwise(s)) return sgemm(true, false, k, s.out_c, rows, 1.0f, x, k, dy, s.out_c, 0.0f, dw, s.out_c);
  // One task per thread, each summing its share of the patches into its own copy of dw, added up at the end.
  const double flops = 2.0 * rows * k * s.out_c;
  const long tasks = clamp(min_of(pool_threads(), static_cast<long>(flops / (4 * kMinFlopsPerTask))), 1, rows);
  Job job{&s, x, dy, dw, rows, tasks, {dw}};
  std::vector<float> sums((tasks - 1) * k * s.out_c);
  for (long t = 1; t < tasks; ++t) job.partial.push_back(sums.data() + (t - 1) * k * s.out_c);
  run_tasks(tasks, filter_task, &job);
  for (long t = 1; t < tasks; ++t) {
    const float *part = job.partial[t];
    for (long i = 0; i < k * s.out_c; ++i) dw[i] += part[i];
  }
}

void conv2d_backprop_input(const ConvShape &s, const float *dy, const float *w, float *dx) {
  const long k = patch_size(s);
  if (is_pointwise(s)) {
    return sgemm(false, true, s.batch * s.in_h * s.in_w, s.in_c, s.out_c, 1.0f, dy, s.out_c, w, s.out_c, 0.0f, dx,
                 s.in_c);
  }
  const double flops_per_image = 2.0 * s.out_h * s.out_w * k * s.out_c;
  const long by_work = static_cast<long>(s.batch * flops_per_image / kMinFlopsPerTask);
  const long tasks = clamp(min_of(pool_threads() * kTasksPerThread, by_work), 1, s.batch);
  Job job{&s, dy, w, dx, s.batch, pool_threads() > 1 ? tasks : 1, {}};
  run_tasks(job.tasks, input_task, &job);
}

}  // namespace tsnets
