#include "text/prompt_builder.h"

#include "text/wordpiece_tokenizer.h"

#include <algorithm>

namespace gitvqa {

Prompt buildQuestionPrompt(const WordPieceTokenizer& tok, const QString& question, int maxTextPositions,
                           int reserveForAnswer)
{
    Prompt prompt;
    const std::vector<std::int64_t> pieces = tok.encode(question, false);
    // [CLS] alone must always fit: a prompt with no token would leave generation nothing to continue from.
    const qint64 budget = std::max<qint64>(1, qint64(maxTextPositions) - std::max(0, reserveForAnswer));
    const size_t keep = size_t(std::min<qint64>(qint64(pieces.size()), budget - 1));

    prompt.ids.reserve(keep + 1);
    prompt.ids.push_back(tok.clsId());
    prompt.ids.insert(prompt.ids.end(), pieces.begin(), pieces.begin() + std::ptrdiff_t(keep));
    prompt.droppedPieces = int(pieces.size() - keep);
    prompt.truncated = prompt.droppedPieces > 0;
    return prompt;
}

} // namespace gitvqa
