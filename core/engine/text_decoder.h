#pragma once
// GIT's BERT-style post-LN text decoder (architecture notes §6–8) split the way the attention mask allows:
// the image rows are run once into a VisualContext, then text tokens attend to [image K/V, cached text K/V].

#include "git_config.h"
#include "git_weights.h"
#include "stage_clock.h"
#include "visual_context.h"

namespace gitvqa {

// Per-layer K/V of the text tokens seen so far, for `batch` sequences (beams) sharing one visual context.
class TextCache {
public:
    TextCache(const GitConfig& config, std::int64_t batch, std::int64_t capacity, const torch::TensorOptions& options);
    std::int64_t length() const { return m_length; }
    std::int64_t capacity() const { return m_capacity; }
    std::int64_t batch() const { return m_batch; }
    // Keeps the sequences in `order` (beam search reordering), in that order.
    void reorder(const torch::Tensor& order);

private:
    friend class TextDecoder;
    std::vector<torch::Tensor> m_keys, m_values; // [batch, heads, capacity, headDim]
    std::int64_t m_batch = 0, m_capacity = 0, m_length = 0;
};

class TextDecoder {
public:
    TextDecoder(const GitConfig& config, const GitWeights& weights) : m_config(config), m_w(weights) {}

    // Runs the image rows through every layer once and keeps their K/V (projected: [M, D]).
    void buildImageKeyValues(VisualContext& context) const;

    // Feeds `ids` [batch, T] after the cached text, appends their K/V to `cache`, returns hidden states [batch, T, D].
    torch::Tensor forward(const VisualContext& context, TextCache& cache, const torch::Tensor& ids) const;

    torch::Tensor logits(const torch::Tensor& hidden) const
    {
        StageScope stage("lm_head");
        return m_w.output(hidden);
    }

    // forward() then logits() of each sequence's last position, as float32 [batch, V]. One new token of one
    // sequence on a CPU with the vector kernels goes through the fused step (one_row_step.h) instead.
    torch::Tensor nextLogits(const VisualContext& context, TextCache& cache, const torch::Tensor& ids) const;

private:
    bool fusedStepApplies(const VisualContext& context, const TextCache& cache, const torch::Tensor& ids) const;
    torch::Tensor fusedStep(const VisualContext& context, TextCache& cache, std::int64_t id) const;
    torch::Tensor attention(const TextLayer& l, int layer, const VisualContext& ctx, TextCache& cache,
                            const torch::Tensor& x) const;

    const GitConfig& m_config;
    const GitWeights& m_w;
};

} // namespace gitvqa
