{
  "targets": [
    {
      "target_name": "tsnets_native",
      "sources": [
        "native/addon.cc",
        "native/elementwise.cc",
        "native/epilogue.cc",
        "native/gemm.cc",
        "native/kernels.cc",
        "native/pack.cc",
        "native/thread_pool.cc",
        "native/updates.cc",
        "native/recurrent.cc",
        "native/conv.cc",
        "native/pool2d.cc"
      ],
      "defines": ["NAPI_VERSION=8"],
      "cflags!": ["-O0", "-O1", "-O2"],
      "cflags_cc!": ["-O0", "-O1", "-O2"],
      "cflags": ["-O3", "-ffp-contract=fast", "-fno-math-errno", "-Wno-psabi"],
      "cflags_cc": ["-O3", "-ffp-contract=fast", "-fno-math-errno", "-Wno-psabi"],
      "xcode_settings": {
        "GCC_OPTIMIZATION_LEVEL": "3",
        "OTHER_CFLAGS": ["-ffp-contract=fast", "-fno-math-errno"]
      }
    }
  ]
}
