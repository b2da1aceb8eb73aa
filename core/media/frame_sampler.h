#pragma once
// The media layer's public face: open a video, sample N frames of a time window as RGB images, grab thumbnails.
//
// Which frame: for each target time the frame a viewer sees then, i.e. the last frame whose presentation timestamp is
// <= the target (the first frame for targets before it). Times are seconds from the start of the video (see
// video_info.h); results are in the order of the targets.
//
// How it decodes (the seek rule): targets are processed in ascending order. The decoder moves forward frame by frame
// and jumps (seeks) only when the jump skips work: when the container's keyframe index has a keyframe at or before
// the next target that lies after the frame the decoder is on. Without an index (some mkv/webm, MPEG-TS) it jumps
// when the next target is more than two keyframe intervals ahead (interval as observed while decoding, 10 s until two
// keyframes were seen). Raw streams without timestamps (.h264) never jump; they are decoded from the start. So a short window costs one seek plus sequential decoding, and a long window with sparse
// targets costs about one seek + one partial GOP per target, never the whole video. After a seek the first frame is
// checked: if the demuxer landed after the target, it seeks again earlier (1 s, 5 s, 20 s, then the start).
// While decoding, H.264/HEVC B-frames that cannot be on screen at any requested time are dropped before decoding
// (exact, see VideoDecoder::setWantedTimes): about half the decoding work on typical B-frame streams.
//
// Threads: one sampler = one demuxer + decoder; all methods may be called from any thread and are serialised by an
// internal mutex, so a sampler can be handed between threads. Requests take a CancelCheck that is polled while they
// run (also inside blocking reads), so a caller cancels its own request without touching the sampler.
//
// Cuts that start before their first keyframe (VideoInfo::firstFrameTime > 0): times before the first decodable
// picture return that picture with SampledFrame::clamped set. Converted frames go to a FrameCache (one per sampler unless a shared one is passed to open()).

#include "media/cancel_check.h"
#include "media/frame_cache.h"
#include "media/frame_converter.h"
#include "media/rgb_image.h"
#include "media/sample_window.h"
#include "media/video_info.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace gitvqa {

class VideoDecoder;
struct DecodedFrame;

struct SampledFrame {
    double requestedTime = 0.0; // the target, seconds from the start of the video
    double pts = 0.0;           // presentation time of the returned frame, same origin; <= requestedTime except
                                // for targets before the first frame
    // Index of the frame in display order (0 = first frame). Exact (frameIndexExact) when the decoder has run
    // without a seek from the first frame to this one (counting dropped B-frames too), which is the case for windows
    // inside the first GOP; otherwise estimated as round(pts * frameRate): right for constant-frame-rate video,
    // approximate for variable frame rates.
    std::int64_t frameIndex = 0;
    bool frameIndexExact = false;
    // The requested time lies before the first picture that can be decoded (VideoInfo::firstFrameTime), so the
    // frame returned is that first picture, later than asked for.
    bool clamped = false;
    RgbImage image;             // display orientation and aspect, 8-bit RGB
};

// What the last request did; lets tests and the benchmark see that caching and the seek rule work.
struct SamplerStats {
    int seeks = 0;              // jumps, including the re-seeks after landing late and rewinds
    std::int64_t framesDecoded = 0;
    int framesConverted = 0;
    int cacheHits = 0;
    double decodeMs = 0.0;      // wall time in demuxing + decoding (seeks included)
    double convertMs = 0.0;     // wall time in colour conversion, scaling and rotation
};

class FrameSampler {
public:
    // Opens the video, or returns null with a message a user understands in *error ("This file has no video stream
    // (audio only).", "The file is truncated: ..."). Decodes the first frame to prove the file is readable.
    // `cancelled` is polled while opening: a pipe or stalled share that never delivers data fails soon after it
    // says yes, instead of holding the caller.
    static std::unique_ptr<FrameSampler> open(const std::string& path, std::string* error,
                                              std::shared_ptr<FrameCache> cache = nullptr,
                                              const CancelCheck& cancelled = {});
    ~FrameSampler();
    FrameSampler(const FrameSampler&) = delete;
    FrameSampler& operator=(const FrameSampler&) = delete;

