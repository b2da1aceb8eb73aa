#include "git_engine.h"

#include "checkpoint_files.h"
#include "engine_error.h"
#include "git_weights.h"
#include "text_decoder.h"
#include "vision_encoder.h"

#include <chrono>
#include <sys/stat.h>

namespace gitvqa {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

bool fileExists(const std::string& path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string torchVersion()
{
    return std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "."
        + std::to_string(TORCH_VERSION_PATCH);
}

} // namespace

GitEngine::GitEngine(GitConfig config, ComputeChoice compute) : m_config(std::move(config)), m_compute(compute)
{
    m_info.device = deviceName(compute.device);
    m_info.dtype = dtypeName(compute.dtype);
    m_info.threads = compute.threads;
    m_info.blas = blasDescription();
    m_info.torchVersion = torchVersion();
    m_info.warning = compute.warning;
}

GitEngine::~GitEngine() = default;

void GitEngine::bindWeights(TensorMap& tensors, const std::string& storage, const CancelCheckFn& cancelled)
{
    std::int64_t params = 0;
    for (const auto& [name, t] : tensors)
        params += t.numel();
    c10::InferenceMode guard;
    m_weights = std::make_unique<GitWeights>(GitWeights::bind(m_config, tensors, m_compute.device, m_compute.dtype, cancelled));
    reduceDecoderWeights(*m_weights, storage, m_compute.device, m_compute.dtype);
    m_info.weightStorage = storage.empty() ? "float32" : storage;
    m_decoder = std::make_unique<TextDecoder>(m_config, *m_weights);
    m_info.parameters = params;
}

std::unique_ptr<GitEngine> GitEngine::load(const std::string& modelDir, const EngineOptions& options,
                                           const LoadProgress& progress, const CancelCheckFn& cancelled)
{
    const auto t0 = Clock::now();
    auto report = [&](double f, const std::string& s) {
        if (progress)
            progress(f, s);
    };
    const std::string dir = modelDir.empty() || modelDir.back() == '/' ? modelDir : modelDir + "/";
    report(0.0, "reading config.json");
    if (!fileExists(dir + "config.json"))
        throw EngineError("No config.json in " + modelDir + ": this folder is not a Hugging Face model");
    GitConfig config = GitConfig::fromFile(dir + "config.json");
    if (fileExists(dir + "generation_config.json"))
        config.applyGenerationConfig(dir + "generation_config.json");
    const ComputeChoice compute = chooseCompute(options.device, options.dtype, options.threads);
    std::unique_ptr<GitEngine> engine(new GitEngine(config, compute));
    throwIfCancelled(cancelled);
    report(0.05, "reading weights");
    CheckpointWeights weights = loadCheckpointWeights(modelDir, cancelled);
    throwIfCancelled(cancelled);
    report(0.6, "preparing the model on " + engine->m_info.device);
    engine->bindWeights(weights.tensors, options.weights, cancelled);
    engine->m_info.modelDir = modelDir;
    engine->m_info.weightsFormat = weights.format;
    engine->m_info.loadMs = msSince(t0);
    report(1.0, "ready");
    return engine;
}

std::unique_ptr<GitEngine> GitEngine::fromTensors(const GitConfig& config, TensorMap tensors, const EngineOptions& options)
{
    const auto t0 = Clock::now();
    const ComputeChoice compute = chooseCompute(options.device, options.dtype, options.threads);
    std::unique_ptr<GitEngine> engine(new GitEngine(config, compute));
    engine->bindWeights(tensors, options.weights);
    engine->m_info.weightsFormat = "in memory";
    engine->m_info.loadMs = msSince(t0);
    return engine;
}

torch::Tensor GitEngine::framePixels(const torch::Tensor& pixelsIn) const
{
    torch::Tensor pixels = pixelsIn;
    if (pixels.dim() == 5) {
        if (pixels.size(0) != 1)
            throw EngineError("Encode one segment at a time");
        pixels = pixels[0];
    }
    if (!pixels.is_floating_point())
        throw EngineError("Pixel values must be floating point");
    return pixels.to(m_compute.device, m_compute.dtype);
}

std::shared_ptr<VisualContext> GitEngine::encode(const torch::Tensor& pixelsIn) const
{
    const auto t0 = Clock::now();
    c10::InferenceMode guard;
    const torch::Tensor tokens = gitvqa::encodeFrameTokens(m_config, *m_weights, framePixels(pixelsIn));
    return contextFromFrameTokens(tokens, t0);
}

std::shared_ptr<VisualContext> GitEngine::encode(const float* data, int frames, int channels, int height, int width) const
{
    c10::InferenceMode guard;
    const torch::Tensor view = torch::from_blob(const_cast<float*>(data), {frames, channels, height, width}, torch::kFloat);
    return encode(view);
}

torch::Tensor GitEngine::encodeFrameTokens(const float* data, int frames, int channels, int height, int width) const
{
    c10::InferenceMode guard;
    const torch::Tensor view = torch::from_blob(const_cast<float*>(data), {frames, channels, height, width}, torch::kFloat);
    torch::Tensor tokens = gitvqa::encodeFrameTokens(m_config, *m_weights, framePixels(view));
    synchronizeDevice(m_compute.device);
    return tokens;
}

std::shared_ptr<VisualContext> GitEngine::encodeFromFrameTokens(const std::vector<torch::Tensor>& frames) const
{
    const auto t0 = Clock::now();
    c10::InferenceMode guard;
    const GitVisionConfig& vc = m_config.vision;
    const std::int64_t tokensPerImage = vc.tokensPerImage();
    std::vector<torch::Tensor> parts;
    for (const torch::Tensor& f : frames) {
        const torch::Tensor t = f.dim() == 3 && f.size(0) == 1 ? f[0] : f;
        if (t.dim() != 2 || t.size(0) != tokensPerImage || t.size(1) != vc.hiddenSize
            || !sameDevice(t.device(), m_compute.device) || t.scalar_type() != m_compute.dtype)
            throw EngineError("These frame features were made by another model or on another device");
        parts.push_back(t);
    }
    return contextFromFrameTokens(torch::stack(parts), t0);
}

std::shared_ptr<VisualContext> GitEngine::contextFromFrameTokens(const torch::Tensor& tokens, Clock::time_point t0) const
{
    auto ctx = std::make_shared<VisualContext>();
    ctx->frames = static_cast<int>(tokens.size(0));
    ctx->visionHiddenState = addTemporalEmbedding(m_config, *m_weights, tokens);
    ctx->projectedFeatures = projectVisualTokens(*m_weights, ctx->visionHiddenState);
    synchronizeDevice(m_compute.device);
    ctx->visionMs = msSince(t0);
    m_decoder->buildImageKeyValues(*ctx);
    synchronizeDevice(m_compute.device);
    ctx->encodeMs = msSince(t0);
    ctx->keyValueMs = ctx->encodeMs - ctx->visionMs;
    return ctx;
}

GenerationResult GitEngine::generate(const VisualContext& context, const std::vector<std::int64_t>& prompt,
                                     const GenerationOptions& options, const TokenCallback& onToken) const
{
    if (!context.projectedFeatures.defined() || !sameDevice(context.projectedFeatures.device(), m_compute.device)
        || context.projectedFeatures.scalar_type() != m_compute.dtype)
        throw EngineError("The visual context was encoded by another model or on another device");
    return generateText(m_config, *m_decoder, context, prompt, options, onToken);
}

torch::Tensor GitEngine::promptLogits(const VisualContext& context, const std::vector<std::int64_t>& prompt) const
{
    c10::InferenceMode guard;
    TextCache cache(m_config, 1, static_cast<std::int64_t>(prompt.size()),
                    torch::TensorOptions().device(m_compute.device).dtype(m_compute.dtype));
    const torch::Tensor ids = torch::tensor(prompt, torch::kLong).view({1, -1}).to(m_compute.device);
    return m_decoder->logits(m_decoder->forward(context, cache, ids))[0].to(torch::kCPU, torch::kFloat);
}

StageOutputs GitEngine::forwardStages(const torch::Tensor& pixels, const std::vector<std::int64_t>& prompt) const
{
    return forwardStages(*encode(pixels), prompt);
}

StageOutputs GitEngine::forwardStages(const VisualContext& ctx, const std::vector<std::int64_t>& prompt) const
{
    c10::InferenceMode guard;
    TextCache cache(m_config, 1, static_cast<std::int64_t>(prompt.size()),
                    torch::TensorOptions().device(m_compute.device).dtype(m_compute.dtype));
    const torch::Tensor ids = torch::tensor(prompt, torch::kLong).view({1, -1}).to(m_compute.device);
    const torch::Tensor hidden = m_decoder->forward(ctx, cache, ids)[0];
    StageOutputs out;
    out.visionHiddenState = ctx.visionHiddenState.to(torch::kCPU, torch::kFloat);
    out.projectedVisualFeatures = ctx.projectedFeatures.to(torch::kCPU, torch::kFloat);
    out.lastHiddenState = hidden.to(torch::kCPU, torch::kFloat);
    out.logits = m_decoder->logits(hidden).to(torch::kCPU, torch::kFloat);
    return out;
}

} // namespace gitvqa
