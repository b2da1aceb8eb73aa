#pragma once
// The model's tensors, grouped and named after the checkpoint keys so the code reads next to the state dict
// (`git.encoder.layer.N.attention.self.query` → TextLayer::attentionSelfQuery).

#include "cpu_kernels.h"
#include "engine_error.h"
#include "git_config.h"
#include "tensor_map.h"

#include <string>
#include <utility>
#include <vector>

namespace gitvqa {

struct Linear {
    torch::Tensor weight; // [out, in]; undefined when the weight is stored reduced (below)
    torch::Tensor bias;   // [out]
    // Reduced storage (issue 14, EngineOptions::weights): int8 with one float32 scale per row, or bfloat16. A decode
    // step reads only these (a quarter or half of the float32 bytes); every product is still computed in float32.
    torch::Tensor stored;
    torch::Tensor rowScales;

    std::int64_t inFeatures() const { return (weight.defined() ? weight : stored).size(1); }
    std::int64_t outFeatures() const { return (weight.defined() ? weight : stored).size(0); }
    // The weight as float32, dequantized when stored reduced.
    torch::Tensor fullWeight() const;
    torch::Tensor operator()(const torch::Tensor& x) const;
};

struct LayerNorm {
    torch::Tensor weight;
    torch::Tensor bias;
    double eps = 1e-12;
    torch::Tensor operator()(const torch::Tensor& x) const
    {
        return torch::layer_norm(x, {weight.size(0)}, weight, bias, eps);
    }
};

// git.image_encoder.vision_model.encoder.layers.N.*
struct VisionLayer {
    Linear selfAttnQProj, selfAttnKProj, selfAttnVProj, selfAttnOutProj;
    LayerNorm layerNorm1, layerNorm2;
    Linear mlpFc1, mlpFc2;
};

// git.image_encoder.vision_model.*
struct VisionWeights {
    torch::Tensor classEmbedding;     // embeddings.class_embedding [Dv]
    torch::Tensor patchEmbedding;     // embeddings.patch_embedding.weight [Dv, C, P, P] (no bias)
    torch::Tensor positionEmbedding;  // embeddings.position_embedding.weight [tokens, Dv]
    LayerNorm preLayrnorm;            // the checkpoint's spelling
    std::vector<VisionLayer> layers;
    LayerNorm postLayernorm;
};

// git.encoder.layer.N.*
struct TextLayer {
    Linear attentionSelfQuery, attentionSelfKey, attentionSelfValue;
    // The three stacked ([3D, D]); the weights above are views into it, so it costs no memory, and a decode step
    // reads them in one product instead of three.
    Linear attentionSelfQueryKeyValue;
    Linear attentionOutputDense;
    LayerNorm attentionOutputLayerNorm;
    Linear intermediateDense, outputDense;
    LayerNorm outputLayerNorm;
};

struct GitWeights {
    VisionWeights vision;
    std::vector<torch::Tensor> imgTemporalEmbedding; // git.img_temporal_embedding.N [1, 1, Dv], video checkpoints only
    Linear visualProjection;                         // git.visual_projection.visual_projection.0
    LayerNorm visualProjectionLayerNorm;             // git.visual_projection.visual_projection.1
    torch::Tensor wordEmbeddings;                    // git.embeddings.word_embeddings.weight [V, D]
    torch::Tensor positionEmbeddings;                // git.embeddings.position_embeddings.weight [P, D]
    LayerNorm embeddingsLayerNorm;                   // git.embeddings.LayerNorm
    std::vector<TextLayer> layers;
    Linear output;                                   // LM head (top level `output.*`)

    // Every tensor present with the shape config.json implies, converted to the device and dtype.
    // Throws EngineError listing missing tensors or the first shape mismatch.
    // `cancelled` is polled before each tensor is converted (throws EngineCancelled).
    static GitWeights bind(const GitConfig& config, TensorMap& tensors, torch::Device device, torch::ScalarType dtype,
                           const CancelCheckFn& cancelled = {});
};

// How the decoder's and the LM head's weights are kept: "float32" (as computed), "int8" or "bf16". Throws
// EngineError for another name, or for a reduced storage off the CPU or with a compute dtype other than float32.
void reduceDecoderWeights(GitWeights& weights, const std::string& storage, torch::Device device,
                          torch::ScalarType dtype);

// Stacks the layer's query, key and value into attentionSelfQueryKeyValue and makes the three views into it.
void stackQueryKeyValue(TextLayer& layer);

// The tensors a checkpoint of this config must hold, with their shapes (output.weight may be absent when tied).
std::vector<std::pair<std::string, std::vector<std::int64_t>>> expectedGitTensors(const GitConfig& config);

// Random weights of the right shapes (the benchmark's --random-init): normal(0, 0.02), LayerNorms at 1/0.
TensorMap randomGitTensors(const GitConfig& config, std::uint64_t seed);

} // namespace gitvqa
