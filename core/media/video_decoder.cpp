// VideoDecoder, part 1: opening the file and the codec, seeking, and the decode loop. What it learns about the file
// at open time (duration, rotation, colour, truncation) is in video_decoder_info.cpp.

#include "media/video_decoder.h"

#include "media/frame_converter.h"
#include "media/video_decoder_internal.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/pixdesc.h>
#include <libavutil/version.h>
}

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <system_error>

#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gitvqa {

using detail::avError;
using detail::kMaxConsecutiveDecodeErrors;
using detail::kMaxPacketsWithoutPicture;
using detail::kMaxReadRetries;
using detail::kOpenBudget;
using detail::setError;

namespace {

// A better reason than FFmpeg's "Invalid data found when processing input", from the first bytes of the file.
std::string sniffUnreadable(const std::string& path)
{
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f)
        return {};
    unsigned char buf[4096];
    const std::size_t n = std::fread(buf, 1, sizeof buf, f);
    std::fclose(f);
    if (n >= 12 && std::memcmp(buf + 4, "ftyp", 4) == 0)
        return "The file is truncated or corrupt: it starts like an MP4/MOV file but its index (the moov atom) is "
               "missing, as with a recording or download that did not finish.";
    std::size_t printable = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (buf[i] == 0)
            return {};
        if (buf[i] >= 0x20 || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t')
            ++printable;
    }
    if (n > 0 && printable == n)
        return "Not a video file FFmpeg can read: this looks like a text file.";
    return {};
}

// Reads of the polling input wait this long for data before asking the interrupt callback again.
constexpr int kPollMs = 50;
constexpr int kPollingBufferSize = 64 * 1024;

} // namespace

// FFmpeg's file protocol read()s a pipe or device with a blocking call that no interrupt callback can end: a named
// pipe whose writer never writes (or a share that stopped answering) would hold open() forever, and Quit with it.
// Non-regular files are therefore read here, non-blocking, polling the same interrupt callback between waits.
struct VideoDecoder::PollingInput {
    int fd = -1;
    bool fifo = false;
    AVIOContext* avio = nullptr;
    VideoDecoder* owner = nullptr;

    static int read(void* opaque, std::uint8_t* buf, int size)
    {
        auto* in = static_cast<PollingInput*>(opaque);
        for (;;) {
            const ssize_t n = ::read(in->fd, buf, static_cast<std::size_t>(size));
            if (n > 0)
                return static_cast<int>(n);
            if (n == 0 && in->fifo) {
                // A named pipe reads 0 both before its writer has come and after it has gone; only the second is
                // the end (poll says POLLHUP, which Linux holds back until a writer was seen).
                pollfd p{in->fd, POLLIN, 0};
                if (::poll(&p, 1, kPollMs) > 0 && (p.revents & POLLHUP) && !(p.revents & POLLIN))
                    return AVERROR_EOF;
                if (interruptCallback(in->owner))
                    return AVERROR_EXIT;
                continue;
            }
            if (n == 0)
                return AVERROR_EOF;
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                return AVERROR(errno);
            if (interruptCallback(in->owner))
                return AVERROR_EXIT;
            pollfd p{in->fd, POLLIN, 0};
            ::poll(&p, 1, kPollMs);
        }
    }
};

void VideoDecoder::PollingInputCloser::operator()(PollingInput* in) const
{
    if (in->avio) {
        av_freep(&in->avio->buffer);
        avio_context_free(&in->avio);
    }
    if (in->fd >= 0)
        ::close(in->fd);
    delete in;
}

void AvFrameDeleter::operator()(AVFrame* frame) const { av_frame_free(&frame); }
void VideoDecoder::FormatCloser::operator()(AVFormatContext* ctx) const { avformat_close_input(&ctx); }
void VideoDecoder::CodecFreer::operator()(AVCodecContext* ctx) const { avcodec_free_context(&ctx); }
void VideoDecoder::PacketFreer::operator()(AVPacket* pkt) const { av_packet_free(&pkt); }

VideoDecoder::~VideoDecoder() = default;

int VideoDecoder::interruptCallback(void* opaque)
{
    auto* self = static_cast<VideoDecoder*>(opaque);
    return self->cancelRequested() || std::chrono::steady_clock::now() > self->deadline_ ? 1 : 0;
}