    const VideoInfo& info() const;

    // The window used by sampleAround/sampleRange (shifted inside the video, see sample_window.h).
    TimeWindow windowAround(double t, double width) const;
    TimeWindow windowForRange(double start, double end) const;

    // `count` frames at the centres of `count` equal parts of the window of `width` seconds around t / of
    // [start, end]. Empty with *error set on failure (bad arguments, corrupt data, cancelled).
    // `cancelled` (optional) is polled while the request runs; a yes makes it fail soon with "cancelled".
    std::vector<SampledFrame> sampleAround(double t, double width, int count, std::string* error,
                                           const CancelCheck& cancelled = {});
    std::vector<SampledFrame> sampleRange(double start, double end, int count, std::string* error,
                                          const CancelCheck& cancelled = {});
    // The frames shown at arbitrary times (any order; clamped to the video).
    std::vector<SampledFrame> sampleAt(const std::vector<double>& times, std::string* error,
                                       const CancelCheck& cancelled = {});

    // A quick picture near t, at most maxWidth wide (0 = full size): the keyframe at or before t, not the exact frame.
    // For timelines and previews.
    std::optional<RgbImage> thumbnailAt(double t, int maxWidth, std::string* error = nullptr,
                                        const CancelCheck& cancelled = {});

    // Whether B-frames nobody will see are dropped before decoding (on by default; exact either way, off only to
    // measure or to rule it out when investigating a file).
    void setDropUnseenFrames(bool on);

    // Colour conversion speed/quality (see frame_converter.h); Auto by default.
    void setConversionQuality(ConversionQuality quality);

    // Thread-safe: makes the request in progress fail soon with "cancelled". The next request runs normally.
    // Only for a caller that owns the sampler for sure; one that shares it passes a CancelCheck instead.
    void cancel();

    const SamplerStats& lastStats() const { return stats_; }
    const std::shared_ptr<FrameCache>& cache() const { return cache_; }

    static constexpr int kMaxCount = 1000;

private:
    FrameSampler() = default;

    bool positionFor(double target, std::string* error);
    bool seekTo(double target, int attempt, std::string* error);
    int pull(DecodedFrame* out, std::string* error); // 1 frame, 0 end of stream, -1 error
    bool frameAt(double target, std::string* error);
    std::vector<SampledFrame> sampleSorted(const std::vector<double>& times, std::string* error); // under mutex_
    SampledFrame describeCurrent(double requested) const;
    double relative(double streamSeconds) const;
    double clampTime(double t) const;
    void resetPosition();
    std::int64_t firstIndex() const; // display index of the first decoded picture, -1 when unknown
    static double millisecondsSince(std::chrono::steady_clock::time_point start);

    std::unique_ptr<VideoDecoder> decoder_;
    std::unique_ptr<FrameConverter> converter_;
    std::shared_ptr<FrameCache> cache_;
    std::string cacheKey_; // path + size + mtime: an edited file never hits stale frames
    mutable std::mutex mutex_;
    SamplerStats stats_;

    // Decoder position. cur_ is the latest frame with pts <= the current target, ahead_ the frame after it when
    // already decoded. Both keep a reference to the decoded picture; only the frames returned get converted.
    std::unique_ptr<DecodedFrame> cur_;
    std::unique_ptr<DecodedFrame> ahead_;
    bool atEnd_ = false;          // the decoder has nothing after cur_/ahead_
    bool positionValid_ = false;  // cur_/ahead_ describe where the decoder is (false after a thumbnail)
    std::int64_t curIndex_ = -1;  // exact display index of cur_, -1 unknown
    std::int64_t aheadIndex_ = -1;
    double observedGop_ = 0.0;    // largest distance between consecutive keyframes seen
    double lastKeyframe_ = -1e300;
    bool dropUnseen_ = true;
};

} // namespace gitvqa
