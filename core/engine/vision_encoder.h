#pragma once
// The CLIP ViT image encoder GIT uses (architecture notes §3–5): all frames in one batch, post-LayerNorm on every
// token, temporal embeddings added per frame in vision space, then the visual projection.

#include "git_config.h"
#include "git_weights.h"

namespace gitvqa {

torch::Tensor applyActivation(const torch::Tensor& x, Activation act);

// pixels: [F, C, H, W] in the compute dtype on the compute device. Returns [F * tokensPerImage, Dv].
torch::Tensor encodeFrames(const GitConfig& config, const GitWeights& weights, const torch::Tensor& pixels);

// [M, Dv] → [M, D]
torch::Tensor projectVisualTokens(const GitWeights& weights, const torch::Tensor& visionTokens);

} // namespace gitvqa
