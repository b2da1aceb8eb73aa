#include "media/frame_sampler.h"

#include "media/file_identity.h"
#include "media/frame_converter.h"
#include "media/video_decoder.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>

namespace gitvqa {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Timestamps and window centres are computed in floating point: a target that equals a frame's pts on paper must
// still show that frame.
constexpr double kTimeEpsilon = 1e-6;
// Keyframe interval assumed for containers without an index until two keyframes were seen: 10 s covers x264's
// default (keyint 250 at 25 fps) and most cameras.
constexpr double kAssumedGop = 10.0;
// How far before a target the re-seeks go when a demuxer lands after it, last one followed by a rewind.
constexpr double kBackoff[] = {0.0, 1.0, 5.0, 20.0};
constexpr int kBackoffSteps = static_cast<int>(sizeof kBackoff / sizeof kBackoff[0]);
// A request may decode for a long time on a huge file, but never forever on a stuck read.
constexpr auto kRequestBudget = std::chrono::minutes(5);

// Installs a request's cancel check on the decoder and removes it however the request ends.
class ScopedCancelCheck {
public:
    ScopedCancelCheck(VideoDecoder* decoder, const CancelCheck& check) : decoder_(decoder)
    {
        decoder_->setCancelCheck(check);
    }
    ~ScopedCancelCheck() { decoder_->setCancelCheck({}); }
    ScopedCancelCheck(const ScopedCancelCheck&) = delete;
    ScopedCancelCheck& operator=(const ScopedCancelCheck&) = delete;

private:
    VideoDecoder* decoder_;
};

} // namespace

FrameSampler::~FrameSampler() = default;

std::unique_ptr<FrameSampler> FrameSampler::open(const std::string& path, std::string* error,
                                                 std::shared_ptr<FrameCache> cache, const CancelCheck& cancelled)
{
    std::unique_ptr<VideoDecoder> decoder = VideoDecoder::open(path, error, cancelled);
    if (!decoder)
        return nullptr;
    std::unique_ptr<FrameSampler> s(new FrameSampler());
    s->decoder_ = std::move(decoder);
    s->converter_ = std::make_unique<FrameConverter>();
    s->cache_ = cache ? std::move(cache) : std::make_shared<FrameCache>();
    s->cacheKey_ = fileIdentity(path);
    // The decoder has the first frame ready: start from there without a seek.
    auto first = std::make_unique<DecodedFrame>();
    std::string why;
    if (s->pull(first.get(), &why) != 1) {
        if (error)
            *error = "The file is truncated or corrupt: " + why;
        return nullptr;
    }
    s->cur_ = std::move(first);
    s->curIndex_ = s->firstIndex();
    s->positionValid_ = true;
    s->stats_ = {};
    return s;
}

const VideoInfo& FrameSampler::info() const { return decoder_->info(); }

// After leading undecodable frames the first picture is not frame 0 of the file; its index is then estimated.
std::int64_t FrameSampler::firstIndex() const { return info().firstFrameTime > 0.0 ? -1 : 0; }

double FrameSampler::relative(double streamSeconds) const { return streamSeconds - info().startTime; }

double FrameSampler::clampTime(double t) const
{
    t = std::max(0.0, t);
    if (info().duration > 0.0)
        t = std::min(t, info().duration);
    return t;
}

TimeWindow FrameSampler::windowAround(double t, double width) const
{
    return gitvqa::windowAround(t, width, info().duration);
}

TimeWindow FrameSampler::windowForRange(double start, double end) const
{
    return fitWindow(start, end, info().duration);
}

void FrameSampler::cancel() { decoder_->cancel(); }

void FrameSampler::setDropUnseenFrames(bool on)
{
    std::lock_guard<std::mutex> lock(mutex_);
    dropUnseen_ = on;
}

void FrameSampler::setConversionQuality(ConversionQuality quality)
{
    std::lock_guard<std::mutex> lock(mutex_);
    converter_->setQuality(quality);
}

double FrameSampler::millisecondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void FrameSampler::resetPosition()
{
    cur_.reset();
    ahead_.reset();
    atEnd_ = false;
    positionValid_ = false;
    curIndex_ = aheadIndex_ = -1;
    lastKeyframe_ = -1e300;
}

