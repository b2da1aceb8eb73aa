// VideoDecoder, part 2: what it learns about the file when it opens it (size, rotation, colour, frame rate,
// duration, truncation), kept apart from the decoding loop in video_decoder.cpp.

#include "media/video_decoder.h"

#include "media/frame_converter.h"
#include "media/video_decoder_internal.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavcodec/version.h>
#include <libavformat/avformat.h>
#include <libavutil/display.h>
#include <libavutil/pixdesc.h>
}

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace gitvqa {

using detail::avError;
using detail::kMaxReadRetries;
using detail::kOpenBudget;
using detail::kScanBudget;
using detail::setError;

namespace {

// Clockwise rotation a viewer applies, from the stream's display matrix; same rule as the ffmpeg CLI's autorotate
// (av_display_rotation_get gives the counter-clockwise angle of the matrix).
// FFmpeg 6.1 (libavcodec 60.30) moved a stream's side data to codecpar->coded_side_data and deprecated
// av_stream_get_side_data; since FFmpeg 7 the demuxers fill only the new place, so the old call finds nothing there
// (phone videos reached the model sideways). FFmpeg 5.1 (Debian 12) has only the old one.
int rotationOf(const AVStream* st)
{
    const std::uint8_t* data = nullptr;
    size_t size = 0;
#if LIBAVCODEC_VERSION_INT >= AV_VERSION_INT(60, 30, 100)
    if (const AVPacketSideData* sd = av_packet_side_data_get(st->codecpar->coded_side_data,
                                                             st->codecpar->nb_coded_side_data,
                                                             AV_PKT_DATA_DISPLAYMATRIX)) {
        data = sd->data;
        size = sd->size;
    }
#else
    data = av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, &size);
#endif
    if (!data || size < 9 * sizeof(std::int32_t))
        return 0;
    const double ccw = av_display_rotation_get(reinterpret_cast<const std::int32_t*>(data));
    if (std::isnan(ccw))
        return 0;
    double cw = -std::round(ccw);
    cw -= 360.0 * std::floor(cw / 360.0 + 0.9 / 360.0);
    const int snapped = static_cast<int>(std::lround(cw / 90.0)) * 90 % 360;
    return snapped < 0 ? snapped + 360 : snapped;
}

} // namespace

bool VideoDecoder::fillInfo(std::string* error)
{
    const AVCodecParameters* par = stream_->codecpar;
    VideoInfo& in = info_;
    in.path = path_;
    in.containerName = format_->iformat->name;
    in.codecName = avcodec_get_name(par->codec_id);
    const char* pixName = av_get_pix_fmt_name(static_cast<AVPixelFormat>(par->format));
    in.pixelFormat = pixName ? pixName : "unknown";
    in.codedWidth = par->width;
    in.codedHeight = par->height;
    if (in.codedWidth <= 0 || in.codedHeight <= 0) {
        setError(error, "The video stream has no picture size: the file is truncated or corrupt.");
        return false;
    }
    const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(par->format));
    in.bitDepth = desc ? desc->comp[0].depth : 8;

    const AVRational sar = av_guess_sample_aspect_ratio(format_.get(), stream_, nullptr);
    if (sar.num > 0 && sar.den > 0) {
        AVRational reduced;
        av_reduce(&reduced.num, &reduced.den, sar.num, sar.den, 1 << 20);
        in.sarNum = reduced.num;
        in.sarDen = reduced.den;
    }
    in.rotation = rotationOf(stream_);
    DisplayGeometry g{in.sarNum, in.sarDen, in.rotation};
    displaySize(in.codedWidth, in.codedHeight, g, &in.width, &in.height);

    colour_ = chooseColour(par->color_space, par->color_range, par->format);
    in.colorSpace = colour_.name;
    in.fullRange = colour_.fullRange;

    AVRational rate = stream_->avg_frame_rate;
    if (rate.num <= 0 || rate.den <= 0)
        rate = stream_->r_frame_rate;
    in.frameRate = rate.num > 0 && rate.den > 0 ? av_q2d(rate) : 0.0;
    frameDuration_ = in.frameRate > 0.0 ? 1.0 / in.frameRate : 0.04;

    if (stream_->start_time != AV_NOPTS_VALUE)
        in.startTime = toSeconds(stream_->start_time);
    else if (format_->start_time != AV_NOPTS_VALUE)
        in.startTime = static_cast<double>(format_->start_time) / AV_TIME_BASE;

    // Durations estimated from the bit rate are guesses (raw streams, some AVIs); a scan is exact and, for the
    // files that need it, cheap enough to do once.
    const bool fromBitrate = format_->duration_estimation_method == AVFMT_DURATION_FROM_BITRATE;
    if (stream_->duration != AV_NOPTS_VALUE && stream_->duration > 0 && !fromBitrate) {
        in.duration = toSeconds(stream_->duration);
        in.durationSource = DurationSource::Stream;
    } else if (format_->duration != AV_NOPTS_VALUE && format_->duration > 0 && !fromBitrate) {
        const double formatStart
            = format_->start_time != AV_NOPTS_VALUE ? static_cast<double>(format_->start_time) / AV_TIME_BASE : 0.0;
        in.duration = static_cast<double>(format_->duration) / AV_TIME_BASE - (in.startTime - formatStart);
        in.durationSource = DurationSource::Container;
    } else if (!scanDuration(error)) {
        return false;
    }

    if (stream_->nb_frames > 0) {
        in.frameCount = stream_->nb_frames;
        in.frameCountExact = true;
    }
    if (in.frameRate <= 0.0 && in.duration > 0.0 && in.frameCount > 0)
        in.frameRate = in.frameCount / in.duration;
    if (!in.frameCountExact && in.frameRate > 0.0 && in.duration > 0.0)
        in.frameCount = std::llround(in.duration * in.frameRate);
    if (in.frameRate > 0.0)
        frameDuration_ = 1.0 / in.frameRate;
    return true;
}

