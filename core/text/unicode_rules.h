#pragma once
// Character classes of the BERT normaliser and pre-tokeniser, on Unicode code points.
//
// The reference is Hugging Face's fast tokenizer (the Rust `tokenizers` crate), because that is what
// AutoTokenizer/GitProcessor load for every GIT checkpoint; the legacy Python tokenizer agrees on all the
// reference cases. See ../shared/docs/git-architecture.md §10.

namespace gitvqa::text {

// Deleted by the cleaning step: categories Cc, Cf, Cn, Co, Cs except tab, newline and carriage return, which are
// whitespace instead.
bool isControl(char32_t c);

// Mapped to a plain space by the cleaning step, and where words are split: tab, newline, carriage return and the
// Unicode separators (Zs, Zl, Zp). The other White_Space code points (VT, FF, NEL...) are Cc and never get here.
bool isWhitespace(char32_t c);

// Every ASCII symbol (so `$`, `+`, `^`, `|` split even though Unicode calls them symbols) and every P* category.
bool isPunctuation(char32_t c);

// The CJK ideograph blocks that get a space on each side; Hangul and kana deliberately are not among them.
bool isChineseChar(char32_t c);

// Unicode category Mn: what accent stripping removes after NFD.
bool isNonSpacingMark(char32_t c);

} // namespace gitvqa::text
