// The blocked GEMM driver (the BLIS/GotoBLAS loop nest).
//
//   for jc over N in NC columns          B block of kc x NC: lives in L3
//     for pc over K in KC steps          packed once per (jc, pc)
//       pack op(B)[pc, jc] into slivers of nr columns
//       for ic over M in MC rows         A block of MC x kc: lives in L2
//         pack op(A)[ic, pc] into slivers of mr rows
//         for each nr sliver of B        one sliver of B (kc x nr) stays in L1
//           for each mr sliver of A
//             micro-kernel: mr x nr tile of C, kc fused multiply-adds deep
//
// Two threads (or more, on bigger machines) split the product into disjoint
// column (or row) ranges of C, each running the whole nest on its own range
// with its own packing buffers, so they never write the same cache line of C.
// The operand all ranges share (A for column ranges, B for row ranges) is
// packed once, before the split, when it is small; otherwise each task packs
// its own copy, which costs O(M*K) or O(K*N) against O(M*N*K) multiply-adds
// and saves all synchronization inside the nest.
#include "gemm.h"

#include <cstdlib>

#include "kernels.h"
#include "pack.h"
#include "thread_pool.h"

namespace tsnets {
namespace {

constexpr long kKc = 256;   // k depth of a packed block
constexpr long kMc = 144;   // rows of a packed A block (a multiple of 6 and 8)
constexpr long kNc = 4032;  // columns of a packed B block (a multiple of 8, 16, 48)
// Below this many flops per thread, waking another thread costs more than it saves.
constexpr double kMinFlopsPerThread = 3e6;
// Tasks per thread when a product is split, and the least work worth a task.
constexpr long kTasksPerThread = 4;
constexpr double kMinFlopsPerTask = 2e6;

/** A 64-byte aligned buffer that only grows; one per thread and operand. */
class Scratch {
 public:
  ~Scratch() { std::free(data_); }

  float *get(long floats) {
    if (floats > size_) {
      std::free(data_);
      size_ = floats;
      data_ = static_cast<float *>(std::aligned_alloc(64, ((floats * sizeof(float) + 63) / 64) * 64));
    }
    return data_;
  }

