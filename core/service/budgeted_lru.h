#pragma once
// Shared, immutable values kept for reuse under a byte budget, the least recently used dropped first. Thread-safe:
// the worker fills it, any thread may read its statistics. Value needs `std::int64_t bytes() const`.

#include <QHash> // std::hash<QString>
#include <QString>

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace gitvqa {

template <typename Value>
class BudgetedLru {
public:
    struct Stats {
        int hits = 0;
        int misses = 0;
        int entries = 0;
        std::int64_t bytes = 0;
        std::int64_t budgetBytes = 0;
    };

    explicit BudgetedLru(std::int64_t budgetBytes) : m_budget(budgetBytes) {}

    std::shared_ptr<const Value> find(const QString& key)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        const auto it = m_index.find(key);
        if (it == m_index.end()) {
            ++m_misses;
            return nullptr;
        }
        m_lru.splice(m_lru.begin(), m_lru, it->second);
        ++m_hits;
        return it->second->value;
    }

    bool contains(const QString& key) const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_index.count(key) > 0;
    }

    void insert(const QString& key, std::shared_ptr<const Value> value)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (const auto it = m_index.find(key); it != m_index.end()) {
            m_bytes -= it->second->bytes;
            m_lru.erase(it->second);
            m_index.erase(it);
        }
        const std::int64_t bytes = value->bytes();
        m_lru.push_front({key, std::move(value), bytes});
        m_index[key] = m_lru.begin();
        m_bytes += bytes;
        evictLocked();
    }

    void setBudget(std::int64_t bytes)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_budget = bytes;
        evictLocked();
    }

    void clear()
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_lru.clear();
        m_index.clear();
        m_bytes = 0;
    }

    Stats stats() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return {m_hits, m_misses, static_cast<int>(m_lru.size()), m_bytes, m_budget};
    }

private:
    void evictLocked()
    {
        // The newest entry always stays, even alone over budget: the request being served needs it.
        while (m_bytes > m_budget && m_lru.size() > 1) {
            m_bytes -= m_lru.back().bytes;
            m_index.erase(m_lru.back().key);
            m_lru.pop_back();
        }
    }

    struct Entry {
        QString key;
        std::shared_ptr<const Value> value;
        std::int64_t bytes = 0;
    };
    mutable std::mutex m_mutex;
    std::list<Entry> m_lru; // front = most recently used
    std::unordered_map<QString, typename std::list<Entry>::iterator> m_index;
    std::int64_t m_budget;
    std::int64_t m_bytes = 0;
    int m_hits = 0;
    int m_misses = 0;
};

} // namespace gitvqa