void VideoDecoder::armDeadline(std::chrono::milliseconds budget)
{
    deadline_ = std::chrono::steady_clock::now() + budget;
}

double VideoDecoder::toSeconds(std::int64_t ts) const { return ts * av_q2d(stream_->time_base); }

std::int64_t VideoDecoder::toStreamTs(double seconds) const
{
    return static_cast<std::int64_t>(std::llround(seconds / av_q2d(stream_->time_base)));
}

std::unique_ptr<VideoDecoder> VideoDecoder::open(const std::string& path, std::string* error,
                                                 const CancelCheck& cancelled)
{
    // Plain checks first: FFmpeg's "No such file or directory"/"Invalid data" is less helpful than these.
    std::error_code ec;
    const std::filesystem::path fsPath(path);
    if (path.empty()) {
        setError(error, "No video file given.");
        return nullptr;
    }
    if (!std::filesystem::exists(fsPath, ec)) {
        setError(error, "File not found: " + path);
        return nullptr;
    }
    if (std::filesystem::is_directory(fsPath, ec)) {
        setError(error, "This is a folder, not a video file: " + path);
        return nullptr;
    }
    if (std::filesystem::is_regular_file(fsPath, ec) && std::filesystem::file_size(fsPath, ec) == 0 && !ec) {
        setError(error, "The file is empty: " + path);
        return nullptr;
    }

    std::unique_ptr<VideoDecoder> d(new VideoDecoder());
    d->path_ = path;
    d->armDeadline(kOpenBudget);
    d->setCancelCheck(cancelled);
    const bool ok = d->openFile(path, error) && d->openCodec(error) && d->fillInfo(error)
        && d->checkIndexAgainstFileSize(error) && d->verifyContainerDuration(error) && d->decodeFirstFrame(error);
    if (!ok) {
        if (d->cancelRequested())
            setError(error, "Cancelled while opening " + path + ".");
        return nullptr;
    }
    d->setCancelCheck({}); // the opener's check must not cancel later requests of whoever reuses the decoder
    return d;
}

bool VideoDecoder::openFile(const std::string& path, std::string* error)
{
    AVFormatContext* ctx = avformat_alloc_context();
    if (!ctx) {
        setError(error, "Out of memory opening " + path);
        return false;
    }
    ctx->interrupt_callback.callback = &VideoDecoder::interruptCallback;
    ctx->interrupt_callback.opaque = this;
    struct stat st {};
    const bool regular = ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
    input_.reset();
    if (!regular) {
        // O_NONBLOCK also keeps open() itself from waiting for a pipe's writer.
        const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) {
            avformat_free_context(ctx);
            setError(error, "Cannot read the file (" + std::string(std::strerror(errno)) + "): " + path);
            return false;
        }
        input_.reset(new PollingInput{fd, S_ISFIFO(st.st_mode), nullptr, this});
        auto* buffer = static_cast<unsigned char*>(av_malloc(kPollingBufferSize));
        input_->avio = buffer ? avio_alloc_context(buffer, kPollingBufferSize, 0, input_.get(), &PollingInput::read,
                                                   nullptr, nullptr)
                              : nullptr;
        if (!input_->avio) {
            av_free(buffer);
            avformat_free_context(ctx);
            setError(error, "Out of memory opening " + path);
            return false;
        }
        ctx->pb = input_->avio;
        ctx->flags |= AVFMT_FLAG_CUSTOM_IO;
    }
    int rc = avformat_open_input(&ctx, path.c_str(), nullptr, nullptr); // frees ctx on failure
    if (rc < 0) {
        if (rc == AVERROR(EACCES))
            setError(error, "Cannot read the file (permission denied): " + path);
        else if (rc == AVERROR_EXIT)
            setError(error, "Timed out or cancelled while opening " + path);
        else if (const std::string sniffed = regular ? sniffUnreadable(path) : std::string(); !sniffed.empty())
            setError(error, sniffed);
        else
            setError(error, "Not a video file FFmpeg can read (unknown format, or the file is truncated or corrupt): "
                                + avError(rc));
        return false;
    }
    format_.reset(ctx);

    // Text files with a .txt/.nfo name are "ANSI art" to FFmpeg and would decode as video; they are not what a user
    // means by a video.
    const std::string demuxer = format_->iformat->name;
    if (demuxer == "tty") {
        setError(error, "Not a video file FFmpeg can read: this looks like a text file.");
        return false;
    }

    rc = avformat_find_stream_info(format_.get(), nullptr);
    if (rc < 0) {
        setError(error, "Not a video file FFmpeg can read: could not read its stream information (" + avError(rc)
                            + "). The file may be truncated or corrupt.");
        return false;
    }

    // The main video stream, ignoring cover art (an "attached picture" in an mp3/m4a is not a video).
    int best = -1;
    std::int64_t bestPixels = -1;
    for (unsigned i = 0; i < format_->nb_streams; ++i) {
        const AVStream* st = format_->streams[i];
        if (st->codecpar->codec_type == AVMEDIA_TYPE_AUDIO)
            info_.hasAudio = true;
        if (st->codecpar->codec_type != AVMEDIA_TYPE_VIDEO || (st->disposition & AV_DISPOSITION_ATTACHED_PIC))
            continue;
        const std::int64_t pixels = static_cast<std::int64_t>(st->codecpar->width) * st->codecpar->height;
        const bool isDefault = st->disposition & AV_DISPOSITION_DEFAULT;
        if (best < 0 || pixels > bestPixels || (isDefault && pixels == bestPixels)) {
            best = static_cast<int>(i);
            bestPixels = pixels;
        }
    }
    if (best < 0) {
        setError(error, info_.hasAudio ? "This file has no video stream (audio only)."
                                       : "This file has no video stream.");
        return false;
    }
    streamIndex_ = best;
    stream_ = format_->streams[best];
    // Every other stream is dropped by the demuxer before it reaches us.
    for (unsigned i = 0; i < format_->nb_streams; ++i)
        format_->streams[i]->discard = static_cast<int>(i) == best ? AVDISCARD_DEFAULT : AVDISCARD_ALL;

    // Raw elementary streams (.h264, .hevc, .m4v) carry no timestamps: their "time" is invented from a frame
    // counter, so seeking by time would land anywhere. Pipes cannot seek at all.
    const bool noTimestamps = format_->iformat->flags & AVFMT_NOTIMESTAMPS;
    const bool pipe = !format_->pb || !(format_->pb->seekable & AVIO_SEEKABLE_NORMAL);
    seekable_ = !noTimestamps && !pipe;
    return true;
}

