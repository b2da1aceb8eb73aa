#pragma once
// One greedy decode step on the CPU — one new token through every decoder layer and the LM head — as a single
// parallel region (issue 14).
//
// Through libtorch a step was ~40 parallel regions and ~200 small operators; with OMP_WAIT_POLICY=PASSIVE each
// region start costs ~44 µs on the 2-core VM (a futex wake), so a 10.7 ms step spent ~2 ms starting threads and
// the rest of its excess in operator overhead, against a bandwidth floor of 5.6 ms. Here the threads split each
// layer's rows between them and meet at four barriers a layer (team_barrier.h); every weight, the image K/V and
// the text K/V are read once, in place, by the row kernels of cpu_kernels.h (float32, bfloat16 or int8 storage).
//
// Each phase hands out its rows in chunks from a ticket counter, so a thread that falls behind is covered by the
// others instead of holding them at the barrier.
//
// Only with the vector kernels (x86-64 with AVX2 and FMA): the callers fall back to the libtorch path otherwise.

#include "cpu_kernels.h"
#include "git_config.h"

#include <vector>

namespace gitvqa {

struct OneRowNorm {
    const float* weight = nullptr;
    const float* bias = nullptr;
    double eps = 0;
};

struct OneRowLinear {
    RowMatrix weight;
    const float* bias = nullptr;
};

// One decoder layer's tensors (git.encoder.layer.N.*) and its caches.
struct OneRowLayer {
    OneRowLinear queryKeyValue;   // attention.self.{query,key,value} stacked: [3D, D]
    OneRowLinear attentionOutput; // attention.output.dense
    OneRowNorm attentionNorm;     // attention.output.LayerNorm
    OneRowLinear intermediate;    // intermediate.dense
    OneRowLinear output;          // output.dense
    OneRowNorm outputNorm;        // output.LayerNorm
    const float* imageKeys = nullptr;   // [H, M, hd]
    const float* imageValues = nullptr; // [H, M, hd]
    float* textKeys = nullptr;          // [H, capacity, hd]; the new token's row is written at `position`
    float* textValues = nullptr;
};

struct OneRowStep {
    std::int64_t hidden = 0, heads = 0, headDim = 0, intermediate = 0;
    std::int64_t imageTokens = 0;  // M
    std::int64_t textCapacity = 0; // rows per head in the text caches
    std::int64_t position = 0;     // the new token's text position: it attends to text rows 0..position
    Activation activation = Activation::GeluErf;
    const float* wordEmbedding = nullptr;     // the token's row of word_embeddings [D]
    const float* positionEmbedding = nullptr; // the position's row of position_embeddings [D]
    OneRowNorm embeddingNorm;
    std::vector<OneRowLayer> layers;
    OneRowLinear lmHead; // output: [V, D]
    float* logits = nullptr; // [V], written
};

// The fused step can run here (vectorKernelsAvailable()).
bool oneRowStepAvailable();

// Runs the step with at::get_num_threads() threads. Pure arithmetic on the pointers given: it throws nothing.
void runOneRowStep(const OneRowStep& step);

} // namespace gitvqa
