#include "cpu_block_cache.h"

#include <c10/core/Allocator.h>
#include <c10/core/CPUAllocator.h>
#include <torch/version.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <new>
#include <unordered_map>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace gitvqa {

namespace {

constexpr std::size_t kMinBlock = std::size_t(1) << 20;   // below this glibc's bins reuse memory well enough
constexpr std::size_t kGranule = std::size_t(2) << 20;    // one transparent huge page on x86-64 and arm64
constexpr std::size_t kMaxCached = std::size_t(160) << 20;   // two [12, 1182, 1182] float32 score blocks and change

class BlockCache final : public c10::Allocator {
public:
    explicit BlockCache(c10::Allocator* small) : m_small(small) {}

#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 3)
    c10::DataPtr allocate(std::size_t n) override { return allocateBlock(n); }
    void copy_data(void* dest, const void* src, std::size_t count) const override { std::memcpy(dest, src, count); }
#else
    c10::DataPtr allocate(std::size_t n) const override { return const_cast<BlockCache*>(this)->allocateBlock(n); }
#endif
    c10::DeleterFnPtr raw_deleter() const override { return &BlockCache::releaseBlock; }

    void trim()
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        for (const auto& [size, p] : m_free) {
            m_sizes.erase(p);
            std::free(p);
        }
        m_free.clear();
        m_stats.cachedBytes = 0;
    }

    CpuBlockCacheStats stats()
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_stats;
    }

    static BlockCache* instance;

private:
    c10::DataPtr allocateBlock(std::size_t n)
    {
        if (n < kMinBlock) {
            // The small allocator's pointers carry its own deleter, so releaseBlock never sees them.
            return m_small->allocate(n);
        }
        const std::size_t size = (n + kGranule - 1) / kGranule * kGranule;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            auto it = m_free.lower_bound(size);
            if (it != m_free.end() && it->first <= size + size / 4) {
                void* p = it->second;
                m_stats.cachedBytes -= it->first;
                m_free.erase(it);
                ++m_stats.reused;
                return {p, p, &BlockCache::releaseBlock, c10::Device(c10::DeviceType::CPU)};
            }
        }
        void* p = std::aligned_alloc(kGranule, size);
        if (!p)
            throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        ::madvise(p, size, MADV_HUGEPAGE);   // advice only: without THP it is ignored and 4 KiB pages are used
#endif
        std::lock_guard<std::mutex> lock(m_mutex);
        m_sizes[p] = size;
        ++m_stats.allocatedBlocks;
        return {p, p, &BlockCache::releaseBlock, c10::Device(c10::DeviceType::CPU)};
    }

    static void releaseBlock(void* p)
    {
        if (p)
            instance->release(p);
    }

    void release(void* p)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        const auto found = m_sizes.find(p);
        if (found == m_sizes.end())
            return;   // cannot happen: only this allocator's blocks carry this deleter
        const std::size_t size = found->second;
        if (size > kMaxCached) {
            m_sizes.erase(found);
            std::free(p);
            return;
        }
        // Make room by giving back the smallest blocks: large temporaries are the ones that fault the most.
        while (m_stats.cachedBytes + size > kMaxCached && !m_free.empty()) {
            auto smallest = m_free.begin();
            m_stats.cachedBytes -= smallest->first;
            m_sizes.erase(smallest->second);
            std::free(smallest->second);
            m_free.erase(smallest);
        }
        m_free.emplace(size, p);
        m_stats.cachedBytes += size;
    }

    c10::Allocator* m_small;
    std::mutex m_mutex;
    std::multimap<std::size_t, void*> m_free;
    std::unordered_map<void*, std::size_t> m_sizes;
    CpuBlockCacheStats m_stats;
};

BlockCache* BlockCache::instance = nullptr;

std::once_flag g_installOnce;
std::atomic<bool> g_installed{false};

} // namespace

void installCpuBlockCache()
{
    std::call_once(g_installOnce, [] {
        const char* env = std::getenv("GITVQA_CPU_BLOCK_CACHE");
        if (env && std::strcmp(env, "0") == 0)
            return;
        // Never destroyed: tensors freed during static destruction still return their blocks to it.
        BlockCache::instance = new BlockCache(c10::GetDefaultCPUAllocator());
        c10::SetCPUAllocator(BlockCache::instance, /*priority=*/1);
        g_installed = true;
    });
}

bool cpuBlockCacheInstalled() { return g_installed; }

void trimCpuBlockCache()
{
    if (BlockCache::instance)
        BlockCache::instance->trim();
}

CpuBlockCacheStats cpuBlockCacheStats()
{
    return BlockCache::instance ? BlockCache::instance->stats() : CpuBlockCacheStats{};
}

} // namespace gitvqa
