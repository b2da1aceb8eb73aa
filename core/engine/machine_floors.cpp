#include "machine_floors.h"

#include <algorithm>
#include <chrono>

namespace gitvqa {

namespace {

using Clock = std::chrono::steady_clock;

template <class F>
double bestMs(F&& f, int runs, torch::Device device)
{
    double best = 1e300;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = Clock::now();
        torch::Tensor out = f();
        if (device.is_cuda())
            out.cpu();   // waits for the kernel
        best = std::min(best, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    return best;
}

GemmRate gemmRate(std::int64_t m, std::int64_t k, std::int64_t n, const torch::TensorOptions& o, torch::Device device)
{
    const torch::Tensor a = torch::randn({m, k}, o);
    const torch::Tensor w = torch::randn({n, k}, o);   // [out, in] like a checkpoint's linear
    const torch::Tensor b = torch::randn({n}, o);
    torch::linear(a, w, b);                             // warm-up: first-touch and thread start-up
    const double ms = bestMs([&] { return torch::linear(a, w, b); }, 5, device);
    GemmRate r;
    r.shape = std::to_string(m) + "x" + std::to_string(k) + "·" + std::to_string(k) + "x" + std::to_string(n);
    r.gflops = 2.0 * double(m) * double(k) * double(n) / (ms * 1e6);
    return r;
}

} // namespace

double coldQuestionGflop(const GitConfig& c, int promptTokens)
{
    const GitVisionConfig& v = c.vision;
    const double f = c.framesPerInput(), tv = v.tokensPerImage(), dv = v.hiddenSize, iv = v.intermediateSize;
    const double patches = v.patchesPerSide() * v.patchesPerSide();
    double flops = f * patches * (v.numChannels * v.patchSize * v.patchSize) * dv * 2;   // patch embedding
    // Per vision layer: q, k, v, out (4·D²) and the MLP (2·D·I) on every token; QKᵀ and PV within each frame.
    flops += v.numHiddenLayers * (f * tv * (4 * dv * dv + 2 * dv * iv) * 2 + f * tv * tv * dv * 4);
    const double m = c.imageTokens(), d = c.hiddenSize, i = c.intermediateSize, t = promptTokens;
    flops += m * dv * d * 2;   // visual projection
    // The decoder over the image tokens: every layer but the last in full, the last only for its keys and values.
    flops += (c.numHiddenLayers - 1) * (m * (4 * d * d + 2 * d * i) * 2 + m * m * d * 4) + m * 2 * d * d * 2;
    // The prompt's rows, attending to the image and to themselves, and the LM head for the last position.
    flops += c.numHiddenLayers * (t * (4 * d * d + 2 * d * i) * 2 + t * (m + t) * d * 4);
    flops += double(c.vocabSize) * d * 2;
    return flops / 1e9;
}

MachineFloors measureFloors(const GitConfig& c, int promptTokens, torch::Device device, torch::ScalarType dtype)
{
    torch::NoGradGuard noGrad;
    MachineFloors r;
    const auto o = torch::TensorOptions().device(device).dtype(dtype);
    const std::int64_t visionRows = std::int64_t(c.framesPerInput()) * c.vision.tokensPerImage();
    const std::int64_t dv = c.vision.hiddenSize, iv = c.vision.intermediateSize;
    const std::int64_t d = c.hiddenSize, i = c.intermediateSize;
    r.gemm.push_back(gemmRate(visionRows, dv, dv, o, device));
    r.gemm.push_back(gemmRate(visionRows, dv, iv, o, device));
    r.gemm.push_back(gemmRate(visionRows, iv, dv, o, device));
    if (d != dv || i != iv || c.imageTokens() != visionRows)
        r.gemm.push_back(gemmRate(c.imageTokens(), d, i, o, device));
    for (const GemmRate& g : r.gemm)
        r.bestGemmGflops = std::max(r.bestGemmGflops, g.gflops);
    r.coldGflop = coldQuestionGflop(c, promptTokens);
    r.computeFloorMs = r.coldGflop / r.bestGemmGflops * 1e3;

    const double element = double(torch::elementSize(dtype));
    const double perLayer = 4.0 * d * d + 2.0 * d * i + 4 * d + i;   // weights and biases of one decoder layer
    r.weightMbPerToken = (c.numHiddenLayers * perLayer + double(c.vocabSize) * (d + 1)) * element / 1e6;
    r.keyValueMbPerToken = c.numHiddenLayers * 2.0 * (c.imageTokens() + promptTokens) * d * element / 1e6;
    // Read bandwidth over a buffer as large as one step's bytes, so no cache holds it.
    const auto elements = std::int64_t((r.weightMbPerToken + r.keyValueMbPerToken) * 1e6 / 4.0);
    const torch::Tensor buffer = torch::ones({elements}, torch::TensorOptions().device(device).dtype(torch::kFloat));
    buffer.sum();
    const double ms = bestMs([&] { return buffer.sum(); }, 7, device);
    r.streamGBs = double(elements) * 4.0 / (ms * 1e6);
    r.bandwidthFloorMs = (r.weightMbPerToken + r.keyValueMbPerToken) / r.streamGBs;
    return r;
}

} // namespace gitvqa
