#pragma once
// Shared by video_decoder.cpp and video_decoder_info.cpp only (not part of the media API).

extern "C" {
#include <libavutil/error.h>
}

#include <chrono>
#include <string>

namespace gitvqa::detail {

// Bounds that turn a corrupt file into an error instead of an endless loop.
constexpr int kMaxPacketsWithoutPicture = 4000; // > any sane GOP a decoder may skip after a seek
constexpr int kMaxConsecutiveDecodeErrors = 500;
constexpr int kMaxReadRetries = 100;            // EAGAIN from the demuxer
constexpr auto kOpenBudget = std::chrono::seconds(30);
constexpr auto kScanBudget = std::chrono::seconds(120);

inline std::string avError(int code)
{
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, buf, sizeof buf);
    return buf;
}

inline void setError(std::string* error, std::string message)
{
    if (error)
        *error = std::move(message);
}

} // namespace gitvqa::detail
