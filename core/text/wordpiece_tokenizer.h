#pragma once
// The BERT uncased WordPiece tokenizer that every GIT checkpoint uses, reproducing Hugging Face's fast
// BertTokenizer (what GitProcessor loads) id for id, decoding included. Rules: ../shared/docs/git-architecture.md §10.
//
// A value type: copies share the vocabulary (Qt implicit sharing), so passing it around is cheap, and const use
// from several threads at once is safe.

#include "text/basic_tokenizer.h"
#include "text/special_tokens.h"
#include "text/vocabulary.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace gitvqa {

class WordPieceTokenizer {
public:
    // Loads vocab.txt from the model folder, else tokenizer.json's vocabulary. On failure returns nullopt and sets
    // *error (when given) to a message naming the file and the problem.
    static std::optional<WordPieceTokenizer> fromModelDir(const QString& dir, QString* error);
    // A file ending in .json is read as tokenizer.json, anything else as vocab.txt.
    static std::optional<WordPieceTokenizer> fromVocabFile(const QString& vocabTxtOrTokenizerJson, QString* error);

    // Word pieces without [CLS]/[SEP], e.g. {"what", "is", "##n"}; unknown words are "[UNK]".
    QStringList tokenize(const QString& text) const;
    // [CLS] ... [SEP] around the pieces when addSpecialTokens.
    std::vector<std::int64_t> encode(const QString& text, bool addSpecialTokens) const;
    // Ids that name no token are dropped, like the fast tokenizer does. skipSpecialTokens drops [CLS] [SEP] [PAD]
    // [MASK] and [UNK]; cleanUpSpaces is transformers' clean_up_tokenization_spaces (True for BERT).
    QString decode(const std::vector<std::int64_t>& ids, bool skipSpecialTokens = true,
                   bool cleanUpSpaces = true) const;

    QString idToToken(std::int64_t id) const;          // empty if the id names no token
    std::int64_t tokenToId(const QString& token) const; // -1 if absent

    std::int64_t clsId() const { return m_special.ids().cls; }
    std::int64_t sepId() const { return m_special.ids().sep; }
    std::int64_t padId() const { return m_special.ids().pad; }   // -1 if the vocabulary has no [PAD]
    std::int64_t unkId() const { return m_special.ids().unk; }
    std::int64_t maskId() const { return m_special.ids().mask; } // -1 if the vocabulary has no [MASK]
    bool isSpecialId(std::int64_t id) const { return m_special.ids().contains(id); }

    // Ids run from 0 to vocabSize() - 1.
    int vocabSize() const { return m_vocab.size(); }

private:
    WordPieceTokenizer(text::Vocabulary vocab, text::WordPieceSettings settings);
    static std::optional<WordPieceTokenizer> fromParts(std::optional<text::Vocabulary> vocab,
                                                       const text::WordPieceSettings& settings, const QString& file,
                                                       QString* error);

    // Appends the pieces of one pre-tokenised word, or the unknown token if it cannot be split or is too long.
    void splitWord(const QString& word, QStringList* pieces, std::vector<std::int64_t>* ids) const;
    void run(const QString& text, QStringList* pieces, std::vector<std::int64_t>* ids) const;

    text::Vocabulary m_vocab;
    text::WordPieceSettings m_settings;
    text::BasicTokenizer m_basic;
    text::SpecialTokens m_special;
};

} // namespace gitvqa