int FrameSampler::pull(DecodedFrame* out, std::string* error)
{
    const auto start = std::chrono::steady_clock::now();
    const VideoDecoder::Result r = decoder_->next(out, error);
    stats_.decodeMs += millisecondsSince(start);
    if (r == VideoDecoder::Result::Error)
        return -1;
    if (r == VideoDecoder::Result::EndOfStream)
        return 0;
    ++stats_.framesDecoded;
    if (out->keyframe) {
        if (lastKeyframe_ > -1e299 && out->pts > lastKeyframe_)
            observedGop_ = std::max(observedGop_, out->pts - lastKeyframe_);
        lastKeyframe_ = out->pts;
    }
    return 1;
}

// Jumps to a keyframe before `target` (stream seconds) and decodes its first frame into cur_, checking that the
// demuxer did not land after the target; otherwise tries earlier and finally from the start.
bool FrameSampler::seekTo(double target, int attempt, std::string* error)
{
    const double frameTime = info().frameRate > 0.0 ? 1.0 / info().frameRate : 0.04;
    // Indexes of B-frame streams are by decoding time, a couple of frames before the keyframe's display time.
    const double margin = 3.0 * frameTime;
    for (; attempt <= kBackoffSteps; ++attempt) {
        ++stats_.seeks;
        resetPosition();
        const bool fromStart = attempt == kBackoffSteps || target - margin - kBackoff[attempt] <= info().startTime;
        const auto start = std::chrono::steady_clock::now();
        const bool ok = fromStart ? decoder_->rewind(error)
                                  : decoder_->seek(target - margin - kBackoff[attempt], error);
        stats_.decodeMs += millisecondsSince(start);
        if (!ok)
            return false;
        positionValid_ = true;
        auto f = std::make_unique<DecodedFrame>();
        const int r = pull(f.get(), error);
        if (r < 0)
            return false;
        if (r == 0) {
            if (fromStart) {
                if (error)
                    *error = "The file is truncated or corrupt: no video frame could be decoded.";
                return false;
            }
            continue; // landed past the last keyframe that still decodes
        }
        if (f->pts > target && !f->isFirst) {
            if (fromStart)
                attempt = kBackoffSteps - 1; // cannot happen for a sane file; avoid looping on an insane one
            continue;
        }
        curIndex_ = f->isFirst ? firstIndex() : -1;
        cur_ = std::move(f);
        return true;
    }
    if (error)
        *error = "Cannot position the decoder at " + std::to_string(relative(target)) + " s.";
    return false;
}

// Makes sure decoding forward from the current position reaches `target` (stream seconds) at a reasonable cost,
// seeking when that is cheaper (the rule is described in frame_sampler.h).
bool FrameSampler::positionFor(double target, std::string* error)
{
    if (!positionValid_ || !cur_)
        return seekTo(target, 0, error);
    if (cur_->pts > target)
        return cur_->isFirst ? true : seekTo(target, 0, error);
    if (atEnd_ || (ahead_ && ahead_->pts > target) || !decoder_->seekable())
        return true;
    const double position = ahead_ ? ahead_->pts : cur_->pts;
    const double frameTime = info().frameRate > 0.0 ? 1.0 / info().frameRate : 0.04;
    const double margin = 3.0 * frameTime;
    if (decoder_->hasKeyframeIndex()) {
        const std::optional<double> key = decoder_->indexedKeyframeAtOrBefore(target - margin);
        if (key && *key > position + margin)
            return seekTo(target, 0, error);
        return true;
    }
    const double gop = observedGop_ > 0.0 ? observedGop_ : kAssumedGop;
    if (target - position > 2.0 * gop)
        return seekTo(target, 0, error);
    return true;
}