bool VideoDecoder::openCodec(std::string* error)
{
    const AVCodec* codec = avcodec_find_decoder(stream_->codecpar->codec_id);
    if (!codec) {
        setError(error, std::string("This FFmpeg build has no decoder for the video codec \"")
                            + avcodec_get_name(stream_->codecpar->codec_id) + "\".");
        return false;
    }
    codec_.reset(avcodec_alloc_context3(codec));
    packet_.reset(av_packet_alloc());
    if (!codec_ || !packet_) {
        setError(error, "Out of memory creating the video decoder.");
        return false;
    }
    int rc = avcodec_parameters_to_context(codec_.get(), stream_->codecpar);
    if (rc < 0) {
        setError(error, "Cannot set up the video decoder: " + avError(rc));
        return false;
    }
    codec_->pkt_timebase = stream_->time_base;
    selectiveCodec_ = codec->id == AV_CODEC_ID_H264 || codec->id == AV_CODEC_ID_HEVC;
    // Frame threads give the best throughput for the long sequential runs the sampler does; 0 = one per core.
    codec_->thread_count = 0;
    codec_->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
    codec_->skip_frame = keyframesOnly_ ? AVDISCARD_NONKEY : AVDISCARD_DEFAULT;
    rc = avcodec_open2(codec_.get(), codec, nullptr);
    if (rc < 0) {
        setError(error, std::string("Cannot open the ") + avcodec_get_name(stream_->codecpar->codec_id)
                            + " decoder: " + avError(rc));
        return false;
    }
    return true;
}

bool VideoDecoder::seek(double streamSeconds, std::string* error)
{
    if (!seekable_)
        return rewind(error);
    frameWaiting_ = false;
    waiting_ = {};
    seekTarget_ = streamSeconds;
    const int rc = av_seek_frame(format_.get(), streamIndex_, toStreamTs(streamSeconds), AVSEEK_FLAG_BACKWARD);
    if (rc < 0)
        return rewind(error); // some demuxers refuse a time before their first keyframe
    avcodec_flush_buffers(codec_.get());
    draining_ = drained_ = false;
    atStart_ = false;
    afterSeek_ = true;
    seenPts_.clear();
    maybeDropped_.clear();
    lastPts_ = -1e300;
    return true;
}