 private:
  float *data_ = nullptr;
  long size_ = 0;
};

// The largest shared operand packed once before a split (floats; 4 MB).
constexpr long kMaxSharedPack = 1L << 20;

/** The operands of one (sub-)product, with operands as strided views (see pack.h). */
struct Problem {
  long m, n, k;
  float alpha;
  const float *a;
  long a_rs, a_cs;
  const float *b;
  long b_rs, b_cs;
  float beta;
  float *c;
  long ldc;
  // All of op(A) (or op(B)) already packed, k block after k block (see pack_all_a / pack_all_b), or null.
  const float *a_packed = nullptr;
  const float *b_packed = nullptr;
};

inline long ceil_div(long x, long y) { return (x + y - 1) / y; }
inline long min_of(long x, long y) { return x < y ? x : y; }

// C = beta * C, for K == 0 (no product to add).
void scale_c(const Problem &p) {
  for (long i = 0; i < p.m; ++i) {
    float *row = p.c + i * p.ldc;
    for (long j = 0; j < p.n; ++j) row[j] = p.beta == 0.0f ? 0.0f : p.beta * row[j];
  }
}

// An edge tile narrower or shorter than mr x nr: the kernel writes a full tile
// to scratch, and only the valid part is merged into C.
void edge_tile(const KernelInfo &kern, long kc, const float *a, const float *b, long ldb, float *c, long ldc,
               long rows, long cols, float alpha, float beta) {
  alignas(64) float tile[8 * 48];  // the largest tile: AVX-512's
  kern.fn(kc, a, b, ldb, tile, kern.nr, 1.0f, 0.0f);
  for (long r = 0; r < rows; ++r) {
    for (long j = 0; j < cols; ++j) {
      const float v = alpha * tile[r * kern.nr + j];
      c[r * ldc + j] = beta == 0.0f ? v : v + beta * c[r * ldc + j];
    }
  }
}

// Even k blocks: K = 784 gives 4 x 196 rather than 3 x 256 + 16.
inline long k_block(long k) { return ceil_div(k, ceil_div(k, kKc)); }

// Rows (or columns) rounded up to whole slivers.
inline long padded(long extent, long sliver) { return ceil_div(extent, sliver) * sliver; }

// Packs all of op(A): for each k block in turn, its m rows as pack_a lays them out.
void pack_all_a(const KernelInfo &kern, const Problem &p, float *dst) {
  const long kc_max = k_block(p.k);
  for (long pc = 0; pc < p.k; pc += kc_max) {
    const long kc = min_of(kc_max, p.k - pc);
    pack_a(p.a + pc * p.a_cs, p.a_rs, p.a_cs, p.m, kc, kern.mr, dst + pc * padded(p.m, kern.mr));
  }
}

// Packs all of op(B) (at most kNc columns): for each k block in turn, its n columns as pack_b lays them out.
void pack_all_b(const KernelInfo &kern, const Problem &p, float *dst) {
  const long kc_max = k_block(p.k);
  for (long pc = 0; pc < p.k; pc += kc_max) {
    const long kc = min_of(kc_max, p.k - pc);
    pack_b(p.b + pc * p.b_rs, p.b_rs, p.b_cs, kc, p.n, kern.nr, dst + pc * padded(p.n, kern.nr));
  }
}

// The whole loop nest on one thread.
void gemm_serial(const KernelInfo &kern, const Problem &p) {
  static thread_local Scratch a_scratch, b_scratch;
  const long mr = kern.mr, nr = kern.nr;
  const long kc_max = k_block(p.k);
  const long mc_max = ceil_div(ceil_div(p.m, ceil_div(p.m, kMc)), mr) * mr;
  const long nc_max = min_of(kNc, ceil_div(p.n, nr) * nr);
  float *a_pack = p.a_packed ? nullptr : a_scratch.get(mc_max * kc_max);
  float *b_pack = p.b_packed ? nullptr : b_scratch.get(nc_max * kc_max);
  // A row-major op(B) serving one block of A rows is read in place: packing it would copy every value to read it
  // once (64 x 784 x 1000: a sixth of the time). Only the last sliver, narrower than nr, is packed, since reading nr
  // columns in place would run past B's last row.
  const bool b_in_place = !p.b_packed && p.b_cs == 1 && p.m <= mc_max;

  for (long jc = 0; jc < p.n; jc += kNc) {
    const long nc = min_of(kNc, p.n - jc);
    for (long pc = 0; pc < p.k; pc += kc_max) {
      const long kc = min_of(kc_max, p.k - pc);
      // The first k block applies the caller's beta; later ones accumulate.
      const float beta = pc == 0 ? p.beta : 1.0f;
      // A shared packed B has one column block (n <= kNc); a block starts at pc * padded n.
      const float *b_block = p.b_packed ? p.b_packed + pc * padded(p.n, nr) : b_pack;
      if (!p.b_packed && !b_in_place) pack_b(p.b + pc * p.b_rs + jc * p.b_cs, p.b_rs, p.b_cs, kc, nc, nr, b_pack);
      for (long ic = 0; ic < p.m; ic += mc_max) {
        const long mc = min_of(mc_max, p.m - ic);
        // Rows ic.. of a shared packed A start ic whole rows of kc values into its k block.
        const float *a_block = p.a_packed ? p.a_packed + pc * padded(p.m, mr) + ic * kc : a_pack;
        if (!p.a_packed) pack_a(p.a + ic * p.a_rs + pc * p.a_cs, p.a_rs, p.a_cs, mc, kc, mr, a_pack);
        for (long jr = 0; jr < nc; jr += nr) {
          const long cols = min_of(nr, nc - jr);
          const float *b_sliver = b_block + jr * kc;
          long ldb = nr;
          if (b_in_place && cols == nr) {
            b_sliver = p.b + pc * p.b_rs + jc + jr;
            ldb = p.b_rs;
          } else if (b_in_place) {
            pack_b(p.b + pc * p.b_rs + jc + jr, p.b_rs, 1, kc, cols, nr, b_pack);
            b_sliver = b_pack;
          }
          for (long ir = 0; ir < mc; ir += mr) {
            const long rows = min_of(mr, mc - ir);
            const float *a_sliver = a_block + ir * kc;
            float *c_tile = p.c + (ic + ir) * p.ldc + jc + jr;
            if (rows == mr && cols == nr) {
              kern.fn(kc, a_sliver, b_sliver, ldb, c_tile, p.ldc, p.alpha, beta);
            } else {
              edge_tile(kern, kc, a_sliver, b_sliver, ldb, c_tile, p.ldc, rows, cols, p.alpha, beta);
            }
          }
        }
      }
    }
  }
}

// Threads that pay for themselves on `flops` of work, at most the pool's.
int threads_for(double flops) {
  const long useful = static_cast<long>(flops / kMinFlopsPerThread);
  const long pool = pool_threads();
  return static_cast<int>(useful < 1 ? 1 : min_of(useful, pool));
}

struct SplitJob {
  const KernelInfo *kern;
  Problem whole;
  bool split_n;  // column ranges of C (else row ranges)
  long unit;     // nr columns or mr rows: ranges are whole units
  long units;    // units in all of C's columns (or rows)
  long tasks;    // ranges, as even as whole units allow
};

void run_split_task(void *ctx, int task) {
  const SplitJob &job = *static_cast<SplitJob *>(ctx);
  Problem p = job.whole;
  const long start = task * job.units / job.tasks * job.unit;
  const long end = min_of((task + 1) * job.units / job.tasks * job.unit, job.split_n ? p.n : p.m);
  if (start >= end) return;
  if (job.split_n) {
    p.n = end - start;
    p.b += start * p.b_cs;
    p.c += start;
  } else {
    p.m = end - start;
    p.a += start * p.a_rs;
    p.c += start * p.ldc;
  }
  // A shared packed operand needs no offset: a column range keeps all rows of A, a row range all columns of B.
  gemm_serial(*job.kern, p);
}

// One product, split over the pool when it is big enough.
void gemm_parallel(const KernelInfo &kern, const Problem &p, int threads) {
  if (threads <= 1) return gemm_serial(kern, p);
  // Split the longer side of C: the repacked shared operand is then the smaller.
  SplitJob job{&kern, p, p.n >= p.m, 0, 0, 0};
  job.unit = job.split_n ? kern.nr : kern.mr;
  job.units = ceil_div(job.split_n ? p.n : p.m, job.unit);
  // A few tasks per thread, claimed as threads free up: when another process
  // holds a core, the threads that run take over the tasks of the one that
  // does not, instead of waiting for its fixed half. Tasks differ by at most
  // one unit (784 columns: 8 tasks of 6 or 7 slivers of 16, not 7 of 112).
  const long tasks_wanted = min_of(static_cast<long>(threads) * kTasksPerThread,
                                   static_cast<long>(2.0 * p.m * p.n * p.k / kMinFlopsPerTask) + 1);
  job.tasks = min_of(job.units, tasks_wanted < threads ? threads : tasks_wanted);
  const int tasks = static_cast<int>(job.tasks);
  // Pack the operand every task reads in full once, here, when it is small enough.
  static thread_local Scratch shared;
  if (job.split_n && padded(p.m, kern.mr) * p.k <= kMaxSharedPack) {
    float *packed = shared.get(padded(p.m, kern.mr) * p.k);
    pack_all_a(kern, p, packed);
    job.whole.a_packed = packed;
  } else if (!job.split_n && p.n <= kNc && padded(p.n, kern.nr) * p.k <= kMaxSharedPack) {
    float *packed = shared.get(padded(p.n, kern.nr) * p.k);
    pack_all_b(kern, p, packed);
    job.whole.b_packed = packed;
  }
  parallel_run(tasks, run_split_task, &job);
}

Problem make_problem(bool ta, bool tb, long m, long n, long k, float alpha, const float *a, long lda, const float *b,
                     long ldb, float beta, float *c, long ldc) {
  return Problem{m, n, k, alpha, a, ta ? 1 : lda, ta ? lda : 1, b, tb ? 1 : ldb, tb ? ldb : 1, beta, c, ldc};
}

struct BatchJob {
  const KernelInfo *kern;
  Problem first;
  long stride_a, stride_b, stride_c;
  long batch, per_task;
};

void run_batch_task(void *ctx, int task) {
  const BatchJob &job = *static_cast<BatchJob *>(ctx);
  const long end = min_of(job.batch, (task + 1) * job.per_task);
  for (long i = task * job.per_task; i < end; ++i) {
    Problem p = job.first;
    p.a += i * job.stride_a;
    p.b += i * job.stride_b;
    p.c += i * job.stride_c;
    gemm_serial(*job.kern, p);
  }
}

}  // namespace

void sgemm(bool trans_a, bool trans_b, long m, long n, long k, float alpha, const float *a, long lda, const float *b,
           long ldb, float beta, float *c, long ldc) {
  if (m <= 0 || n <= 0) return;
  const Problem p = make_problem(trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  if (k <= 0 || alpha == 0.0f) return scale_c(p);
  gemm_parallel(active_kernel(), p, threads_for(2.0 * m * n * k));
}

void sgemm_serial(bool trans_a, bool trans_b, long m, long n, long k, float alpha, const float *a, long lda,
                  const float *b, long ldb, float beta, float *c, long ldc) {
  if (m <= 0 || n <= 0) return;
  const Problem p = make_problem(trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  if (k <= 0 || alpha == 0.0f) return scale_c(p);
  gemm_serial(active_kernel(), p);
}

void sgemm_batched(bool trans_a, bool trans_b, long batch, long m, long n, long k, const float *a, long stride_a,
                   const float *b, long stride_b, float *c, long stride_c) {
  if (batch <= 0 || m <= 0 || n <= 0) return;
  const Problem first =
      make_problem(trans_a, trans_b, m, n, k, 1.0f, a, trans_a ? m : k, b, trans_b ? k : n, 0.0f, c, n);
  if (k <= 0) {
    for (long i = 0; i < batch; ++i) {
      Problem p = first;
      p.c += i * stride_c;
      scale_c(p);
    }
    return;
  }
  const KernelInfo &kern = active_kernel();
  const double item_flops = 2.0 * m * n * k;
  const int threads = threads_for(item_flops * batch);
  if (batch == 1 || threads_for(item_flops) == threads) {
    // Each item is big enough to use every thread on its own.
    for (long i = 0; i < batch; ++i) {
      Problem p = first;
      p.a += i * stride_a;
      p.b += i * stride_b;
      p.c += i * stride_c;
      gemm_parallel(kern, p, threads);
    }
    return;
  }
  // Many small items: whole items per thread.
  BatchJob job{&kern, first, stride_a, stride_b, stride_c, batch, ceil_div(batch, threads)};
  parallel_run(static_cast<int>(ceil_div(batch, job.per_task)), run_batch_task, &job);
}

}  // namespace tsnets
