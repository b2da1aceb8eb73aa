#include "engine_benchmark.h"

#include "engine_error.h"
#include "cpu_block_cache.h"
#include "engine_report.h"
#include "git_weights.h"
#include "stage_clock.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>

#if defined(GITVQA_WITH_CUDA)
#include <c10/cuda/CUDACachingAllocator.h>
#endif

namespace gitvqa {

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double procStatusMb(const char* key)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::string k = std::string(key) + ":";
    while (std::getline(in, line)) {
        if (line.rfind(k, 0) == 0)
            return std::stod(line.substr(k.size())) / 1024.0; // kB
    }
    return 0;
}

double peakGpuMb(const torch::Device& d)
{
#if defined(GITVQA_WITH_CUDA)
    if (d.is_cuda()) {
        const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(d.index());
        return static_cast<double>(stats.reserved_bytes[0].peak) / (1024.0 * 1024.0);
    }
#endif
    (void)d;
    return 0;
}

// A question of the requested length: [CLS] then "what is the man doing ..." pieces, cycling.
std::vector<std::int64_t> benchmarkPrompt(const GitConfig& c, int tokens)
{
    const std::int64_t words[] = {2054, 2003, 1996, 2158, 2725, 1029};
    std::vector<std::int64_t> ids{c.bosTokenId};
    for (int i = 1; i < tokens; ++i)
        ids.push_back(words[(i - 1) % 6] % c.vocabSize);
    return ids;
}

} // namespace

double peakRssMb() { return procStatusMb("VmHWM"); }
double currentRssMb() { return procStatusMb("VmRSS"); }

std::string BenchmarkResult::toJson() const
{
    nlohmann::json j = {
        {"load_ms", loadMs},           {"vision_ms", visionMs},   {"prefill_ms", prefillMs},
        {"ttft_cold_ms", ttftColdMs},  {"ttft_pre_encoded_ms", ttftPreEncodedMs},
        {"per_token_ms", perTokenMs},  {"peak_rss_mb", peakRssMb}, {"peak_gpu_mb", peakGpuMb},
        {"frames", frames},            {"image_tokens", imageTokens},
    };
    addEngineReport(j, info);
    if (hasFloors) {
        nlohmann::json gemm = nlohmann::json::object();
        for (const GemmRate& g : floors.gemm)
            gemm[g.shape] = g.gflops;
        j["floors"] = {{"gemm_gflops", gemm},
                       {"best_gemm_gflops", floors.bestGemmGflops},
                       {"stream_gb_s", floors.streamGBs},
                       {"cold_gflop", floors.coldGflop},
                       {"weight_mb_per_token", floors.weightMbPerToken},
                       {"key_value_mb_per_token", floors.keyValueMbPerToken}};
        j["compute_floor_ms"] = floors.computeFloorMs;
        j["bandwidth_floor_ms"] = floors.bandwidthFloorMs;
        j["cold_vs_floor"] = coldVsFloor();
        j["per_token_vs_floor"] = perTokenVsFloor();
        if (info.weightStorage != "float32") {
            // The floor of the bytes actually stored (int8 plus a float32 scale per row, or bfloat16): how close the
            // reduced decode step runs to its own limit, beside the float32 floor it is compared with above.
            const double share = info.weightStorage == "int8" ? 0.25 : 0.5;
            const double storedMb = floors.weightMbPerToken * share + floors.keyValueMbPerToken;
            j["stored_bandwidth_floor_ms"] = storedMb / floors.streamGBs;
            j["per_token_vs_stored_floor"] = perTokenMs / (storedMb / floors.streamGBs);
        }
    }
    if (!coldStagesMs.empty())
        j["stages_ms"] = {{"cold_question", coldStagesMs}, {"further_token", tokenStagesMs}};
    return j.dump();
}

