#pragma once
// Encoded segments (visual context + the frames' times and thumbnails) kept for reuse, keyed by (video, segment,
// model, dtype), under a memory budget with the least recently used dropped first.

#include "service/budgeted_lru.h"
#include "service/encoded_segment.h"

namespace gitvqa {

class VisualContextCache : public BudgetedLru<EncodedSegment> {
public:
    explicit VisualContextCache(std::int64_t budgetBytes = 512ll * 1024 * 1024) : BudgetedLru(budgetBytes) {}

    static QString key(const QString& videoPath, double start, double end, int frames, const QString& modelId,
                       const QString& dtype);
};

} // namespace gitvqa
