#pragma once
// Unmasked attention over many rows on the CPU in blocks of query rows (issue 14): the ViT within each frame and
// the decoder over the image tokens.
//
// As one batched matmul → softmax → matmul, the decoder's [12, 1182, 1182] scores (67 MB) went to memory and back
// three times and the K = 64 product ran at 54 GFLOP/s (2-core VM, OpenBLAS); the ViT's 72 small [197, 197]
// products ran at ~30 GFLOP/s. Here each thread takes one (batch, head, block of rows) at a time: its scores stay
// in cache between the two products and the softmax, and no [heads, N, N] tensor is ever allocated.

#include <torch/torch.h>

namespace gitvqa {

// softmax(q·kᵀ·factor)·v per batch and head. q, k, v: [B, H, N, hd] float32 CPU views whose last dim is contiguous
// (e.g. [B, N, H, hd] transposed). Returns [B, N, H·hd], contiguous. The softmax is in float32.
torch::Tensor attentionByRowBlocks(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v, double factor);

// Whether attentionByRowBlocks takes these (float32 on the CPU); the callers keep libtorch's path otherwise.
bool attentionByRowBlocksApplies(const torch::Tensor& q);

} // namespace gitvqa
