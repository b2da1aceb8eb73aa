#pragma once
// BERT's special tokens: their ids, and finding them written literally in a text.

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace gitvqa::text {

class Vocabulary;

struct SpecialTokenIds {
    std::int64_t unk = -1;
    std::int64_t cls = -1;
    std::int64_t sep = -1;
    std::int64_t pad = -1;
    std::int64_t mask = -1;

    bool contains(std::int64_t id) const
    {
        return id >= 0 && (id == unk || id == cls || id == sep || id == pad || id == mask);
    }
};

// One piece of a text: either ordinary text for the normaliser, or a special token to emit as is.
struct TextSegment {
    QString text;
    std::int64_t specialId = -1;   // >= 0 for a special token
};

class SpecialTokens {
public:
    SpecialTokens() = default;
    // Looks up [UNK], [CLS], [SEP], [PAD], [MASK] (unkToken may rename the first). Only the ones present are
    // matched in text.
    SpecialTokens(const Vocabulary& vocab, const QString& unkToken);

    const SpecialTokenIds& ids() const { return m_ids; }

    // Splits out every literal special token, case-sensitively and before any normalisation, like the fast
    // tokenizer's added-token matching (leftmost, then longest): "[CLS] a" keeps [CLS], "[cls] a" does not.
    std::vector<TextSegment> split(const QString& text) const;

private:
    struct Entry {
        QString text;
        std::int64_t id;
    };
    SpecialTokenIds m_ids;
    std::vector<Entry> m_entries;   // longest first
};

} // namespace gitvqa::text
