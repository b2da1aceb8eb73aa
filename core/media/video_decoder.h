#pragma once
// One demuxer + one video decoder for one file: open, seek to a keyframe, decode the next frame with its
// presentation time in seconds. RAII owns every FFmpeg object, so an early return can never leak or double-free.
//
// Not thread-safe by itself (FFmpeg contexts are not); FrameSampler serialises access. Several VideoDecoder objects
// may run in parallel on different threads: nothing here is global.
//
// Bad input can never hang a caller: every blocking FFmpeg call runs under an AVIOInterruptCB with a deadline and a
// cancel flag, and next() gives up after a bounded number of packets that produce no picture.

#include "media/cancel_check.h"
#include "media/frame_converter.h"
#include "media/video_info.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

extern "C" {
struct AVCodecContext;
struct AVFormatContext;
struct AVFrame;
struct AVPacket;
struct AVStream;
}

namespace gitvqa {

struct AvFrameDeleter {
    void operator()(AVFrame* frame) const;
};
using AvFramePtr = std::unique_ptr<AVFrame, AvFrameDeleter>;

// A decoded picture. `pts` is in stream seconds (absolute, not relative to startTime).
struct DecodedFrame {
    AvFramePtr frame;
    double pts = 0.0;
    bool keyframe = false;
    bool isFirst = false; // the first frame decoded after open()/rewind(): the video's first picture
};

class VideoDecoder {
public:
    enum class Result { Frame, EndOfStream, Error };

    // Opens the file, picks its main video stream, opens a decoder and fills info(): duration (scanning the packets
    // once when the container has none), rotation, display size, colour description. Returns null with a message a
    // user understands ("This file has no video stream (audio only).") on failure.
    // `cancelled` is polled while opening (a named pipe or a stalled share that never delivers data): open returns
    // null with "cancelled" soon after it says yes.
    static std::unique_ptr<VideoDecoder> open(const std::string& path, std::string* error,
                                              const CancelCheck& cancelled = {});
    ~VideoDecoder();

    VideoDecoder(const VideoDecoder&) = delete;
    VideoDecoder& operator=(const VideoDecoder&) = delete;

    const VideoInfo& info() const { return info_; }
    // Matrix and range for pictures that carry no colour tags of their own (from the first picture and the stream).
    const ColourChoice& colour() const { return colour_; }
    DisplayGeometry geometry() const { return {info_.sarNum, info_.sarDen, info_.rotation}; }
    const AVStream* stream() const { return stream_; }

    // Positions the demuxer on a keyframe at or before `streamSeconds` (by the demuxer's notion of time, which may be
    // off by a few frames; callers verify with the pts of what they decode) and flushes the decoder.
    bool seek(double streamSeconds, std::string* error);
    // Back to the very first packet; falls back to reopening the file when the demuxer cannot seek.
    bool rewind(std::string* error);

    // Next frame in presentation order. Frames without any timestamp get the previous one plus one frame duration.
    Result next(DecodedFrame* out, std::string* error);

    // The demuxer's keyframe index (mp4 sample tables, mkv cues, avi idx1), in stream seconds; nullopt when the
    // container has no index or no keyframe at or before the time.
    std::optional<double> indexedKeyframeAtOrBefore(double streamSeconds) const;
    bool hasKeyframeIndex() const;
    // Time-based seeking is unreliable (raw elementary streams have no timestamps of their own): callers should decode
    // sequentially from the start instead of seeking.
    bool seekable() const { return seekable_; }

    // When set, the decoder drops every non-key picture before decoding it: used for quick thumbnails.
    void setKeyframesOnly(bool on);

