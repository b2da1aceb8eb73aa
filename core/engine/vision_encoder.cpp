#include "vision_encoder.h"

#include "cpu_attention.h"
#include "cpu_kernels.h"
#include "engine_error.h"
#include "stage_clock.h"

#include <cmath>

namespace gitvqa {

torch::Tensor applyActivation(torch::Tensor x, Activation act)
{
    if (activateInPlace(x, act))
        return x;
    switch (act) {
    case Activation::GeluErf: return torch::gelu(x);
    case Activation::GeluTanh: return torch::gelu(x, "tanh");
    case Activation::QuickGelu: return x * torch::sigmoid(1.702 * x);
    case Activation::Relu: return torch::relu(x);
    case Activation::Silu: return torch::silu(x);
    }
    return x;
}

namespace {

// CLIP attention: no mask, softmax in float32 (transformers upcasts here, unlike the text decoder).
torch::Tensor visionSelfAttention(const VisionLayer& l, const torch::Tensor& x, int heads)
{
    const auto frames = x.size(0), tokens = x.size(1), dim = x.size(2);
    const auto headDim = dim / heads;
    auto split = [&](const torch::Tensor& t) { return t.view({frames, tokens, heads, headDim}).transpose(1, 2); };
    const torch::Tensor q = split(l.selfAttnQProj(x));
    const torch::Tensor k = split(l.selfAttnKProj(x));
    const torch::Tensor v = split(l.selfAttnVProj(x));
    const double scale = 1.0 / std::sqrt(static_cast<double>(headDim));
    if (attentionByRowBlocksApplies(x))
        return l.selfAttnOutProj(attentionByRowBlocks(q, k, v, scale));
    torch::Tensor probs = torch::softmax(torch::matmul(q, k.transpose(-1, -2)) * scale, -1, torch::kFloat).to(x.scalar_type());
    torch::Tensor ctx = torch::matmul(probs, v).transpose(1, 2).reshape({frames, tokens, dim});
    return l.selfAttnOutProj(ctx);
}

} // namespace

torch::Tensor encodeFrameTokens(const GitConfig& config, const GitWeights& w, const torch::Tensor& pixels)
{
    const GitVisionConfig& vc = config.vision;
    if (pixels.dim() != 4 || pixels.size(1) != vc.numChannels || pixels.size(2) != vc.imageSize || pixels.size(3) != vc.imageSize)
        throw EngineError("Frames must be [F, " + std::to_string(vc.numChannels) + ", " + std::to_string(vc.imageSize)
                          + ", " + std::to_string(vc.imageSize) + "] for this model");
    const auto frames = pixels.size(0);
    if (frames < 1)
        throw EngineError("No frames to encode");

    torch::Tensor x;
    {
        StageScope stage("vision.patch_embedding");
        x = torch::conv2d(pixels, w.vision.patchEmbedding, {}, vc.patchSize); // [F, Dv, g, g]
        x = x.flatten(2).transpose(1, 2);                                     // [F, g*g, Dv]
        const torch::Tensor cls = w.vision.classEmbedding.view({1, 1, -1}).expand({frames, 1, vc.hiddenSize});
        x = torch::cat({cls, x}, 1) + w.vision.positionEmbedding.unsqueeze(0);
        x = w.vision.preLayrnorm(x);
    }
    for (const VisionLayer& l : w.vision.layers) {
        {
            StageScope stage("vision.attention");
            x = x + visionSelfAttention(l, l.layerNorm1(x), vc.numAttentionHeads);
        }
        StageScope stage("vision.mlp");
        x = x + l.mlpFc2(applyActivation(l.mlpFc1(l.layerNorm2(x)), vc.hiddenAct));
    }
    return w.vision.postLayernorm(x); // every token, not just CLS: GIT feeds all of them to the decoder
}

torch::Tensor addTemporalEmbedding(const GitConfig& config, const GitWeights& w, const torch::Tensor& frameTokens)
{
    const auto frames = frameTokens.size(0);
    if (frameTokens.dim() != 3 || frames != config.framesPerInput())
        throw EngineError("This model takes " + std::to_string(config.framesPerInput()) + " frame(s) per question, got "
                          + std::to_string(frameTokens.dim() == 3 ? frames : 0));
    torch::Tensor x = frameTokens;
    if (!w.imgTemporalEmbedding.empty())
        x = x + torch::cat(w.imgTemporalEmbedding, 0); // [F, 1, Dv] broadcast over each frame's tokens
    return x.reshape({frames * x.size(1), x.size(2)});
}

torch::Tensor projectVisualTokens(const GitWeights& w, const torch::Tensor& visionTokens)
{
    return w.visualProjectionLayerNorm(w.visualProjection(visionTokens));
}

} // namespace gitvqa
