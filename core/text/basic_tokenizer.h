#pragma once
// The BERT normaliser and pre-tokeniser: turns raw text (with no literal special tokens in it) into the words that
// WordPiece then splits. Follows the fast tokenizer's BertNormalizer + BertPreTokenizer, in its order:
// clean, space out CJK ideographs, NFD, drop non-spacing marks, lowercase, split on whitespace and punctuation.

#include <QStringList>

namespace gitvqa::text {

struct BasicTokenizerOptions {
    bool cleanText = true;
    bool handleChineseChars = true;
    // Accents are stripped whenever lowercasing is on unless a tokenizer says otherwise (strip_accents = null).
    bool stripAccents = true;
    bool lowercase = true;
};

class BasicTokenizer {
public:
    explicit BasicTokenizer(BasicTokenizerOptions options = {}) : m_options(options) {}

    QStringList split(const QString& text) const;
    // The normalised text before the split, for diagnostics and tests.
    QString normalize(const QString& text) const;

    const BasicTokenizerOptions& options() const { return m_options; }

private:
    BasicTokenizerOptions m_options;
};

} // namespace gitvqa::text
