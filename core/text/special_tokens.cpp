#include "text/special_tokens.h"

#include "text/vocabulary.h"

#include <algorithm>

namespace gitvqa::text {

SpecialTokens::SpecialTokens(const Vocabulary& vocab, const QString& unkToken)
{
    const auto add = [&](const QString& token, std::int64_t* slot) {
        *slot = vocab.idOf(token);
        if (*slot >= 0 && !token.isEmpty())
            m_entries.push_back({token, *slot});
    };
    add(unkToken, &m_ids.unk);
    add(QStringLiteral("[CLS]"), &m_ids.cls);
    add(QStringLiteral("[SEP]"), &m_ids.sep);
    add(QStringLiteral("[PAD]"), &m_ids.pad);
    add(QStringLiteral("[MASK]"), &m_ids.mask);
    std::stable_sort(m_entries.begin(), m_entries.end(),
                     [](const Entry& a, const Entry& b) { return a.text.size() > b.text.size(); });
}

std::vector<TextSegment> SpecialTokens::split(const QString& text) const
{
    std::vector<TextSegment> segments;
    if (m_entries.empty()) {
        segments.push_back({text, -1});
        return segments;
    }
    const QStringView view(text);
    qsizetype plainStart = 0;
    qsizetype i = 0;
    while (i < view.size()) {
        const Entry* match = nullptr;
        for (const Entry& e : m_entries) {
            if (view.mid(i).startsWith(e.text)) {
                match = &e;
                break;
            }
        }
        if (!match) {
            ++i;
            continue;
        }
        if (i > plainStart)
            segments.push_back({text.mid(plainStart, i - plainStart), -1});
        segments.push_back({match->text, match->id});
        i += match->text.size();
        plainStart = i;
    }
    if (plainStart < text.size())
        segments.push_back({text.mid(plainStart), -1});
    return segments;
}

} // namespace gitvqa::text
