#include "text/basic_tokenizer.h"

#include "text/unicode_rules.h"

#include <QChar>

namespace gitvqa::text {

namespace {

// Walks a QString code point by code point; an unpaired surrogate comes out as itself (category Cs), so cleaning
// drops it like the reference drops U+FFFD, rather than pairing it with a neighbour.
template <typename F>
void forEachCodePoint(const QString& s, F&& f)
{
    const QChar* p = s.constData();
    const qsizetype n = s.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t u = p[i].unicode();
        if (QChar::isHighSurrogate(u) && i + 1 < n && QChar::isLowSurrogate(p[i + 1].unicode())) {
            f(QChar::surrogateToUcs4(u, p[i + 1].unicode()));
            ++i;
        } else {
            f(char32_t(u));
        }
    }
}

void appendCodePoint(QString& s, char32_t c)
{
    if (QChar::requiresSurrogates(c)) {
        s.append(QChar(QChar::highSurrogate(c)));
        s.append(QChar(QChar::lowSurrogate(c)));
    } else {
        s.append(QChar(char16_t(c)));
    }
}

bool isAscii(const QString& s)
{
    for (QChar ch : s) {
        if (ch.unicode() >= 0x80)
            return false;
    }
    return true;
}

} // namespace

QString BasicTokenizer::normalize(const QString& text) const
{
    QString cleaned;
    cleaned.reserve(text.size() + 8);
    forEachCodePoint(text, [&](char32_t c) {
        if (m_options.cleanText) {
            if (c == 0 || c == 0xFFFD || isControl(c))
                return;
            if (isWhitespace(c)) {
                cleaned.append(QLatin1Char(' '));
                return;
            }
        }
        if (m_options.handleChineseChars && isChineseChar(c)) {
            cleaned.append(QLatin1Char(' '));
            appendCodePoint(cleaned, c);
            cleaned.append(QLatin1Char(' '));
            return;
        }
        appendCodePoint(cleaned, c);
    });

    if (!m_options.stripAccents && !m_options.lowercase)
        return cleaned;
    // Questions are nearly always ASCII, where NFD and the category lookups change nothing.
    if (isAscii(cleaned))
        return m_options.lowercase ? cleaned.toLower() : cleaned;

    // The reference strips accents before lowercasing; the order matters only for exotic letters, but keep it.
    const QString decomposed = m_options.stripAccents ? cleaned.normalized(QString::NormalizationForm_D) : cleaned;
    QString out;
    out.reserve(decomposed.size());
    forEachCodePoint(decomposed, [&](char32_t c) {
        if (m_options.stripAccents && isNonSpacingMark(c))
            return;
        // Per code point, like the Rust reference: no final-sigma rule (Python's str.lower() has one, the fast
        // tokenizer does not). The one letter whose full lowercase differs from the simple one, U+0130, has been
        // decomposed to I + U+0307 by NFD already when accents are stripped.
        appendCodePoint(out, m_options.lowercase ? QChar::toLower(c) : c);
    });
    return out;
}

QStringList BasicTokenizer::split(const QString& text) const
{
    const QString normalized = normalize(text);
    QStringList words;
    QString current;
    const auto flush = [&] {
        if (!current.isEmpty()) {
            words.append(current);
            current.clear();
        }
    };
    forEachCodePoint(normalized, [&](char32_t c) {
        if (isWhitespace(c)) {
            flush();
        } else if (isPunctuation(c)) {
            flush();
            QString p;
            appendCodePoint(p, c);
            words.append(p);
        } else {
            appendCodePoint(current, c);
        }
    });
    flush();
    return words;
}

} // namespace gitvqa::text