bool VideoDecoder::rewind(std::string* error)
{
    frameWaiting_ = false;
    waiting_ = {};
    int rc = -1;
    if (format_->pb && (format_->pb->seekable & AVIO_SEEKABLE_NORMAL)) {
        // Timestamp seek to the beginning; byte 0 for demuxers without timestamps (raw streams).
        if (!(format_->iformat->flags & AVFMT_NOTIMESTAMPS))
            rc = avformat_seek_file(format_.get(), -1, std::numeric_limits<std::int64_t>::min(),
                                    format_->start_time != AV_NOPTS_VALUE ? format_->start_time : 0,
                                    format_->start_time != AV_NOPTS_VALUE ? format_->start_time : 0, 0);
        if (rc < 0)
            rc = av_seek_frame(format_.get(), -1, 0, AVSEEK_FLAG_BYTE);
    }
    if (rc < 0) {
        // Last resort: start over with a fresh demuxer on the same file.
        std::string why;
        const VideoInfo keepInfo = info_;
        const bool keepSeekable = seekable_; // a scan may have found that the stream has no timestamps
        codec_.reset();
        format_.reset();
        stream_ = nullptr;
        if (!openFile(path_, &why) || !openCodec(&why)) {
            setError(error, "Cannot go back to the start of the video: " + why);
            return false;
        }
        info_ = keepInfo;
        seekable_ = keepSeekable;
    } else {
        avcodec_flush_buffers(codec_.get());
    }
    draining_ = drained_ = false;
    atStart_ = true;
    afterSeek_ = false;
    seenPts_.clear();
    maybeDropped_.clear();
    lastPts_ = -1e300;
    return true;
}

void VideoDecoder::setKeyframesOnly(bool on)
{
    keyframesOnly_ = on;
    codec_->skip_frame = on ? AVDISCARD_NONKEY : AVDISCARD_DEFAULT;
}

void VideoDecoder::setWantedTimes(std::vector<double> streamTimes)
{
    wanted_ = std::move(streamTimes);
    if (!keyframesOnly_)
        codec_->skip_frame = AVDISCARD_DEFAULT;
}

std::int64_t VideoDecoder::droppedBetween(double from, double to) const
{
    if (maybeDropped_.empty() || to <= from)
        return 0;
    return static_cast<std::int64_t>(
        std::distance(maybeDropped_.upper_bound(from), maybeDropped_.lower_bound(to)));
}

std::optional<double> VideoDecoder::firstDroppedAfter(double pts) const
{
    const auto it = maybeDropped_.upper_bound(pts);
    if (it == maybeDropped_.end())
        return std::nullopt;
    return *it;
}

