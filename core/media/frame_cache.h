#pragma once
// Decoded, converted frames kept for reuse, keyed by (video, output size, presentation time), with a memory cap and
// least-recently-used eviction. Re-sampling a window the user already looked at then costs no decoding at all.
//
// A frame is stored with the span of time it is on screen ([pts, nextPts)), so a lookup by any instant finds the
// frame a viewer would see then, without knowing the exact pts in advance. Thread-safe: one cache may be shared by
// several samplers (e.g. the question pipeline and the timeline).

#include "media/rgb_image.h"

#include <cstddef>
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>

namespace gitvqa {

struct CachedFrame {
    double pts = 0.0;     // seconds from the start of the video
    double nextPts = 0.0; // pts of the next frame, +infinity for the last frame; == pts when unknown
    bool first = false;   // the video's first frame: also the one shown before its own pts
    std::int64_t frameIndex = 0;
    bool frameIndexExact = false;
    std::shared_ptr<const RgbImage> image;
};

class FrameCache {
public:
    static constexpr std::size_t kDefaultMaxBytes = 256u << 20; // ~40 frames of 1080p, ~10 of 4K

    explicit FrameCache(std::size_t maxBytes = kDefaultMaxBytes);

    // The frame on screen at `time` in `video` at output size `variant` (0 = full size), counting a hit or a miss.
    std::optional<CachedFrame> find(const std::string& video, int variant, double time);
    // Adds or replaces; evicts least recently used frames beyond the cap. A frame larger than the cap is not kept.
    void insert(const std::string& video, int variant, CachedFrame frame);
    void clear();
    void setMaxBytes(std::size_t maxBytes);

    struct Stats {
        std::uint64_t hits = 0;
        std::uint64_t misses = 0;
        std::size_t entries = 0;
        std::size_t bytes = 0;
        std::size_t maxBytes = 0;
    };
    Stats stats() const;

private:
    using Key = std::tuple<std::string, int, double>;
    struct Entry {
        Key key;
        CachedFrame frame;
    };
    using List = std::list<Entry>;

    void evictLocked();
    static std::size_t sizeOf(const CachedFrame& f);

    mutable std::mutex mutex_;
    std::size_t maxBytes_;
    std::size_t bytes_ = 0;
    std::uint64_t hits_ = 0;
    std::uint64_t misses_ = 0;
    List lru_;                          // front = most recently used
    std::map<Key, List::iterator> map_; // ordered by pts within a (video, variant) for the span lookup
};

} // namespace gitvqa