// Decodes forward until cur_ is the frame on screen at `target` (stream seconds): its pts <= target and the next
// frame's (ahead_) > target, or the stream ended.
bool FrameSampler::frameAt(double target, std::string* error)
{
    if (!positionFor(target, error))
        return false;
    for (;;) {
        if (cur_->pts > target)
            return true; // only for the first frame, which is also shown before its timestamp
        if (!ahead_ && !atEnd_) {
            auto f = std::make_unique<DecodedFrame>();
            const int r = pull(f.get(), error);
            if (r < 0) {
                resetPosition();
                return false;
            }
            if (r == 0) {
                atEnd_ = true;
            } else {
                aheadIndex_ = f->isFirst ? firstIndex()
                              : curIndex_ >= 0 ? curIndex_ + 1 + decoder_->droppedBetween(cur_->pts, f->pts)
                                               : -1;
                ahead_ = std::move(f);
            }
        }
        if (atEnd_ || ahead_->pts > target) {
            // A picture the decoder dropped (setWantedTimes) between cur_ and the target would be the right one.
            // Cannot happen for the times announced for this request; can for a later request continuing from
            // here. Then go back and decode everything.
            const std::optional<double> dropped = decoder_->firstDroppedAfter(cur_->pts);
            if (dropped && *dropped <= target) {
                decoder_->setWantedTimes({});
                if (!seekTo(target, 0, error))
                    return false;
                continue;
            }
            if (atEnd_)
                break;
            return true;
        }
        cur_ = std::move(ahead_);
        curIndex_ = aheadIndex_;
        aheadIndex_ = -1;
    }

    // The stream ended before the target. Fine when the target lies in the last frame's time; an early end means
    // the data was cut or damaged, which we report rather than silently repeating the last frame.
    const VideoInfo& in = info();
    const double frameTime = in.frameRate > 0.0 ? 1.0 / in.frameRate : 0.04;
    const double videoEnd = relative(cur_->pts) + frameTime;
    const double missing = in.duration - videoEnd;
    const double tolerance = in.durationSource == DurationSource::Container
                                 ? std::max(2.0, 0.25 * in.duration) // the container may count a longer audio track
                                 : std::max(1.0, 5.0 * frameTime);
    if (in.durationSource != DurationSource::Unknown && relative(target) > videoEnd && missing > tolerance) {
        if (error) {
            char buf[200];
            std::snprintf(buf, sizeof buf,
                          "The file is truncated or corrupt: the video data stops at %.1f s although the file says "
                          "it lasts %.1f s.",
                          videoEnd, in.duration);
            *error = buf;
        }
        return false;
    }
    return true;
}

// Timing and index of cur_ (the frame on screen at the target) as returned for `requested`; no pixels yet.
SampledFrame FrameSampler::describeCurrent(double requested) const
{
    SampledFrame out;
    out.requestedTime = requested;
    out.pts = relative(cur_->pts);
    out.frameIndexExact = curIndex_ >= 0;
    out.frameIndex = out.frameIndexExact ? curIndex_
                                         : static_cast<std::int64_t>(std::llround(out.pts * info().frameRate));
    return out;
}

std::vector<SampledFrame> FrameSampler::sampleAt(const std::vector<double>& times, std::string* error,
                                                 const CancelCheck& cancelled)
{
    std::lock_guard<std::mutex> lock(mutex_);
    stats_ = {};
    if (times.empty() || times.size() > static_cast<std::size_t>(kMaxCount)) {
        if (error)
            *error = "The number of frames must be between 1 and " + std::to_string(kMaxCount) + ".";
        return {};
    }
    for (double t : times) {
        if (!std::isfinite(t)) {
            if (error)
                *error = "Sample times must be finite numbers.";
            return {};
        }
    }
    decoder_->clearCancel();
    decoder_->armDeadline(std::chrono::duration_cast<std::chrono::milliseconds>(kRequestBudget));
    const ScopedCancelCheck scopedCancel(decoder_.get(), cancelled);
    if (cancelled && cancelled()) {
        if (error)
            *error = "Cancelled.";
        return {};
    }

    std::vector<SampledFrame> results = sampleSorted(times, error);
    // Marked here, for decoded and cached frames alike: whether a time was clamped depends on the time only.
    for (std::size_t i = 0; i < results.size(); ++i)
        results[i].clamped = info().firstFrameTime > 0.0 && clampTime(times[i]) + kTimeEpsilon < info().firstFrameTime;
    return results;
}