    // The times (stream seconds, ascending) the caller is going to ask for; empty = every frame matters. With them,
    // an H.264/HEVC packet whose picture cannot be on screen at any of these times is decoded with
    // AVDISCARD_NONREF: a non-reference picture (typically half the B-frames) is then dropped unseen, a reference
    // picture is still decoded. "Cannot be on screen" is decided from packet timestamps: a picture with pts p stays
    // on screen until the next pts in display order, which is at most the smallest pts > p already demuxed
    // (references come before the B-frames that use them), so if no wanted time lies in [p, that pts) the picture is
    // not needed. Exact by construction; firstDroppedAfter() lets the caller verify.
    void setWantedTimes(std::vector<double> streamTimes);
    // Smallest pts > `pts` of a picture that was (or may have been) dropped this way since the last seek.
    std::optional<double> firstDroppedAfter(double pts) const;
    // Number of dropped pictures with from < pts < to (to keep display-order frame counts exact).
    std::int64_t droppedBetween(double from, double to) const;

    // Thread-safe: makes the blocking call in progress (and the next ones) fail fast until clearCancel().
    void cancel() { cancelled_.store(true); }
    void clearCancel() { cancelled_.store(false); }
    // The current request's own cancel check, polled with the flag above (same thread as the FFmpeg calls).
    void setCancelCheck(CancelCheck check) { cancelCheck_ = std::move(check); }
    bool cancelRequested() const { return cancelled_.load() || (cancelCheck_ && cancelCheck_()); }
    // Deadline for the FFmpeg calls of the current operation.
    void armDeadline(std::chrono::milliseconds budget);

private:
    VideoDecoder() = default;
    bool openFile(const std::string& path, std::string* error);
    bool openCodec(std::string* error);
    bool fillInfo(std::string* error);
    bool scanDuration(std::string* error);
    bool verifyContainerDuration(std::string* error);
    double readPacketsToEnd(std::int64_t* packets, std::string* error);
    bool checkIndexAgainstFileSize(std::string* error) const;
    bool decodeFirstFrame(std::string* error);
    double toSeconds(std::int64_t ts) const;
    std::int64_t toStreamTs(double seconds) const;
    static int interruptCallback(void* opaque);

    struct FormatCloser {
        void operator()(AVFormatContext* ctx) const;
    };
    struct CodecFreer {
        void operator()(AVCodecContext* ctx) const;
    };
    struct PacketFreer {
        void operator()(AVPacket* pkt) const;
    };

    struct PollingInput; // non-blocking reads of pipes and devices, see openFile()
    struct PollingInputCloser {
        void operator()(PollingInput* in) const;
    };

    std::string path_;
    std::unique_ptr<PollingInput, PollingInputCloser> input_; // declared before format_: outlives it
    std::unique_ptr<AVFormatContext, FormatCloser> format_;
    std::unique_ptr<AVCodecContext, CodecFreer> codec_;
    std::unique_ptr<AVPacket, PacketFreer> packet_;
    AVStream* stream_ = nullptr;
    int streamIndex_ = -1;
    VideoInfo info_;
    ColourChoice colour_;

    bool seekable_ = true;
    bool atStart_ = true;
    bool draining_ = false;     // the demuxer hit the end: the decoder is being flushed
    bool drained_ = false;      // ...and has nothing more to give
    double lastPts_ = -1e300;   // for frames without timestamps
    double seekTarget_ = 0.0;
    double frameDuration_ = 0.04;
    bool afterSeek_ = false;    // drop pictures the decoder flags as corrupt (missing references) until a clean one
    bool frameWaiting_ = false; // decodeFirstFrame() left a frame to hand out first
    DecodedFrame waiting_;

    bool keyframesOnly_ = false;
    bool selectiveCodec_ = false;     // H.264/HEVC: AVDISCARD_NONREF is reliable and worth it
    std::vector<double> wanted_;
    std::set<double> seenPts_;        // packet pts since the last seek (pruned to a few seconds back)
    std::set<double> maybeDropped_;   // packets sent as "not needed" whose picture has not come out (yet)

    bool countLeading_ = false;        // decodeFirstFrame(): counting the packets before the first keyframe
    int leadingNonKeyPackets_ = 0;

    std::atomic<bool> cancelled_{false};
    CancelCheck cancelCheck_;
    std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
};

} // namespace gitvqa