// Reads the video packets from the current position to the end of the file (no decoding) and returns where the last
// one ends, in stream seconds (-inf when none had a timestamp). Counts the packets. Bounded by the deadline.
double VideoDecoder::readPacketsToEnd(std::int64_t* packets, std::string* error)
{
    double end = -std::numeric_limits<double>::infinity();
    int retries = 0;
    *packets = 0;
    for (;;) {
        const int rc = av_read_frame(format_.get(), packet_.get());
        if (rc == AVERROR(EAGAIN) && ++retries < kMaxReadRetries)
            continue;
        if (rc == AVERROR_EXIT) {
            setError(error, "Timed out or cancelled while measuring the video's duration.");
            *packets = -1;
            return end;
        }
        if (rc < 0)
            break; // end of file, or a damaged tail: what was read so far counts
        if (packet_->stream_index == streamIndex_) {
            const std::int64_t ts = packet_->pts != AV_NOPTS_VALUE ? packet_->pts : packet_->dts;
            if (ts != AV_NOPTS_VALUE) {
                // A packet without a duration lasts one nominal frame, so N frames last N frame times.
                const double dur = packet_->duration > 0 ? toSeconds(packet_->duration) : frameDuration_;
                end = std::max(end, toSeconds(ts) + dur);
            }
            ++*packets;
        }
        av_packet_unref(packet_.get());
    }
    av_packet_unref(packet_.get());
    return end;
}

// For files whose container does not say how long they are: read every packet once (no decoding). Raw elementary
// streams have no timestamps at all; their length is frames / frame rate.
bool VideoDecoder::scanDuration(std::string* error)
{
    if (!format_->pb || !(format_->pb->seekable & AVIO_SEEKABLE_NORMAL)) {
        info_.durationSource = DurationSource::Unknown;
        return true;
    }
    armDeadline(kScanBudget);
    std::int64_t packets = 0;
    const double end = readPacketsToEnd(&packets, error);
    if (packets < 0)
        return false;
    if (packets == 0) {
        setError(error, "The file contains no video data: it is truncated or corrupt.");
        return false;
    }
    if (std::isfinite(end) && !(format_->iformat->flags & AVFMT_NOTIMESTAMPS)) {
        info_.duration = end - info_.startTime;
    } else {
        // No timestamps at all (raw .h264/.hevc/.m4v): time is frame count / frame rate, and seeking by time is
        // meaningless, so the sampler decodes such files from the start.
        info_.startTime = 0.0;
        info_.duration = packets * frameDuration_;
        seekable_ = false;
    }
    info_.durationSource = DurationSource::Scanned;
    info_.frameCount = packets;
    info_.frameCountExact = true;
    armDeadline(kOpenBudget);
    return rewind(error);
}