BenchmarkResult runEngineBenchmark(const BenchmarkOptions& o)
{
    BenchmarkResult r;
    if (o.floors) {
        // Before the model exists, with the same device, dtype and threads, so neither disturbs the other.
        const GitConfig shape = o.randomInit ? GitConfig::gitBaseVideo() : GitConfig::fromFile(o.modelDir + "/config.json");
        const ComputeChoice compute = chooseCompute(o.engine.device, o.engine.dtype, o.engine.threads);
        r.floors = measureFloors(shape, std::max(1, o.promptTokens), compute.device, compute.dtype);
        r.hasFloors = true;
        trimCpuBlockCache();   // the floors' buffers are not the model's: keep them out of its peak RSS
    }
    std::unique_ptr<GitEngine> engine;
    if (o.randomInit) {
        const GitConfig config = GitConfig::gitBaseVideo();
        TensorMap tensors = randomGitTensors(config, o.seed);
        const auto t0 = Clock::now();
        engine = GitEngine::fromTensors(config, std::move(tensors), o.engine);
        r.loadMs = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    } else {
        const auto t0 = Clock::now();
        engine = GitEngine::load(o.modelDir, o.engine);
        r.loadMs = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    }
    const GitConfig& c = engine->config();
    r.frames = c.framesPerInput();
    r.imageTokens = c.imageTokens();
    const std::vector<std::int64_t> prompt = benchmarkPrompt(c, std::max(1, o.promptTokens));
    torch::manual_seed(o.seed);
    const torch::Tensor pixels = torch::randn({c.framesPerInput(), c.vision.numChannels, c.vision.imageSize, c.vision.imageSize});

    GenerationOptions first;
    first.maxNewTokens = 1;
    GenerationOptions full;
    full.maxNewTokens = std::max(2, o.newTokens);
    full.minNewTokens = full.maxNewTokens; // random weights may pick [SEP] early; measure every token

    std::vector<double> vision, prefill, cold, warm, perToken;
    // Stage clocks only where a stage's wall time is its compute time; the medians above never run with one.
    const bool clockStages = engine->device().is_cpu();
    StageClock coldClock, firstClock, fullClock;
    for (int run = 0; run < o.warmup + o.runs; ++run) {
        const bool last = run + 1 == o.warmup + o.runs;
        const auto t0 = Clock::now();
        if (last && clockStages)
            setStageClock(&coldClock);
        const auto ctx = engine->encode(pixels);
        const GenerationResult g1 = engine->generate(*ctx, prompt, first);
        const double coldMs = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        setStageClock(nullptr);
        const GenerationResult g = engine->generate(*ctx, prompt, full);
        if (last && clockStages) {
            // The further tokens' share: a full generation's stages less those of its first token.
            setStageClock(&firstClock);
            engine->generate(*ctx, prompt, first);
            setStageClock(&fullClock);
            const GenerationResult timed = engine->generate(*ctx, prompt, full);
            setStageClock(nullptr);
            r.coldStagesMs = coldClock.totalMs;
            const double further = std::max<std::size_t>(1, timed.newTokens.size() - 1);
            for (const auto& [stage, ms] : fullClock.totalMs)
                r.tokenStagesMs[stage] = (ms - firstClock.totalMs[stage]) / further;
        }
        if (run < o.warmup)
            continue;
        vision.push_back(ctx->visionMs);
        prefill.push_back(ctx->keyValueMs + g1.firstTokenMs);
        cold.push_back(coldMs);
        warm.push_back(g.firstTokenMs);
        perToken.push_back(median(g.tokenMs));
    }
    r.visionMs = median(vision);
    r.prefillMs = median(prefill);
    r.ttftColdMs = median(cold);
    r.ttftPreEncodedMs = median(warm);
    r.perTokenMs = median(perToken);
    r.peakRssMb = peakRssMb();
    r.peakGpuMb = peakGpuMb(engine->device());
    r.info = engine->info();
    return r;
}

} // namespace gitvqa