std::vector<SampledFrame> FrameSampler::sampleSorted(const std::vector<double>& times, std::string* error)
{
    std::vector<std::size_t> order(times.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return clampTime(times[a]) < clampTime(times[b]);
    });

    std::vector<SampledFrame> results(times.size());
    std::vector<std::size_t> missing;
    for (std::size_t i : order) {
        const double t = clampTime(times[i]) + kTimeEpsilon;
        if (std::optional<CachedFrame> hit = cache_->find(cacheKey_, 0, t)) {
            ++stats_.cacheHits;
            results[i] = SampledFrame{times[i], hit->pts, hit->frameIndex, hit->frameIndexExact, false, *hit->image};
        } else {
            missing.push_back(i);
        }
    }
    if (missing.empty())
        return results;

    // Tell the decoder which instants matter so that it can drop B-frames nobody will see (exact; see
    // VideoDecoder::setWantedTimes). Cleared again whatever happens.
    std::vector<double> wanted;
    for (std::size_t i : missing)
        wanted.push_back(info().startTime + clampTime(times[i]) + kTimeEpsilon);
    if (dropUnseen_)
        decoder_->setWantedTimes(wanted);
    struct ClearWanted {
        VideoDecoder* d;
        ~ClearWanted() { d->setWantedTimes({}); }
    } clearWanted{decoder_.get()};

    for (std::size_t i : missing) {
        const double t = clampTime(times[i]) + kTimeEpsilon;
        const double target = info().startTime + t;
        if (!frameAt(target, error))
            return {};
        SampledFrame frame = describeCurrent(times[i]);
        RgbImage image;
        const auto convertStart = std::chrono::steady_clock::now();
        if (!converter_->convert(cur_->frame.get(), decoder_->geometry(), decoder_->colour(), 0, &image, error))
            return {};
        stats_.convertMs += millisecondsSince(convertStart);
        ++stats_.framesConverted;
        CachedFrame cached;
        cached.pts = frame.pts;
        cached.nextPts = ahead_ ? relative(ahead_->pts) : (atEnd_ ? kInfinity : frame.pts);
        if (const std::optional<double> dropped = decoder_->firstDroppedAfter(cur_->pts))
            cached.nextPts = std::min(cached.nextPts, relative(*dropped));
        cached.first = cur_->isFirst;
        cached.frameIndex = frame.frameIndex;
        cached.frameIndexExact = frame.frameIndexExact;
        auto shared = std::make_shared<const RgbImage>(std::move(image));
        cached.image = shared;
        cache_->insert(cacheKey_, 0, std::move(cached));
        frame.image = *shared;
        results[i] = std::move(frame);
    }
    return results;
}

std::vector<SampledFrame> FrameSampler::sampleRange(double start, double end, int count, std::string* error,
                                                    const CancelCheck& cancelled)
{
    if (!std::isfinite(start) || !std::isfinite(end) || end < start) {
        if (error)
            *error = "The window must have a start before its end.";
        return {};
    }
    if (count < 1 || count > kMaxCount) {
        if (error)
            *error = "The number of frames must be between 1 and " + std::to_string(kMaxCount) + ".";
        return {};
    }
    return sampleAt(sampleTimes(windowForRange(start, end), count), error, cancelled);
}

std::vector<SampledFrame> FrameSampler::sampleAround(double t, double width, int count, std::string* error,
                                                     const CancelCheck& cancelled)
{
    if (!std::isfinite(t) || !std::isfinite(width) || width < 0.0) {
        if (error)
            *error = "The window needs a finite time and a width of zero or more seconds.";
        return {};
    }
    if (count < 1 || count > kMaxCount) {
        if (error)
            *error = "The number of frames must be between 1 and " + std::to_string(kMaxCount) + ".";
        return {};
    }
    return sampleAt(sampleTimes(windowAround(t, width), count), error, cancelled);
}