// Container durations are the least reliable kind: audio that runs longer, muxers that store the end time instead of
// the length (mkv written with a timestamp offset), files cut short. Measure where the video really ends by reading
// the packets after the last keyframe (one GOP, no decoding) and trust that.
bool VideoDecoder::verifyContainerDuration(std::string* error)
{
    if (!seekable_ || info_.durationSource != DurationSource::Container)
        return true;
    const double claimedEnd = info_.startTime + info_.duration;
    if (av_seek_frame(format_.get(), streamIndex_, toStreamTs(claimedEnd), AVSEEK_FLAG_BACKWARD) < 0)
        return rewind(error);
    armDeadline(kScanBudget);
    std::int64_t packets = 0;
    const double measuredEnd = readPacketsToEnd(&packets, error);
    armDeadline(kOpenBudget);
    if (packets < 0 || !rewind(error))
        return false;
    if (packets == 0 || !std::isfinite(measuredEnd))
        return true; // nothing after the seek point: cannot tell, keep the container's word
    const double tolerance = std::max(1.0, 5.0 * frameDuration_);
    const double formatDuration = static_cast<double>(format_->duration) / AV_TIME_BASE;
    if (std::abs(measuredEnd - claimedEnd) <= tolerance)
        return true;
    if (measuredEnd > claimedEnd || std::abs(measuredEnd - formatDuration) <= tolerance || info_.hasAudio) {
        info_.duration = measuredEnd - info_.startTime;
        return true;
    }
    char buf[200];
    std::snprintf(buf, sizeof buf,
                  "The file is truncated: it says it lasts %.1f s but the video data stops at %.1f s.", info_.duration,
                  measuredEnd - info_.startTime);
    setError(error, buf);
    return false;
}

// A container index pointing past the end of the file means the file was cut (an mp4 with its moov atom in front,
// copied half-way): refuse it up front rather than failing later in the middle of a window.
bool VideoDecoder::checkIndexAgainstFileSize(std::string* error) const
{
    const int count = avformat_index_get_entries_count(stream_);
    const std::int64_t size = format_->pb ? avio_size(format_->pb) : -1;
    if (count <= 0 || size <= 0)
        return true;
    const AVIndexEntry* last = avformat_index_get_entry(stream_, count - 1);
    if (!last || last->pos < 0 || last->pos + last->size <= size)
        return true;
    // Find where the data stops, for the message.
    int lo = 0, hi = count - 1;
    while (lo < hi) {
        const int mid = (lo + hi) / 2;
        const AVIndexEntry* e = avformat_index_get_entry(stream_, mid);
        if (e->pos + e->size <= size)
            lo = mid + 1;
        else
            hi = mid;
    }
    const AVIndexEntry* cut = avformat_index_get_entry(stream_, lo);
    char buf[160];
    std::snprintf(buf, sizeof buf, "The file is truncated: its index lists %.1f s of video but the data stops at "
                                   "about %.1f s.",
                  info_.duration, std::max(0.0, toSeconds(cut->timestamp) - info_.startTime));
    setError(error, buf);
    return false;
}

bool VideoDecoder::decodeFirstFrame(std::string* error)
{
    DecodedFrame first;
    std::string why;
    countLeading_ = true;
    leadingNonKeyPackets_ = 0;
    const Result r = next(&first, &why);
    countLeading_ = false;
    if (r != Result::Frame) {
        setError(error, "The file is truncated or corrupt: no video frame could be decoded"
                            + (why.empty() ? std::string(".") : " (" + why + ")."));
        return false;
    }
    // A cut that starts before its first keyframe (an HLS segment, a stream-copied cut): the decoder had to skip the
    // non-key packets in front of it, which have no reference picture in this file. The file's timeline still starts
    // at its first packet (players count from there), so the origin stays and the first picture is shown from where
    // it is; requests before it get it, flagged as clamped.
    const bool leadingUndecodable = leadingNonKeyPackets_ > 0 && first.keyframe
        && first.pts > info_.startTime + 0.5 * frameDuration_;
    if (leadingUndecodable) {
        info_.firstFrameTime = first.pts - info_.startTime;
    } else {
        // Otherwise the first picture's real timestamp beats the container's start_time (edit lists, B-frame
        // delays).
        if (info_.durationSource == DurationSource::Scanned && !(format_->iformat->flags & AVFMT_NOTIMESTAMPS))
            info_.duration += info_.startTime - first.pts;
        info_.startTime = first.pts;
    }
    // The picture itself tells the truth about format and colour when the container did not.
    const AVFrame* f = first.frame.get();
    if (const char* name = av_get_pix_fmt_name(static_cast<AVPixelFormat>(f->format)))
        info_.pixelFormat = name;
    if (const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(f->format)))
        info_.bitDepth = desc->comp[0].depth;
    const AVCodecParameters* par = stream_->codecpar;
    colour_ = chooseColour(f->colorspace != AVCOL_SPC_UNSPECIFIED ? f->colorspace : par->color_space,
                           f->color_range != AVCOL_RANGE_UNSPECIFIED ? f->color_range : par->color_range, f->format);
    info_.colorSpace = colour_.name;
    info_.fullRange = colour_.fullRange;
    waiting_ = std::move(first);
    frameWaiting_ = true;
    atStart_ = true;
    return true;
}

} // namespace gitvqa
