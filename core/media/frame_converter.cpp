#include "media/frame_converter.h"

extern "C" {
#include <libavutil/frame.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

#include <algorithm>
#include <cmath>
#include <cstring>

namespace gitvqa {

namespace {

bool isJpegPixelFormat(int fmt)
{
    switch (fmt) {
    case AV_PIX_FMT_YUVJ420P:
    case AV_PIX_FMT_YUVJ422P:
    case AV_PIX_FMT_YUVJ444P:
    case AV_PIX_FMT_YUVJ440P:
    case AV_PIX_FMT_YUVJ411P:
        return true;
    default:
        return false;
    }
}

// Maps a tagged AVColorSpace to swscale's constant; -1 when the tag says nothing usable.
int swsColorspaceFor(int avColorSpace, const char** name)
{
    switch (avColorSpace) {
    case AVCOL_SPC_BT709: *name = "bt709"; return SWS_CS_ITU709;
    case AVCOL_SPC_FCC: *name = "fcc"; return SWS_CS_FCC;
    case AVCOL_SPC_BT470BG: *name = "bt470bg"; return SWS_CS_ITU601;
    case AVCOL_SPC_SMPTE170M: *name = "smpte170m"; return SWS_CS_SMPTE170M;
    case AVCOL_SPC_SMPTE240M: *name = "smpte240m"; return SWS_CS_SMPTE240M;
    case AVCOL_SPC_BT2020_NCL: *name = "bt2020nc"; return SWS_CS_BT2020;
    case AVCOL_SPC_BT2020_CL: *name = "bt2020c"; return SWS_CS_BT2020; // constant luminance: NCL matrix is the closest swscale has
    default: return -1;
    }
}

} // namespace

ColourChoice chooseColour(int avColorSpace, int avColorRange, int avPixelFormat)
{
    ColourChoice c;
    const char* name = nullptr;
    c.swsColorspace = swsColorspaceFor(avColorSpace, &name);
    if (c.swsColorspace < 0) {
        // Players guess BT.709 when width >= 1280 || height > 576; that rule made a portrait 360x640 clip "HD" and
        // shifted its reds by 20 levels from what the model expects (issue 15, shapes-clips video8.mp4).
        c.swsColorspace = SWS_CS_ITU601;
        c.name = "bt470bg (assumed)";
    } else {
        c.name = name;
    }
    c.fullRange = avColorRange == AVCOL_RANGE_JPEG || isJpegPixelFormat(avPixelFormat);
    return c;
}

void displaySize(int codedWidth, int codedHeight, const DisplayGeometry& g, int* width, int* height)
{
    double w = codedWidth, h = codedHeight;
    if (g.sarNum > 0 && g.sarDen > 0 && g.sarNum != g.sarDen) {
        const double sar = static_cast<double>(g.sarNum) / g.sarDen;
        if (sar > 1.0)
            w *= sar;
        else
            h /= sar;
    }
    int dw = std::max(1, static_cast<int>(std::lround(w)));
    int dh = std::max(1, static_cast<int>(std::lround(h)));
    if (g.rotation == 90 || g.rotation == 270)
        std::swap(dw, dh);
    *width = dw;
    *height = dh;
}

RgbImage rotateRgb(const RgbImage& in, int clockwiseDegrees)
{
    if (clockwiseDegrees != 90 && clockwiseDegrees != 180 && clockwiseDegrees != 270)
        return in;
    RgbImage out;
    const int w = in.width, h = in.height;
    const bool swap = clockwiseDegrees != 180;
    out.width = swap ? h : w;
    out.height = swap ? w : h;
    out.pixels.resize(in.pixels.size());
    const std::uint8_t* src = in.pixels.data();
    std::uint8_t* dst = out.pixels.data();
    const std::size_t ow = static_cast<std::size_t>(out.width);
    // Tiles keep both the reads and the scattered writes of a 90-degree turn inside the cache.
    constexpr int kTile = 32;
    for (int ty = 0; ty < h; ty += kTile) {
        for (int tx = 0; tx < w; tx += kTile) {
            const int yEnd = std::min(h, ty + kTile), xEnd = std::min(w, tx + kTile);
            for (int y = ty; y < yEnd; ++y) {
                const std::uint8_t* s = src + (static_cast<std::size_t>(y) * w + tx) * 3;
                for (int x = tx; x < xEnd; ++x, s += 3) {
                    int ox, oy;
                    if (clockwiseDegrees == 90) { ox = h - 1 - y; oy = x; }
                    else if (clockwiseDegrees == 270) { ox = y; oy = w - 1 - x; }
                    else { ox = w - 1 - x; oy = h - 1 - y; }
                    std::uint8_t* d = dst + (static_cast<std::size_t>(oy) * ow + ox) * 3;
                    d[0] = s[0];
                    d[1] = s[1];
                    d[2] = s[2];
                }
            }
        }
    }
    return out;
}

FrameConverter::~FrameConverter()
{
    sws_freeContext(sws_);
}

bool FrameConverter::convert(const AVFrame* frame, const DisplayGeometry& geometry, const ColourChoice& fallback,
                             int maxWidth, RgbImage* out, std::string* error)
{
    if (!frame || frame->width <= 0 || frame->height <= 0 || frame->format < 0) {
        if (error)
            *error = "The decoder returned an empty picture.";
        return false;
    }

    // Final size after SAR and rotation, then capped; the scaler produces the pre-rotation size of that.
    int finalW = 0, finalH = 0;
    displaySize(frame->width, frame->height, geometry, &finalW, &finalH);
    if (maxWidth > 0 && finalW > maxWidth) {
        finalH = std::max(1, static_cast<int>(std::lround(static_cast<double>(finalH) * maxWidth / finalW)));
        finalW = maxWidth;
    }
    const bool swap = geometry.rotation == 90 || geometry.rotation == 270;
    const int scaledW = swap ? finalH : finalW;
    const int scaledH = swap ? finalW : finalH;

    // See ConversionQuality for the trade-off. Without ACCURATE_RND swscale picks its SIMD converter and ignores
    // FULL_CHR_H_INT, so the two flags only make sense together.
    bool accurate = quality_ == ConversionQuality::Accurate;
    if (quality_ == ConversionQuality::Auto)
        accurate = static_cast<long>(frame->width) * frame->height <= 1280L * 720L;
    const int flags = accurate ? SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT : SWS_BICUBIC;
    const auto srcFormat = static_cast<AVPixelFormat>(frame->format);
    sws_ = sws_getCachedContext(sws_, frame->width, frame->height, srcFormat, scaledW, scaledH, AV_PIX_FMT_RGB24,
                                flags, nullptr, nullptr, nullptr);
    if (!sws_) {
        if (error) {
            const char* fmtName = av_get_pix_fmt_name(srcFormat);
            *error = std::string("Cannot convert pictures in pixel format ") + (fmtName ? fmtName : "?") + " to RGB.";
        }
        return false;
    }

    // Tags on the frame (from the bitstream) win over the stream's; each one independently.
    ColourChoice colour = fallback;
    if (frame->colorspace != AVCOL_SPC_UNSPECIFIED || frame->color_range != AVCOL_RANGE_UNSPECIFIED) {
        const ColourChoice own = chooseColour(frame->colorspace, frame->color_range, frame->format);
        if (frame->colorspace != AVCOL_SPC_UNSPECIFIED)
            colour.swsColorspace = own.swsColorspace;
        if (frame->color_range != AVCOL_RANGE_UNSPECIFIED || own.fullRange)
            colour.fullRange = own.fullRange;
    }
    const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(srcFormat);
    const bool srcIsRgb = desc && (desc->flags & AV_PIX_FMT_FLAG_RGB);
    if (!srcIsRgb) {
        // Output is full-range RGB; the destination table is unused for RGB output but must be valid.
        sws_setColorspaceDetails(sws_, sws_getCoefficients(colour.swsColorspace), colour.fullRange ? 1 : 0,
                                 sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
    }

    RgbImage scaled;
    scaled.width = scaledW;
    scaled.height = scaledH;
    scaled.pixels.resize(static_cast<std::size_t>(scaledW) * scaledH * 3);
    std::uint8_t* dstData[4] = {scaled.pixels.data(), nullptr, nullptr, nullptr};
    int dstStride[4] = {scaledW * 3, 0, 0, 0};
    const int rows = sws_scale(sws_, frame->data, frame->linesize, 0, frame->height, dstData, dstStride);
    if (rows <= 0) {
        if (error)
            *error = "Converting the picture to RGB failed.";
        return false;
    }
    *out = swap || geometry.rotation == 180 ? rotateRgb(scaled, geometry.rotation) : std::move(scaled);
    return true;
}

} // namespace gitvqa
