#pragma once
// Hand-written CPU kernels for the shapes of a decode step that libtorch 1.13 sends down slow paths (issue 14).
// Each has a plain C++ version and an AVX2+FMA one chosen at run time (cpuid), so one binary serves every x86-64
// CPU; on other CPUs only the plain one exists. Inputs: contiguous float32 CPU tensors, checked.

#include <torch/torch.h>

namespace gitvqa {

// The vector kernels can run here (x86-64 with AVX2 and FMA). GITVQA_CPU_KERNELS=plain forces the plain versions.
bool vectorKernelsAvailable();

// Attention of one new row to the image block, per head: scores [H, 1, M] = q [H, 1, hd] · keys [H, M, hd]ᵀ / scale.
torch::Tensor oneRowScores(const torch::Tensor& keys, const torch::Tensor& q, double scale);
// out [H, 1, hd] = probs [H, 1, M] · values [H, M, hd]; probs may be a strided view (its last dim contiguous).
torch::Tensor oneRowValues(const torch::Tensor& values, const torch::Tensor& probs);

// y [N] = W [N, K] · x [K] (+ bias [N]), one row of input (a decode step's linears and the LM head). W is float32,
// bfloat16 (stored, widened to float32 as it is read) or int8 with one float32 scale per row (rowScales [N]): the
// product is always computed in float32. x and bias float32; all contiguous.
torch::Tensor rowsTimesVector(const torch::Tensor& weight, const torch::Tensor& rowScales, const torch::Tensor& x,
                              const torch::Tensor& bias);

} // namespace gitvqa