VideoDecoder::Result VideoDecoder::next(DecodedFrame* out, std::string* error)
{
    if (frameWaiting_) {
        frameWaiting_ = false;
        *out = std::move(waiting_);
        waiting_ = {};
        lastPts_ = out->pts;
        atStart_ = false;
        return Result::Frame;
    }
    AvFramePtr frame(av_frame_alloc());
    if (!frame) {
        setError(error, "Out of memory decoding video.");
        return Result::Error;
    }
    int packetsWithoutPicture = 0, decodeErrors = 0, retries = 0;
    for (;;) {
        int rc = avcodec_receive_frame(codec_.get(), frame.get());
        if (rc == 0 && afterSeek_ && ((frame->flags & AV_FRAME_FLAG_CORRUPT) || frame->decode_error_flags)) {
            av_frame_unref(frame.get());
            continue;
        }
        if (rc == 0) {
            afterSeek_ = false;
            std::int64_t ts = frame->best_effort_timestamp;
            if (ts == AV_NOPTS_VALUE)
                ts = frame->pts;
            // Pictures without any timestamp (raw streams) follow the previous one by a nominal frame time.
            double pts;
            if (ts != AV_NOPTS_VALUE)
                pts = toSeconds(ts);
            else if (lastPts_ > -1e299)
                pts = lastPts_ + frameDuration_;
            else
                pts = atStart_ ? info_.startTime : seekTarget_;
            // AVFrame::key_frame is deprecated since FFmpeg 6.1 (libavutil 58.7) for the AV_FRAME_FLAG_KEY flag.
#if LIBAVUTIL_VERSION_INT >= AV_VERSION_INT(58, 7, 100)
            out->keyframe = (frame->flags & AV_FRAME_FLAG_KEY) != 0;
#else
            out->keyframe = frame->key_frame != 0;
#endif
            out->pts = pts;
            out->frame = std::move(frame);
            out->isFirst = atStart_;
            if (!maybeDropped_.empty()) {
                maybeDropped_.erase(pts); // a reference picture: decoded after all
                while (!maybeDropped_.empty() && *maybeDropped_.begin() < pts - 10.0)
                    maybeDropped_.erase(maybeDropped_.begin());
            }
            lastPts_ = pts;
            atStart_ = false;
            return Result::Frame;
        }
        if (rc == AVERROR_EOF) {
            drained_ = true;
            return Result::EndOfStream;
        }
        if (rc != AVERROR(EAGAIN)) {
            if (++decodeErrors > kMaxConsecutiveDecodeErrors) {
                setError(error, "The video data is corrupt: the decoder keeps failing (" + avError(rc) + ").");
                return Result::Error;
            }
        }
        if (draining_) {
            if (rc == AVERROR(EAGAIN)) { // cannot happen after a flush packet; guard against decoder bugs
                drained_ = true;
                return Result::EndOfStream;
            }
            continue;
        }
        if (++packetsWithoutPicture > kMaxPacketsWithoutPicture) {
            setError(error, "The video data is corrupt: thousands of packets without a single picture.");
            return Result::Error;
        }

        rc = av_read_frame(format_.get(), packet_.get());
        if (rc == AVERROR(EAGAIN) && ++retries < kMaxReadRetries)
            continue;
        if (rc == AVERROR_EXIT) {
            setError(error, "Timed out or cancelled while reading the video.");
            return Result::Error;
        }
        if (rc < 0) {
            // End of file, or a damaged tail: flush what the decoder still holds and finish cleanly.
            draining_ = true;
            avcodec_send_packet(codec_.get(), nullptr);
            continue;
        }
        if (packet_->stream_index == streamIndex_) {
            if (countLeading_) {
                if (packet_->flags & AV_PKT_FLAG_KEY)
                    countLeading_ = false;
                else
                    ++leadingNonKeyPackets_;
            }
            AVDiscard discard = keyframesOnly_ ? AVDISCARD_NONKEY : AVDISCARD_DEFAULT;
            if (selectiveCodec_ && !keyframesOnly_ && !wanted_.empty() && packet_->pts != AV_NOPTS_VALUE) {
                // See setWantedTimes() for why this is exact.
                const double p = toSeconds(packet_->pts);
                const auto successor = seenPts_.upper_bound(p);
                const double next = successor == seenPts_.end() ? std::numeric_limits<double>::infinity() : *successor;
                const auto want = std::lower_bound(wanted_.begin(), wanted_.end(), p);
                if (want == wanted_.end() || *want >= next) {
                    discard = AVDISCARD_NONREF;
                    maybeDropped_.insert(p);
                }
                seenPts_.insert(p);
                while (*seenPts_.begin() < p - 10.0)
                    seenPts_.erase(seenPts_.begin());
            }
            codec_->skip_frame = discard;
            rc = avcodec_send_packet(codec_.get(), packet_.get());
            if (rc < 0 && rc != AVERROR(EAGAIN) && rc != AVERROR_INVALIDDATA && ++decodeErrors > kMaxConsecutiveDecodeErrors) {
                av_packet_unref(packet_.get());
                setError(error, "The video data is corrupt (" + avError(rc) + ").");
                return Result::Error;
            }
            if (rc == AVERROR_INVALIDDATA)
                ++decodeErrors;
        }
        av_packet_unref(packet_.get());
    }
}

std::optional<double> VideoDecoder::indexedKeyframeAtOrBefore(double streamSeconds) const
{
    if (avformat_index_get_entries_count(stream_) <= 0)
        return std::nullopt;
    const AVIndexEntry* e = avformat_index_get_entry_from_timestamp(stream_, toStreamTs(streamSeconds),
                                                                    AVSEEK_FLAG_BACKWARD);
    if (!e)
        return std::nullopt;
    return toSeconds(e->timestamp);
}

bool VideoDecoder::hasKeyframeIndex() const
{
    return seekable_ && avformat_index_get_entries_count(stream_) > 0;
}

} // namespace gitvqa