std::optional<RgbImage> FrameSampler::thumbnailAt(double t, int maxWidth, std::string* error,
                                                  const CancelCheck& cancelled)
{
    std::lock_guard<std::mutex> lock(mutex_);
    stats_ = {};
    if (!std::isfinite(t)) {
        if (error)
            *error = "The time must be a finite number.";
        return std::nullopt;
    }
    maxWidth = std::max(0, maxWidth);
    decoder_->clearCancel();
    decoder_->armDeadline(std::chrono::duration_cast<std::chrono::milliseconds>(kRequestBudget));
    const ScopedCancelCheck scopedCancel(decoder_.get(), cancelled);
    const double rel = clampTime(t) + kTimeEpsilon;
    const double target = info().startTime + rel;

    if (maxWidth == 0) {
        if (std::optional<CachedFrame> hit = cache_->find(cacheKey_, 0, rel)) {
            ++stats_.cacheHits;
            return *hit->image;
        }
    }
    // Keyframe thumbnails live in their own cache slot per width (negative variants), keyed by the index's keyframe
    // time so that every t inside one GOP finds the same entry.
    const int variant = -(maxWidth + 1);
    // (a plain double: GCC 12 warns about std::optional<double> read through the ternary below)
    double keyTime = 0.0;
    bool haveKey = false;
    if (decoder_->hasKeyframeIndex()) {
        if (const std::optional<double> k = decoder_->indexedKeyframeAtOrBefore(target)) {
            keyTime = relative(*k);
            haveKey = true;
        }
    }
    if (haveKey) {
        if (std::optional<CachedFrame> hit = cache_->find(cacheKey_, variant, keyTime)) {
            ++stats_.cacheHits;
            return *hit->image;
        }
    }

    // Already sitting on the right frame (e.g. right after sampling around t): no decoding at all.
    const AVFrame* source = nullptr;
    DecodedFrame grabbed;
    const std::optional<double> dropped = cur_ ? decoder_->firstDroppedAfter(cur_->pts) : std::nullopt;
    if (positionValid_ && cur_ && cur_->pts <= target && ahead_ && ahead_->pts > target
        && !(dropped && *dropped <= target)) {
        source = cur_->frame.get();
    } else {
        // Decode keyframes only: the first picture after the seek is the keyframe at or before t. Streams that
        // cannot seek are read from the start, keeping the last keyframe not after t.
        resetPosition();
        ++stats_.seeks;
        decoder_->setKeyframesOnly(true);
        const auto seekStart = std::chrono::steady_clock::now();
        bool ok = decoder_->seek(target, error);
        stats_.decodeMs += millisecondsSince(seekStart);
        while (ok) {
            DecodedFrame f;
            const int r = pull(&f, error);
            if (r < 0)
                ok = false;
            if (r <= 0)
                break;
            const bool later = f.pts > target;
            if (!grabbed.frame || !later)
                grabbed = std::move(f);
            if (later || decoder_->seekable())
                break;
        }
        decoder_->setKeyframesOnly(false);
        resetPosition(); // the decoder skipped frames: the next request must seek
        if (!ok && !grabbed.frame)
            return std::nullopt;
        if (!grabbed.frame) {
            if (error)
                *error = "No picture could be decoded near " + std::to_string(rel) + " s.";
            return std::nullopt;
        }
        source = grabbed.frame.get();
    }

    RgbImage image;
    const auto convertStart = std::chrono::steady_clock::now();
    if (!converter_->convert(source, decoder_->geometry(), decoder_->colour(), maxWidth, &image, error))
        return std::nullopt;
    stats_.convertMs += millisecondsSince(convertStart);
    ++stats_.framesConverted;
    if (grabbed.frame) {
        CachedFrame cached;
        cached.pts = haveKey ? keyTime : relative(grabbed.pts);
        cached.nextPts = cached.pts; // exact-time entry: only lookups by the same keyframe time hit it
        cached.first = false;
        cached.frameIndex = static_cast<std::int64_t>(std::llround(relative(grabbed.pts) * info().frameRate));
        cached.image = std::make_shared<const RgbImage>(image);
        cache_->insert(cacheKey_, variant, std::move(cached));
    }
    return image;
}

} // namespace gitvqa
