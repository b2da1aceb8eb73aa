#include "generation.h"

#include "compute_device.h"
#include "engine_error.h"
#include "git_config.h"
#include "stage_clock.h"
#include "text_decoder.h"

#include <chrono>
#include <random>

namespace gitvqa {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

struct Step {
    const GitConfig& config;
    const TextDecoder& decoder;
    const VisualContext& context;
    torch::TensorOptions idOptions;
};

std::int64_t sampleToken(torch::Tensor logits, const GenerationOptions& o, std::mt19937_64& rng)
{
    if (o.temperature > 0 && o.temperature != 1.0)
        logits = logits / o.temperature;
    const auto vocab = logits.size(0);
    const float negInf = -std::numeric_limits<float>::infinity();
    if (o.topK > 0 && o.topK < vocab) {
        const float kth = std::get<0>(logits.topk(o.topK)).min().item<float>();
        logits = logits.masked_fill(logits < kth, negInf);
    }
    if (o.topP < 1.0) {
        // transformers' TopPLogitsWarper: drop the low tail whose cumulative probability is ≤ 1 - top_p, keep ≥ 1.
        auto [sorted, order] = logits.sort(/*dim=*/0, /*descending=*/false);
        torch::Tensor cumulative = torch::softmax(sorted, 0).cumsum(0);
        torch::Tensor remove = cumulative <= (1.0 - o.topP);
        remove[vocab - 1] = false;
        logits = logits.scatter(0, order, sorted.masked_fill(remove, negInf));
    }
    const torch::Tensor probs = torch::softmax(logits, 0).to(torch::kDouble).contiguous();
    const double* p = probs.data_ptr<double>();
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    const double r = uniform(rng);
    double acc = 0;
    std::int64_t last = 0;
    for (std::int64_t i = 0; i < vocab; ++i) {
        if (p[i] <= 0)
            continue;
        last = i;
        acc += p[i];
        if (r < acc)
            return i;
    }
    return last;
}

GenerationResult greedyOrSample(const Step& s, const std::vector<std::int64_t>& prompt, int maxNew,
                                const GenerationOptions& o, const TokenCallback& onToken)
{
    GenerationResult r;
    r.sequence = prompt;
    const auto t0 = Clock::now();
    auto last = t0;
    TextCache cache(s.config, 1, static_cast<std::int64_t>(prompt.size()) + maxNew, s.idOptions.dtype(s.context.projectedFeatures.scalar_type()));
    std::mt19937_64 rng(o.seed);
    torch::Tensor input = torch::tensor(prompt, torch::kLong).view({1, -1}).to(s.idOptions.device());
    for (int step = 0; step < maxNew; ++step) {
        torch::Tensor logits = s.decoder.nextLogits(s.context, cache, input)[0]; // [V], on the device
        if (step < o.minNewTokens)
            logits[s.config.eosTokenId].fill_(-std::numeric_limits<float>::infinity());
        if (step == 0 && o.keepFirstStepLogits)
            r.firstStepLogits = logits.to(torch::kCPU).clone();
        torch::Tensor chosen; // the greedy id, still on the device: it is the next step's input as it is
        std::int64_t next = 0;
        {
            StageScope stage("sampling");
            if (o.doSample) {
                next = sampleToken(logits.to(torch::kCPU), o, rng);
            } else {
                chosen = logits.argmax();
                next = chosen.item<std::int64_t>();
            }
        }
        const double now = msSince(t0);
        if (step == 0)
            r.firstTokenMs = now;
        else
            r.tokenMs.push_back(msSince(last));
        last = Clock::now();
        r.sequence.push_back(next);
        r.newTokens.push_back(next);
        if (next == s.config.eosTokenId) {
            r.stopReason = StopReason::EndToken;
            return r;
        }
        if (onToken && !onToken({next, step, now})) {
            r.stopReason = StopReason::Callback;
            return r;
        }
        input = chosen.defined() ? chosen.view({1, 1})
                                 : torch::full({1, 1}, next, torch::TensorOptions().dtype(torch::kLong).device(s.idOptions.device()));
    }
    return r;
}

// transformers' vectorised beam search (generation/utils.py `_beam_search`), batch size 1.
GenerationResult beamSearch(const Step& s, const std::vector<std::int64_t>& prompt, int maxNew,
                            const GenerationOptions& o, const TokenCallback& onToken)
{
    const int beams = o.numBeams;
    const auto promptLen = static_cast<std::int64_t>(prompt.size());
    const std::int64_t maxLength = promptLen + maxNew;
    const int candidates = 2 * beams; // max(2, 1 + number of end tokens) * beams
    const float big = 1.0e9f;
    const auto f32 = torch::TensorOptions().dtype(torch::kFloat);

    torch::Tensor running = torch::full({beams, maxLength}, s.config.padTokenId, torch::kLong);
    running.narrow(1, 0, promptLen).copy_(torch::tensor(prompt, torch::kLong).view({1, -1}).expand({beams, promptLen}));
    torch::Tensor finished = running.clone();
    torch::Tensor runningScores = torch::zeros({beams}, f32);
    runningScores.narrow(0, 1, beams - 1).fill_(-big);
    torch::Tensor finishedScores = torch::full({beams}, -big, f32);
    torch::Tensor isFinished = torch::zeros({beams}, torch::kBool);
    bool heuristicUnsatisfied = true;
    torch::Tensor topBeamMask = torch::cat({torch::ones({beams}, torch::kBool), torch::zeros({candidates - beams}, torch::kBool)});

    GenerationResult r;
    const auto t0 = Clock::now();
    auto last = t0;
    TextCache cache(s.config, beams, maxLength, s.idOptions.dtype(s.context.projectedFeatures.scalar_type()));
    torch::Tensor input = running.narrow(1, 0, promptLen).to(s.idOptions.device());
    std::int64_t curLen = promptLen;
    r.stopReason = StopReason::MaxTokens;
    while (curLen < maxLength) {
        // The bookkeeping below is small and branchy: it runs on the CPU, one [beams, V] copy per step.
        const torch::Tensor logits = s.decoder.nextLogits(s.context, cache, input).to(torch::kCPU); // [beams, V]
        const auto vocab = logits.size(1);
        if (curLen == promptLen && o.keepFirstStepLogits)
            r.firstStepLogits = logits[0].clone();
        torch::Tensor logProbs = torch::log_softmax(logits, -1);
        if (curLen - promptLen < o.minNewTokens)
            logProbs.select(1, s.config.eosTokenId).fill_(-std::numeric_limits<float>::infinity());
        logProbs = logProbs + runningScores.unsqueeze(1);
        auto [topScores, topIndex] = logProbs.reshape({-1}).topk(candidates);
        const torch::Tensor fromBeam = topIndex.div(vocab, "floor");
        const torch::Tensor tokens = topIndex.remainder(vocab);
        torch::Tensor topSequences = running.index_select(0, fromBeam);
        topSequences.select(1, curLen).copy_(tokens);
        const bool atMax = curLen + 1 >= maxLength;
        const torch::Tensor hitsStop = atMax ? torch::ones({candidates}, torch::kBool) : tokens.eq(s.config.eosTokenId);

        // Next running beams: the best candidates that did not just finish.
        const torch::Tensor runningCandidates = topScores + hitsStop.to(torch::kFloat) * -big;
        const torch::Tensor keep = std::get<1>(runningCandidates.topk(beams));
        running = topSequences.index_select(0, keep);
        runningScores = runningCandidates.index_select(0, keep);
        const torch::Tensor parentBeams = fromBeam.index_select(0, keep);

        // Finished hypotheses: merge the just-finished top candidates, length-normalised, into the kept set.
        const torch::Tensor justFinished = hitsStop.logical_and(topBeamMask);
        torch::Tensor normalised = topScores / std::pow(static_cast<double>(curLen + 1 - promptLen), o.lengthPenalty);
        if (isFinished.all().item<bool>() && o.earlyStopping)
            normalised = normalised - big;
        if (!heuristicUnsatisfied)
            normalised = normalised - big;
        normalised = normalised + justFinished.logical_not().to(torch::kFloat) * -big;
        const torch::Tensor mergedScores = torch::cat({finishedScores, normalised});
        const torch::Tensor best = std::get<1>(mergedScores.topk(beams));
        finished = torch::cat({finished, topSequences}).index_select(0, best);
        finishedScores = mergedScores.index_select(0, best);
        isFinished = torch::cat({isFinished, justFinished}).index_select(0, best);

        ++curLen;
        if (curLen == promptLen + 1)
            r.firstTokenMs = msSince(t0);
        else
            r.tokenMs.push_back(msSince(last));
        last = Clock::now();

        // transformers' early-stop heuristic with early_stopping=False: the best running score at the current length.
        const double hypotheticalLength = static_cast<double>(curLen - promptLen);
        const float bestRunning = runningScores[0].item<float>() / static_cast<float>(std::pow(hypotheticalLength, o.lengthPenalty));
        const torch::Tensor worstFinished = torch::where(isFinished, finishedScores.min().expand({beams}),
                                                         torch::full({beams}, -big, f32));
        heuristicUnsatisfied = heuristicUnsatisfied && (worstFinished < bestRunning).any().item<bool>();
        const bool openBeam = !(isFinished.all().item<bool>() && o.earlyStopping);
        if (!heuristicUnsatisfied || !openBeam || hitsStop.all().item<bool>())
            break;
        if (onToken && !onToken({-1, static_cast<int>(curLen - promptLen - 1), msSince(t0)})) {
            r.stopReason = StopReason::Callback;
            break;
        }
        cache.reorder(parentBeams);
        input = running.select(1, curLen - 1).view({beams, 1}).to(s.idOptions.device());
    }

    // Best finished hypothesis; if none finished (stopped by the callback), the best running one.
    const bool anyFinished = isFinished.any().item<bool>();
    const torch::Tensor seq = anyFinished ? finished[0] : running[0];
    for (std::int64_t i = 0; i < maxLength; ++i) {
        const std::int64_t id = seq[i].item<std::int64_t>();
        if (i >= promptLen && i >= curLen)
            break;
        r.sequence.push_back(id);
        if (i >= promptLen) {
            r.newTokens.push_back(id);
            if (id == s.config.eosTokenId) {
                if (r.stopReason != StopReason::Callback)
                    r.stopReason = StopReason::EndToken;
                break;
            }
        }
    }
    return r;
}

} // namespace

