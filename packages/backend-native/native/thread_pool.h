// A persistent pool of worker threads for the GEMM driver.
#pragma once

namespace tsnets {

/** A unit of parallel work: called once per task index. */
using TaskFn = void (*)(void *ctx, int task);

/** Threads a parallel run may use: the caller plus the workers, capped by `set_max_threads`. */
int pool_threads();

/** Caps the threads of later runs at `n` (at least 1); returns the cap in force. */
int set_max_threads(int n);

/**
 * Runs fn(ctx, t) for t in [0, tasks) on the calling thread and the workers,
 * returning when all are done. When another thread is already running tasks
 * on the pool (Node worker threads calling in at once), the caller runs all of
 * its tasks itself.
 */
void parallel_run(int tasks, TaskFn fn, void *ctx);

}  // namespace tsnets
