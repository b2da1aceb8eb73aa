#pragma once
// GIT's visual-question-answering prompt.

#include <QString>

#include <cstdint>
#include <vector>

namespace gitvqa {

class WordPieceTokenizer;

// GIT's VQA prompt: [CLS] + question pieces, no [SEP] (generation continues right after the question).
struct Prompt {
    std::vector<std::int64_t> ids;
    bool truncated = false;
    int droppedPieces = 0;
};

// maxTextPositions is the model's max_position_embeddings; reserveForAnswer positions are kept free for
// generation. A question that does not fit loses its last pieces (as transformers truncates, from the right) and
// `truncated` says so, with how many pieces were dropped, so the UI/CLI can show a notice. The prompt holds at most
// maxTextPositions - reserveForAnswer ids, but always at least [CLS], however small the budget.
Prompt buildQuestionPrompt(const WordPieceTokenizer& tok, const QString& question, int maxTextPositions,
                           int reserveForAnswer);

} // namespace gitvqa
