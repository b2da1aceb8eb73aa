#pragma once
// Encoded segments (visual context + the frames' times and thumbnails) kept for reuse, keyed by (video, segment, model, dtype), under a memory budget with the least
// recently used dropped first. Thread-safe: the worker fills it, any thread may read its statistics.

#include "service/encoded_segment.h"

#include <QString>

#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace gitvqa {

class VisualContextCache {
public:
    struct Stats {
        int hits = 0;
        int misses = 0;
        int entries = 0;
        std::int64_t bytes = 0;
        std::int64_t budgetBytes = 0;
    };

    explicit VisualContextCache(std::int64_t budgetBytes = 512ll * 1024 * 1024) : m_budget(budgetBytes) {}

    static QString key(const QString& videoPath, double start, double end, int frames, const QString& modelId,
                       const QString& dtype);

    std::shared_ptr<const EncodedSegment> find(const QString& key);
    bool contains(const QString& key) const;
    void insert(const QString& key, std::shared_ptr<const EncodedSegment> context);
    void setBudget(std::int64_t bytes);
    void clear();
    Stats stats() const;

private:
    void evictLocked();

    struct Entry {
        QString key;
        std::shared_ptr<const EncodedSegment> context;
        std::int64_t bytes = 0;
    };
    mutable std::mutex m_mutex;
    std::list<Entry> m_lru; // front = most recently used
    std::unordered_map<QString, std::list<Entry>::iterator> m_index;
    std::int64_t m_budget;
    std::int64_t m_bytes = 0;
    int m_hits = 0;
    int m_misses = 0;
};

} // namespace gitvqa
