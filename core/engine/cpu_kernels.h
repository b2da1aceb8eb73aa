#pragma once
// Hand-written CPU kernels for the shapes of a decode step that libtorch 1.13 sends down slow paths (issue 14).
// Each has a plain C++ version and an AVX2+FMA one chosen at run time (cpuid), so one binary serves every x86-64
// CPU; on other CPUs only the plain one exists. Inputs: contiguous float32 CPU tensors, checked.

#include "git_config.h"

#include <torch/torch.h>

namespace gitvqa {

// The vector kernels can run here (x86-64 with AVX2 and FMA). GITVQA_CPU_KERNELS=plain forces the plain versions.
bool vectorKernelsAvailable();

// Attention of a few new rows to the image block, per head: scores [H, T, M] = q [H, T, hd] · keys [H, M, hd]ᵀ / scale.
torch::Tensor oneRowScores(const torch::Tensor& keys, const torch::Tensor& q, double scale);
// out [H, T, hd] = probs [H, T, M] · values [H, M, hd]; probs may be a strided view (its last dim contiguous).
torch::Tensor oneRowValues(const torch::Tensor& values, const torch::Tensor& probs);

// y [N] = W [N, K] · x [K] (+ bias [N]), one row of input (a decode step's linears and the LM head); or y [T, N]
// for x [T, K], a few rows (a prompt), each block of W read once for all of them. W is float32,
// bfloat16 (stored, widened to float32 as it is read) or int8 with one float32 scale per row (rowScales [N]): the
// product is always computed in float32. x and bias float32; all contiguous.
torch::Tensor rowsTimesVector(const torch::Tensor& weight, const torch::Tensor& rowScales, const torch::Tensor& x,
                              const torch::Tensor& bias);

// The same products on raw pointers, on the calling thread only, for kernels that split the work themselves (the
// fused decode step, one_row_step.h).
struct RowMatrix {
    const void* data = nullptr;
    torch::ScalarType type = torch::kFloat; // float32, bfloat16, or int8 with `scales`
    const float* scales = nullptr;          // [rows], int8 only
    std::int64_t rows = 0, cols = 0;
};
// A view of a contiguous [N, K] CPU weight (and its row scales when int8); throws EngineError otherwise.
RowMatrix rowMatrix(const torch::Tensor& weight, const torch::Tensor& rowScales);
// y[r - begin] = W[r, :] · x (· scales[r]) + bias[r] for r in [begin, end); bias may be null.
void rowsTimesVectorRange(const RowMatrix& w, const float* x, const float* bias, std::int64_t begin,
                          std::int64_t end, float* y);
// x = act(x) in place, in one vectorised pass split across the threads, when x is a contiguous float32 CPU tensor
// and the vector kernels run here; returns false (x untouched) otherwise.
bool activateInPlace(torch::Tensor& x, Activation act);
// One head: out[j] = keys[j, :] · q · factor for j < rows.
void oneHeadScores(const float* keys, const float* q, std::int64_t rows, std::int64_t hd, float factor, float* out);
// One head: out[d] = Σ_j p[j] · values[j, d].
void oneHeadValues(const float* values, const float* p, std::int64_t rows, std::int64_t hd, float* out);

} // namespace gitvqa
