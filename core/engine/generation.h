#pragma once
// Text generation over a visual context with Hugging Face generate()'s semantics: greedy (first index on ties),
// beam search (transformers' vectorised beam search: 2·beams candidates, length penalty, early-stop heuristic), and
// seeded sampling (temperature → top-k → top-p). One callback per token streams the answer and can stop it.

#include "visual_context.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace gitvqa {

struct GenerationOptions {
    int maxNewTokens = 20;     // transformers' max_length counts prompt + new text tokens; this counts new ones
    int minNewTokens = 0;      // the end token is suppressed before this many (transformers' min_new_tokens)
    int numBeams = 1;          // > 1: beam search
    double lengthPenalty = 1.0;
    bool earlyStopping = false; // beam search: stop as soon as `numBeams` hypotheses are finished
    bool doSample = false;
    double temperature = 1.0;
    int topK = 50;             // 0 disables
    double topP = 1.0;         // 1 disables
    std::uint64_t seed = 0;
    bool keepFirstStepLogits = false; // the float32 logits that chose the first new token (scan's "yes" strength)
};

struct TokenEvent {
    std::int64_t id = -1;  // the new token; -1 during beam search, where no token is final until the end
    int index = 0;         // 0-based step among the new tokens
    double elapsedMs = 0;  // since generation started
};

// Return false to stop generation at once (the tokens so far are kept).
using TokenCallback = std::function<bool(const TokenEvent&)>;

enum class StopReason { EndToken, MaxTokens, Callback, PositionLimit };

struct GenerationResult {
    std::vector<std::int64_t> sequence;   // prompt + new tokens (the end token kept, as transformers does)
    std::vector<std::int64_t> newTokens;  // without the prompt
    StopReason stopReason = StopReason::MaxTokens;
    double firstTokenMs = 0;              // prompt prefill + first token
    std::vector<double> tokenMs;          // time of each further token
    torch::Tensor firstStepLogits;        // [vocab] float32, when asked for
};

class TextDecoder;
struct GitConfig;

GenerationResult generateText(const GitConfig& config, const TextDecoder& decoder, const VisualContext& context,
                              const std::vector<std::int64_t>& prompt, const GenerationOptions& options,
                              const TokenCallback& onToken);

const char* stopReasonName(StopReason r);

} // namespace gitvqa
