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
    torch::Tensor weight; // [out, in]
    torch::Tensor bias;   // [out]
    torch::Tensor operator()(const torch::Tensor& x) const
    {
        // One row (a decode step): as a matrix-vector product. linear() sends a 1-row input down the GEMM path,
        // which streamed the LM head at 6 GB/s where GEMV reaches memory speed (issue 14: 7.0 ms against 2.1 ms
        // for the 30522×768 head on the 2-core VM).
        if (x.numel() == weight.size(1) && x.device().is_cpu()) {
            std::vector<std::int64_t> shape(x.sizes().begin(), x.sizes().end());
            shape.back() = weight.size(0);
            const torch::Tensor row = x.reshape({-1});
            if (x.scalar_type() == torch::kFloat && weight.is_contiguous() && vectorKernelsAvailable())
                return rowsTimesVector(weight, {}, row, bias).view(shape);
            return (bias.defined() ? torch::addmv(bias, weight, row) : torch::mv(weight, row)).view(shape);
        }
        return torch::linear(x, weight, bias);
    }
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

// Stacks the layer's query, key and value into attentionSelfQueryKeyValue and makes the three views into it.
void stackQueryKeyValue(TextLayer& layer);

// The tensors a checkpoint of this config must hold, with their shapes (output.weight may be absent when tied).
std::vector<std::pair<std::string, std::vector<std::int64_t>>> expectedGitTensors(const GitConfig& config);

// Random weights of the right shapes (the benchmark's --random-init): normal(0, 0.02), LayerNorms at 1/0.
TensorMap randomGitTensors(const GitConfig& config, std::uint64_t seed);

} // namespace gitvqa
