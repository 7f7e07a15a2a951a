"""OpenBLAS sgemm through numpy on the bench's GEMM shapes, the reference for the native GEMM (bench/gemm.ts).

    OPENBLAS_NUM_THREADS=2 OPENBLAS_CORETYPE=SkylakeX python3 bench/openblas_gemm.py avx512 '<shapes as JSON>'
    python3 bench/openblas_gemm.py --probe    # exits 0 when numpy's BLAS is OpenBLAS

Prints one JSON line (a GemmMeasurement): the median GFLOP/s of each shape over rounds of repeated calls.
"""
import ctypes
import json
import os
import sys
import time

import numpy as np

ROUNDS = 7
MIN_ROUND_S = 0.03


def openblas_corename():
    """The core name of the OpenBLAS numpy runs on (found among the process's mapped libraries), or None."""
    with open("/proc/self/maps", encoding="utf8") as maps:
        paths = {line.split()[-1] for line in maps if "openblas" in line.lower() and "/" in line}
    for path in sorted(paths):
        lib = ctypes.CDLL(path)
        # Builds with 64-bit integers (numpy's wheels) suffix their symbols.
        for symbol in ("openblas_get_corename", "openblas_get_corename64_"):
            if hasattr(lib, symbol):
                getter = getattr(lib, symbol)
                getter.restype = ctypes.c_char_p
                return getter().decode()
    return None


def seconds_per_call(run):
    calls, start = 0, time.perf_counter()
    while True:
        run()
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= MIN_ROUND_S:
            return elapsed / calls


def gflops(shape, rng):
    m, n, k = shape["m"], shape["n"], shape["k"]
    a = rng.standard_normal((k, m) if shape["transA"] else (m, k), dtype=np.float32)
    b = rng.standard_normal((n, k) if shape["transB"] else (k, n), dtype=np.float32)
    # A transposed view is Fortran-ordered: numpy passes it to sgemm with the transpose flag, no copy.
    a = a.T if shape["transA"] else a
    b = b.T if shape["transB"] else b
    c = np.empty((m, n), dtype=np.float32)
    seconds_per_call(lambda: np.matmul(a, b, out=c))  # warm-up: OpenBLAS' threads and buffers
    times = sorted(seconds_per_call(lambda: np.matmul(a, b, out=c)) for _ in range(ROUNDS))
    return 2 * m * n * k / times[ROUNDS // 2] / 1e9


def label(shape):
    trans = ("T" if shape["transA"] else "N") + ("T" if shape["transB"] else "N")
    return f"{shape['m']}x{shape['n']}x{shape['k']} {trans}"


def main():
    # numpy must be linked to OpenBLAS (Debian: the openblas-pthread alternative of libblas.so.3).
    np.ones((2, 2), dtype=np.float32) @ np.ones((2, 2), dtype=np.float32)
    corename = openblas_corename()
    if corename is None:
        sys.exit("numpy's BLAS is not OpenBLAS (no OpenBLAS library in the process)")
    if sys.argv[1] == "--probe":
        return
    isa, shapes = sys.argv[1], json.loads(sys.argv[2])
    rng = np.random.default_rng(0)
    results = [{"shape": label(s), "gflops": gflops(s, rng)} for s in shapes]
    print(
        json.dumps(
            {
                "name": "gemm/openblas",
                "isa": isa,
                "kernel": f"OpenBLAS {corename}",
                "threads": int(os.environ.get("OPENBLAS_NUM_THREADS", "0")) or os.cpu_count(),
                "results": results,
            }
        )
    )


if __name__ == "__main__":
    main()
