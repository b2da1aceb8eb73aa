#pragma once
// The reusable result of encoding one segment's frames: the projected visual tokens and, for every decoder layer,
// their keys and values. Image tokens never attend to text (architecture notes §7), so these never change while
// questions are asked; a second question about the same frames costs only its own tokens.

#include <cstdint>
#include <vector>

#include <torch/torch.h>

namespace gitvqa {

struct VisualContext {
    torch::Tensor visionHiddenState;  // [M, Dv] vision output after post-LN (+ temporal embedding)
    torch::Tensor projectedFeatures;  // [M, D] after visual_projection
    std::vector<torch::Tensor> keys;   // per decoder layer: [heads, M, headDim]
    std::vector<torch::Tensor> values; // per decoder layer: [heads, M, headDim]
    int frames = 0;
    double visionMs = 0.0;   // ViT over all frames + projection
    double keyValueMs = 0.0; // the image rows through the decoder layers
    double encodeMs = 0.0;   // both, for the UI's timing display

    std::int64_t imageTokens() const { return projectedFeatures.defined() ? projectedFeatures.size(0) : 0; }
    std::int64_t bytes() const
    {
        std::int64_t n = 0;
        for (const auto* list : {&keys, &values})
            for (const auto& t : *list)
                n += t.numel() * t.element_size();
        for (const auto& t : {visionHiddenState, projectedFeatures})
            if (t.defined())
                n += t.numel() * t.element_size();
        return n;
    }
};

} // namespace gitvqa
