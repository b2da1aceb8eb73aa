#include "media/frame_cache.h"

#include <cmath>
#include <limits>

namespace gitvqa {

FrameCache::FrameCache(std::size_t maxBytes) : maxBytes_(maxBytes) {}

std::size_t FrameCache::sizeOf(const CachedFrame& f)
{
    return (f.image ? f.image->pixels.size() : 0) + sizeof(CachedFrame) + 64;
}

std::optional<CachedFrame> FrameCache::find(const std::string& video, int variant, double time)
{
    std::lock_guard<std::mutex> lock(mutex_);
    // The candidate is the last frame with pts <= time; or, before the first frame, the first frame.
    auto it = map_.upper_bound(Key{video, variant, time});
    List::iterator hit = lru_.end();
    if (it != map_.begin()) {
        auto prev = std::prev(it);
        const Key& k = prev->first;
        const CachedFrame& f = prev->second->frame;
        if (std::get<0>(k) == video && std::get<1>(k) == variant && (time < f.nextPts || time == f.pts))
            hit = prev->second;
    }
    if (hit == lru_.end() && it != map_.end()) {
        const Key& k = it->first;
        const CachedFrame& f = it->second->frame;
        if (std::get<0>(k) == video && std::get<1>(k) == variant && f.first && time < f.pts)
            hit = it->second;
    }
    if (hit == lru_.end()) {
        ++misses_;
        return std::nullopt;
    }
    ++hits_;
    lru_.splice(lru_.begin(), lru_, hit);
    return hit->frame;
}

void FrameCache::insert(const std::string& video, int variant, CachedFrame frame)
{
    const std::size_t size = sizeOf(frame);
    std::lock_guard<std::mutex> lock(mutex_);
    if (size > maxBytes_)
        return;
    Key key{video, variant, frame.pts};
    auto found = map_.find(key);
    if (found != map_.end()) {
        CachedFrame& old = found->second->frame;
        // Keep what the earlier insert knew that this one does not (how long the frame stays on screen).
        if (frame.nextPts <= frame.pts && old.nextPts > old.pts)
            frame.nextPts = old.nextPts;
        frame.first = frame.first || old.first;
        if (!frame.frameIndexExact && old.frameIndexExact) {
            frame.frameIndex = old.frameIndex;
            frame.frameIndexExact = true;
        }
        bytes_ -= sizeOf(old);
        old = std::move(frame);
        bytes_ += size;
        lru_.splice(lru_.begin(), lru_, found->second);
    } else {
        lru_.push_front(Entry{key, std::move(frame)});
        map_.emplace(std::move(key), lru_.begin());
        bytes_ += size;
    }
    evictLocked();
}

void FrameCache::evictLocked()
{
    while (bytes_ > maxBytes_ && !lru_.empty()) {
        const Entry& victim = lru_.back();
        bytes_ -= sizeOf(victim.frame);
        map_.erase(victim.key);
        lru_.pop_back();
    }
}

void FrameCache::clear()
{
    std::lock_guard<std::mutex> lock(mutex_);
    map_.clear();
    lru_.clear();
    bytes_ = 0;
}

void FrameCache::setMaxBytes(std::size_t maxBytes)
{
    std::lock_guard<std::mutex> lock(mutex_);
    maxBytes_ = maxBytes;
    evictLocked();
}

FrameCache::Stats FrameCache::stats() const
{
    std::lock_guard<std::mutex> lock(mutex_);
    return Stats{hits_, misses_, map_.size(), bytes_, maxBytes_};
}

} // namespace gitvqa
