#pragma once
// A WordPiece vocabulary: token text <-> id, read from vocab.txt or from tokenizer.json's `model.vocab`.

#include "text/basic_tokenizer.h"

#include <QHash>
#include <QList>
#include <QString>

#include <cstdint>
#include <optional>

namespace gitvqa::text {

// What tokenizer.json says beyond the vocabulary; vocab.txt carries none of it, so the BERT uncased defaults apply.
struct WordPieceSettings {
    QString unkToken = QStringLiteral("[UNK]");
    QString continuingSubwordPrefix = QStringLiteral("##");
    int maxInputCharsPerWord = 100;
    // The fast decoder's own `cleanup` (glues " ." " ?" " !" " ," per token); independent of
    // clean_up_tokenization_spaces, which works on the whole decoded string.
    bool decoderCleanup = true;
    BasicTokenizerOptions basic;
};

class Vocabulary {
public:
    // vocab.txt: every line is a token and its 0-based line index is its id, like transformers' load_vocab():
    // the line ending (\n, \r\n or \r) is removed and nothing else, blank lines are tokens too, and when a token
    // repeats the later line's id is the one text maps to.
    static std::optional<Vocabulary> fromVocabTxt(const QString& path, QString* error);
    // tokenizer.json: `model.vocab` (token -> id), plus the WordPiece, normaliser and decoder settings into *settings.
    static std::optional<Vocabulary> fromTokenizerJson(const QString& path, WordPieceSettings* settings,
                                                       QString* error);

    // -1 when absent.
    std::int64_t idOf(const QString& token) const { return m_ids.value(token, -1); }
    // Empty (and *found false) when the id is out of range or names no token: a gap in tokenizer.json's ids, or a
    // vocab.txt line whose text repeats later (transformers maps that text to the later id only, and the fast
    // decoder drops the shadowed id).
    QString tokenOf(std::int64_t id, bool* found = nullptr) const;

    // One past the highest id, i.e. the rows an embedding table for this vocabulary needs.
    int size() const { return int(m_tokens.size()); }
    // Longest token in UTF-16 units: WordPiece never needs to look up a longer candidate.
    qsizetype longestToken() const { return m_longest; }

private:
    void insert(const QString& token, qsizetype id);

    QHash<QString, std::int64_t> m_ids;
    QList<QString> m_tokens;     // by id; a gap in tokenizer.json ids is a null QString
    QList<bool> m_present;
    qsizetype m_longest = 0;
};

} // namespace gitvqa::text
