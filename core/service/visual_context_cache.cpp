#include "service/visual_context_cache.h"

namespace gitvqa {

QString VisualContextCache::key(const QString& videoPath, double start, double end, int frames, const QString& modelId,
                                const QString& dtype)
{
    // Millisecond resolution: two requests for "the same" window from slightly different float math must meet.
    return QStringLiteral("%1|%2|%3|%4|%5|%6")
        .arg(videoPath)
        .arg(qRound64(start * 1000))
        .arg(qRound64(end * 1000))
        .arg(frames)
        .arg(modelId, dtype);
}

std::shared_ptr<const EncodedSegment> VisualContextCache::find(const QString& key)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto it = m_index.find(key);
    if (it == m_index.end()) {
        ++m_misses;
        return nullptr;
    }
    m_lru.splice(m_lru.begin(), m_lru, it->second);
    ++m_hits;
    return it->second->context;
}

bool VisualContextCache::contains(const QString& key) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_index.count(key) > 0;
}

void VisualContextCache::insert(const QString& key, std::shared_ptr<const EncodedSegment> context)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (const auto it = m_index.find(key); it != m_index.end()) {
        m_bytes -= it->second->bytes;
        m_lru.erase(it->second);
        m_index.erase(it);
    }
    const std::int64_t bytes = context->bytes();
    m_lru.push_front({key, std::move(context), bytes});
    m_index[key] = m_lru.begin();
    m_bytes += bytes;
    evictLocked();
}

void VisualContextCache::evictLocked()
{
    // The newest entry always stays, even alone over budget: the question being asked needs it.
    while (m_bytes > m_budget && m_lru.size() > 1) {
        m_bytes -= m_lru.back().bytes;
        m_index.erase(m_lru.back().key);
        m_lru.pop_back();
    }
}

void VisualContextCache::setBudget(std::int64_t bytes)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_budget = bytes;
    evictLocked();
}

void VisualContextCache::clear()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_lru.clear();
    m_index.clear();
    m_bytes = 0;
}

VisualContextCache::Stats VisualContextCache::stats() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return {m_hits, m_misses, static_cast<int>(m_lru.size()), m_bytes, m_budget};
}

} // namespace gitvqa
