#pragma once
// Pillow's Image.resize() for 8-bit RGB, reproduced bit for bit.
//
// Hugging Face's "slow" image processors (CLIPImageProcessor, VideoMAEImageProcessor) resize with Pillow, and the
// GIT checkpoints were trained and evaluated on those pixels; any other resampler (Qt's smooth scaling, swscale,
// torchvision's antialias) differs by a uint8 level here and there. This file follows Pillow's libImaging
// (Resample.c for the convolution filters, Geometry.c's ImagingScaleAffine for NEAREST): fixed-point weights with
// 22 fractional bits, horizontal pass first into a uint8 intermediate, then the vertical pass.

#include "media/rgb_image.h"

namespace gitvqa {

// Values are Pillow's Image.Resampling numbers, which is what preprocessor_config.json stores under "resample".
enum class PillowFilter : int {
    Nearest = 0,
    Lanczos = 1,
    Bilinear = 2,
    Bicubic = 3,
    Box = 4,
    Hamming = 5,
};

// "nearest", "bicubic", ...; "unknown" for a value outside the enum.
const char* pillowFilterName(PillowFilter filter);
// True for 0..5.
bool isValidPillowFilter(int value);

// A window in output coordinates (of the image as if it had been resized in full).
struct PixelRect {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
};

// Image.resize((outWidth, outHeight), filter) with reducing_gap=None. Returns a copy when the size is unchanged,
// as Pillow does. Throws std::invalid_argument for a null image, a non-positive size or an unknown filter.
RgbImage pillowResize(const RgbImage& src, int outWidth, int outHeight, PillowFilter filter);

// Only `region` (which must lie inside outWidth x outHeight) of the resized image. Every output pixel of Pillow's
// two passes depends only on its own weights, so this equals cropping pillowResize()'s result exactly while skipping
// the columns and rows a centre crop throws away.
RgbImage pillowResizeRegion(const RgbImage& src, int outWidth, int outHeight, PillowFilter filter,
                            const PixelRect& region);

} // namespace gitvqa
