#pragma once
// One frame's vision tokens (ViT + post-LayerNorm, before the temporal embedding) kept for reuse, keyed by (video,
// frame, model, device, dtype). A frame's tokens do not depend on the other frames of its segment, so overlapping
// scan windows, and questions at a playhead nudged by less than a window, send each frame through the ViT once.

#include "service/budgeted_lru.h"

#include <torch/torch.h>

namespace gitvqa {

struct FrameFeatures {
    torch::Tensor tokens; // [tokensPerImage, Dv], compute dtype, on the compute device
    std::int64_t bytes() const { return tokens.defined() ? tokens.numel() * tokens.element_size() : 0; }
};

class FrameFeatureCache : public BudgetedLru<FrameFeatures> {
public:
    // git-base keeps 197 × 768 float32 per frame (0.6 MB): the default holds ~100 frames, far more than the one window
    // of overlap a scan needs.
    explicit FrameFeatureCache(std::int64_t budgetBytes = 64ll * 1024 * 1024) : BudgetedLru(budgetBytes) {}

    // pts identifies the frame: the sampler returns the same picture for it wherever it is asked from.
    static QString key(const QString& videoIdentity, double pts, const QString& modelId, const QString& device,
                       const QString& dtype);
};

} // namespace gitvqa
