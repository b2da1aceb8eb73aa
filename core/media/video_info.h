#pragma once
// What the sampler learned about a video when it opened it. Plain data, no FFmpeg types, so the UI and the CLI can
// show it without including FFmpeg headers.
//
// Time convention used everywhere in the media layer's public API: seconds from the start of the video, where 0 is
// the presentation time of the first frame (the stream's start_time). Raw stream timestamps appear only in
// startTime, so callers never have to care that an MPEG-TS or a cut mp4 starts at 1.4 s or 10 h.

#include <cstdint>
#include <string>

namespace gitvqa {

enum class DurationSource {
    Stream,    // the video stream's own duration field
    Container, // the container's overall duration, checked at open against the video's last packets and
               // corrected when the video really ends elsewhere (audio running longer, end time stored as length)
    Scanned,   // neither was usable: read every packet once at open time and took the last timestamp
    Unknown,   // could not be determined (e.g. a non-seekable pipe); windows are then not clamped at the end
};

struct VideoInfo {
    std::string path;
    std::string containerName; // FFmpeg demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"
    std::string codecName;     // FFmpeg codec name, e.g. "h264", "vp9", "mpeg4", "mjpeg"
    std::string pixelFormat;   // e.g. "yuv420p", "yuv420p10le", "yuvj422p"

    double duration = 0.0;     // seconds; 0 when unknown (see durationSource)
    DurationSource durationSource = DurationSource::Unknown;
    double startTime = 0.0;    // presentation time of the first frame in stream seconds (often 0, not always)
    // Seconds from the start where the first picture that can be decoded is shown. 0 except for a cut that begins
    // before its first keyframe (an HLS segment, a stream-copied cut): its leading frames reference pictures the
    // file does not have, so players show it from the first keyframe, and so does the sampler, flagging the
    // requested times before it as clamped (SampledFrame::clamped).
    double firstFrameTime = 0.0;

    double frameRate = 0.0;    // average frames per second (avg_frame_rate, else r_frame_rate, else estimated)
    std::int64_t frameCount = 0; // from the container when it says, else round(duration * frameRate)
    bool frameCountExact = false;

    int codedWidth = 0;        // size of the decoded picture
    int codedHeight = 0;
    int sarNum = 1;            // sample (pixel) aspect ratio; 1:1 when unspecified
    int sarDen = 1;
    int rotation = 0;          // clockwise degrees (0, 90, 180, 270) applied to decoded pictures for display
    int width = 0;             // display size: coded size with non-square pixels widened, then rotated
    int height = 0;

    int bitDepth = 8;          // bits per component of the decoded picture
    std::string colorSpace;    // matrix used for YUV -> RGB, e.g. "bt709", "bt470bg (assumed)" when unspecified
    bool fullRange = false;    // JPEG/full range (0-255) instead of limited (16-235)
    bool hasAudio = false;
};

} // namespace gitvqa