const char* stopReasonName(StopReason r)
{
    switch (r) {
    case StopReason::EndToken: return "end";
    case StopReason::MaxTokens: return "max_tokens";
    case StopReason::Callback: return "stopped";
    case StopReason::PositionLimit: return "position_limit";
    }
    return "?";
}

GenerationResult generateText(const GitConfig& config, const TextDecoder& decoder, const VisualContext& context,
                              const std::vector<std::int64_t>& prompt, const GenerationOptions& o,
                              const TokenCallback& onToken)
{
    if (prompt.empty())
        throw EngineError("The prompt is empty: it needs at least the [CLS] token");
    for (const auto id : prompt) {
        if (id < 0 || id >= config.vocabSize)
            throw EngineError("Token id " + std::to_string(id) + " is outside the vocabulary");
    }
    const auto promptLen = static_cast<int>(prompt.size());
    if (promptLen >= config.maxPositionEmbeddings)
        throw EngineError("The question is too long: " + std::to_string(promptLen) + " tokens, the model reads at most "
                          + std::to_string(config.maxPositionEmbeddings - 1));
    if (o.numBeams < 1 || o.maxNewTokens < 1)
        throw EngineError("Generation needs at least one beam and one new token");
    const int maxNew = std::min(o.maxNewTokens, config.maxPositionEmbeddings - promptLen);
    const Step s{config, decoder, context, torch::TensorOptions().device(context.projectedFeatures.device())};
    c10::InferenceMode guard;
    GenerationResult r = o.numBeams > 1 && !o.doSample ? beamSearch(s, prompt, maxNew, o, onToken)
                                                       : greedyOrSample(s, prompt, maxNew, o, onToken);
    if (r.stopReason == StopReason::MaxTokens && maxNew < o.maxNewTokens)
        r.stopReason = StopReason::PositionLimit;
    return r;
}

} // namespace gitvqa
