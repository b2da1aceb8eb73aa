#pragma once
// The engine's whole public surface: load a GIT checkpoint folder, encode a segment's frames into a reusable
// VisualContext, and generate an answer token by token. Qt-free; owns no threads (the caller's thread computes).

#include "compute_device.h"
#include "engine_error.h"
#include "generation.h"
#include "git_config.h"
#include "tensor_map.h"
#include "visual_context.h"

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace gitvqa {

struct EngineOptions {
    std::string device = "auto"; // auto, cpu, cuda, cuda:N, mps
    std::string dtype = "auto";  // auto (float32 on CPU, float16 on GPUs), float32, float16, bfloat16
    int threads = 0;             // CPU threads; 0 = all cores
    // How the decoder's and LM head's weights are kept on the CPU: float32, int8 (per-row scales) or bf16. The
    // reduced ones cut the bytes a decode step reads 4× or 2×; products stay float32 (issue 14).
    std::string weights = "float32";
};

struct EngineInfo {
    std::string device;
    std::string dtype;
    std::string blas;
    int threads = 0;
    std::string torchVersion;
    std::string modelDir;
    std::string weightsFormat;
    std::string weightStorage = "float32"; // EngineOptions::weights as applied
    std::int64_t parameters = 0;
    double loadMs = 0;
    std::string warning; // non-empty: this device computes the dtype worse than expected (CLI and UI show it)
};

// Loading stages for a progress bar: fraction in [0, 1] and a short description.
using LoadProgress = std::function<void(double fraction, const std::string& stage)>;

// Everything one forward pass computes, for parity checks against the reference.
struct StageOutputs {
    torch::Tensor visionHiddenState;       // [M, Dv]
    torch::Tensor projectedVisualFeatures; // [M, D]
    torch::Tensor lastHiddenState;         // [T, D] at the text positions
    torch::Tensor logits;                  // [T, V]
};

struct GitWeights;
class TextDecoder;

class GitEngine {
public:
    // Throws EngineError with a message a person can act on (which file, which field or tensor).
    // `cancelled` is polled between files and tensors: EngineCancelled soon after it says yes (Quit during a load).
    static std::unique_ptr<GitEngine> load(const std::string& modelDir, const EngineOptions& options = {},
                                           const LoadProgress& progress = {}, const CancelCheckFn& cancelled = {});
    // From tensors already in memory (the benchmark's random-init model).
    static std::unique_ptr<GitEngine> fromTensors(const GitConfig& config, TensorMap tensors,
                                                  const EngineOptions& options = {});
    ~GitEngine();

    const GitConfig& config() const { return m_config; }
    const EngineInfo& info() const { return m_info; }
    torch::Device device() const { return m_compute.device; }
    torch::ScalarType dtype() const { return m_compute.dtype; }

    // pixels: float32 [F, C, H, W] or [1, F, C, H, W] (any device), F = config().framesPerInput().
    std::shared_ptr<VisualContext> encode(const torch::Tensor& pixels) const;
    // Same, from a contiguous CPU buffer of F*C*H*W floats.
    std::shared_ptr<VisualContext> encode(const float* data, int frames, int channels, int height, int width) const;

    // Encoding in two halves, so a frame seen by several segments (overlapping scan windows) goes through the ViT once:
    // per-frame tokens [F, tokensPerImage, Dv] for any F >= 1 (compute dtype and device; before the temporal
    // embedding, which depends on the frame's place in a segment), then a segment's context from
    // config().framesPerInput() such tokens ([tokensPerImage, Dv] each) in segment order. encode() == both in one.
    torch::Tensor encodeFrameTokens(const float* data, int frames, int channels, int height, int width) const;
    std::shared_ptr<VisualContext> encodeFromFrameTokens(const std::vector<torch::Tensor>& frames) const;

    GenerationResult generate(const VisualContext& context, const std::vector<std::int64_t>& prompt,
                              const GenerationOptions& options = {}, const TokenCallback& onToken = {}) const;

    // Hidden states and logits at every prompt position (float32, CPU), as transformers' forward returns them.
    StageOutputs forwardStages(const torch::Tensor& pixels, const std::vector<std::int64_t>& prompt) const;
    StageOutputs forwardStages(const VisualContext& context, const std::vector<std::int64_t>& prompt) const;
    torch::Tensor promptLogits(const VisualContext& context, const std::vector<std::int64_t>& prompt) const;

private:
    GitEngine(GitConfig config, ComputeChoice compute);
    void bindWeights(TensorMap& tensors, const std::string& storage, const CancelCheckFn& cancelled = {});
    torch::Tensor framePixels(const torch::Tensor& pixels) const; // [F, C, H, W] in the compute dtype and device
    std::shared_ptr<VisualContext> contextFromFrameTokens(const torch::Tensor& tokens,
                                                          std::chrono::steady_clock::time_point started) const;

    GitConfig m_config;
    ComputeChoice m_compute;
    EngineInfo m_info;
    std::unique_ptr<GitWeights> m_weights;
    std::unique_ptr<TextDecoder> m_decoder;
};

} // namespace gitvqa
