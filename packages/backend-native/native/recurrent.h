// Whole-sequence recurrent cells (rnn, gru, lstm), forward and backward:
// one call runs every time step of a layer, each step one GEMM with the
// recurrent weights and one pass of the gate arithmetic, instead of a few
// dozen tfjs kernels per step. Shapes and formulas: see recurrent.cc.
#pragma once

namespace tsnets {

/** The cells, in the numbering the addon's callers use. */
enum class Cell { kRnn = 0, kGru = 1, kLstm = 2 };

/** Activations of rnn and gru candidates, in the numbering the addon's callers use. */
enum class CellActivation { kLinear = 0, kRelu = 1, kTanh = 2, kSigmoid = 3 };

/** Sizes of one call: N sequences of T steps, n units; `reverse` runs from the last step to the first. */
struct CellShape {
  long batch;
  long steps;
  long units;
  bool reverse;
  CellActivation activation;
};

/** The float arrays each cell reads and writes, in the order of recurrent.cc's table; the caller checks lengths. */
void cell_forward(Cell cell, const CellShape &shape, const float *const *in, float *const *out);
void cell_backward(Cell cell, const CellShape &shape, const float *const *in, float *const *out);

/** The number of floats of each input and output slot of a cell, in order (see recurrent.cc). */
int cell_slots(Cell cell, bool backward, bool outputs, const CellShape &shape, long *lengths);

}  // namespace tsnets
