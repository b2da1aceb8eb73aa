#pragma once
// Token ids as the reference JSON files (golden.json, tokenizer_cases.json) store them: arrays of numbers.

#include <QJsonArray>
#include <QJsonValue>

#include <cstdint>
#include <vector>

namespace gitvqa::testing {

inline std::vector<std::int64_t> toIds(const QJsonArray& a)
{
    std::vector<std::int64_t> ids;
    for (const QJsonValue& v : a)
        ids.push_back(std::int64_t(v.toDouble()));
    return ids;
}

} // namespace gitvqa::testing
