#pragma once
// The CLIP ViT image encoder GIT uses (architecture notes §3–5): all frames in one batch, post-LayerNorm on every
// token, temporal embeddings added per frame in vision space, then the visual projection.

#include "git_config.h"
#include "git_weights.h"

namespace gitvqa {

// The activation of x. May work in place on x's storage (one vectorised pass on the CPU instead of up to three
// operators and tensors, issue 14): pass a temporary, such as a linear's output.
torch::Tensor applyActivation(torch::Tensor x, Activation act);

// pixels: [F, C, H, W] in the compute dtype on the compute device, any F >= 1. Returns [F, tokensPerImage, Dv]: each
// frame through the ViT and the post-LayerNorm. Frames never attend to each other (transformers runs the image
// encoder once per frame), so a frame's tokens are the same in whichever segment it is sampled: scans reuse them.
torch::Tensor encodeFrameTokens(const GitConfig& config, const GitWeights& weights, const torch::Tensor& pixels);

// [F, tokensPerImage, Dv] with F = config.framesPerInput(), frames in segment order → [F * tokensPerImage, Dv] with
// each frame's temporal embedding (the one part that depends on where the frame sits in the segment).
torch::Tensor addTemporalEmbedding(const GitConfig& config, const GitWeights& weights, const torch::Tensor& frameTokens);

// [M, Dv] → [M, D]
torch::Tensor projectVisualTokens(const GitWeights& weights, const torch::Tensor& visionTokens);

} // namespace gitvqa
