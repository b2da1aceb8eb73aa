#pragma once
// Decoded picture (any pixel format, any bit depth) -> the RgbImage a viewer would show: YUV->RGB with the stream's
// own matrix and range, non-square pixels stretched to the display aspect, display-matrix rotation applied.

#include "media/rgb_image.h"

#include <string>

extern "C" {
struct AVFrame;
struct SwsContext;
}

namespace gitvqa {

// Which YUV->RGB matrix and range to use, and how to describe it to the user.
struct ColourChoice {
    int swsColorspace = 0; // SWS_CS_* constant for sws_getCoefficients
    bool fullRange = false;
    std::string name;      // "bt709", "bt470bg (assumed)", ...
};

// Picks the matrix from the frame's/stream's tags (AVColorSpace, AVColorRange as ints so that callers need no FFmpeg
// header). An unspecified matrix is BT.601 at every size, as FFmpeg's swscale decodes it for the ffmpeg CLI, PyAV and
// decord: the frames models are trained and evaluated on. yuvj* pixel formats imply full range.
ColourChoice chooseColour(int avColorSpace, int avColorRange, int avPixelFormat);

// How decoded pictures map to the display.
struct DisplayGeometry {
    int sarNum = 1;
    int sarDen = 1;
    int rotation = 0; // clockwise degrees: 0, 90, 180, 270
};

// Display size of a coded size: non-square pixels widen the picture (SAR > 1) or make it taller (SAR < 1), so no
// decoded pixel is thrown away; then 90/270 swap the sides.
void displaySize(int codedWidth, int codedHeight, const DisplayGeometry& geometry, int* width, int* height);

// Rotates packed RGB clockwise by 0/90/180/270 degrees (other values are treated as 0).
RgbImage rotateRgb(const RgbImage& in, int clockwiseDegrees);

// Accurate: full chroma interpolation + accurate rounding (swscale's generic path, within 1 level of exact, ~13 ms
// for a 1080p frame on one core). Fast: swscale's SIMD converter (~0.6 ms for 1080p; chroma taken per 2x2 block
// instead of interpolated, within 2 levels on flat colour, up to one chroma step at colour edges). Auto uses Accurate
// up to 1280x720 and Fast above, where the model's 224-pixel input averages the chroma differences away and the
// accurate path would cost more than the decoding of the frames themselves. Scaled output (thumbnails) always
// interpolates.
enum class ConversionQuality { Auto, Fast, Accurate };

class FrameConverter {
public:
    FrameConverter() = default;
    void setQuality(ConversionQuality quality) { quality_ = quality; }
    ConversionQuality quality() const { return quality_; }
    ~FrameConverter();
    FrameConverter(const FrameConverter&) = delete;
    FrameConverter& operator=(const FrameConverter&) = delete;

    // maxWidth 0 keeps the full display size; otherwise the result is scaled down (aspect kept) so that its width,
    // after rotation, is at most maxWidth. `colourFallback` supplies the stream's tags for frames that carry none.
    bool convert(const AVFrame* frame, const DisplayGeometry& geometry, const ColourChoice& colourFallback,
                 int maxWidth, RgbImage* out, std::string* error);

private:
    SwsContext* sws_ = nullptr; // reused across frames of the same size/format (sws_getCachedContext)
    ConversionQuality quality_ = ConversionQuality::Auto;
};

} // namespace gitvqa
