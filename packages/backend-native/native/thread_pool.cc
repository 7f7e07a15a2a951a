// The pool keeps its workers alive between GEMM calls: starting a thread costs
// tens of microseconds, as much as a whole 64 x 784 x 1000 product. A worker
// that finished a run spins briefly on the job counter (the next matMul of a
// training step usually follows within microseconds), then sleeps on a
// condition variable.
//
// Tasks are claimed from one 64-bit counter holding (generation << 32 | next
// task), so a worker that wakes late for an old run can never claim a task of
// a newer one: its compare-and-swap fails on the generation.
#include "thread_pool.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace tsnets {
namespace {

constexpr int kMaxWorkers = 15;
// About 20 to 60 microseconds of pause instructions: long enough for the next product of a training step or of a
// recurrent sequence, short enough not to hold a core while the main thread runs the elementwise passes between
// products. (20,000 spins held it for about half a millisecond after every product: on two cores the autoencoder's
// weight updates and gradient sums ran two to three times slower than alone, and a step took 10 to 20% longer.)
constexpr int kSpinsBeforeSleep = 1000;

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

class Pool {
 public:
  Pool() {
    const unsigned hw = std::thread::hardware_concurrency();
    workers_ = hw > 1 ? static_cast<int>(hw) - 1 : 0;
    if (workers_ > kMaxWorkers) workers_ = kMaxWorkers;
    max_threads_ = workers_ + 1;
    // Detached and never joined: the pool lives as long as the process.
    for (int i = 0; i < workers_; ++i) std::thread([this] { work(); }).detach();
  }

  int threads() const { return max_threads_.load(); }

  int set_max_threads(int n) {
    if (n < 1) n = 1;
    if (n > workers_ + 1) n = workers_ + 1;
    max_threads_.store(n);
    return n;
  }

  void run(int tasks, TaskFn fn, void *ctx) {
    std::unique_lock<std::mutex> busy(run_mutex_, std::try_to_lock);
    if (!busy.owns_lock() || tasks <= 1 || workers_ == 0) {
      for (int t = 0; t < tasks; ++t) fn(ctx, t);
      return;
    }
    uint64_t gen;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      fn_ = fn;
      ctx_ = ctx;
      tasks_ = tasks;
      done_.store(0);
      gen = (counter_.load() >> 32) + 1;
      counter_.store(gen << 32);
      if (sleepers_ > 0) wake_.notify_all();
    }
    const int mine = claim_and_run(gen, fn, ctx, tasks);
    // Wait for the tasks the workers claimed; they are about as long as ours.
    while (done_.load(std::memory_order_acquire) + mine < tasks) cpu_relax();
  }

 private:
  // Claims tasks of generation `gen` until none is left; returns how many it ran.
  int claim_and_run(uint64_t gen, TaskFn fn, void *ctx, int tasks) {
    int ran = 0;
    for (;;) {
      uint64_t cur = counter_.load();
      if ((cur >> 32) != gen || static_cast<int>(cur & 0xffffffffu) >= tasks) return ran;
      if (!counter_.compare_exchange_weak(cur, cur + 1)) continue;
      fn(ctx, static_cast<int>(cur & 0xffffffffu));
      ++ran;
    }
  }

  void work() {
    uint64_t seen = 0;
    for (;;) {
      // Spin a little, then sleep until a new generation is published.
      int spins = 0;
      while ((counter_.load(std::memory_order_acquire) >> 32) == seen && spins < kSpinsBeforeSleep) {
        cpu_relax();
        ++spins;
      }
      TaskFn fn;
      void *ctx;
      int tasks;
      uint64_t gen;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ++sleepers_;
        wake_.wait(lock, [&] { return (counter_.load() >> 32) != seen; });
        --sleepers_;
        fn = fn_;
        ctx = ctx_;
        tasks = tasks_;
        gen = counter_.load() >> 32;
      }
      seen = gen;
      const int ran = claim_and_run(gen, fn, ctx, tasks);
      if (ran > 0) done_.fetch_add(ran, std::memory_order_release);
    }
  }

  int workers_ = 0;
  std::atomic<int> max_threads_{1};
  std::mutex run_mutex_;  // one parallel run at a time
  std::mutex mutex_;      // guards the job fields and sleepers_
  std::condition_variable wake_;
  int sleepers_ = 0;
  TaskFn fn_ = nullptr;
  void *ctx_ = nullptr;
  int tasks_ = 0;
  std::atomic<uint64_t> counter_{0};
  std::atomic<int> done_{0};
};

Pool &pool() {
  static Pool *instance = new Pool();  // leaked on purpose: workers never stop
  return *instance;
}

}  // namespace

int pool_threads() { return pool().threads(); }

int set_max_threads(int n) { return pool().set_max_threads(n); }

void parallel_run(int tasks, TaskFn fn, void *ctx) { pool().run(tasks, fn, ctx); }

}  // namespace tsnets
