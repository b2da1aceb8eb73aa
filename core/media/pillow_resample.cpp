#include "media/pillow_resample.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

// Expressions below are written in the same order as Pillow's C so that the double-precision weights round the
// same way; the target is compiled with -ffp-contract=off so no FMA can merge them differently.

namespace gitvqa {
namespace {

// Pillow: 32 - 8 bits of result - 2 bits of headroom for negative lobes and sums above 1.
constexpr int kPrecisionBits = 32 - 8 - 2;
constexpr double kPi = 3.14159265358979323846; // M_PI

double boxFilter(double x)
{
    return (x > -0.5 && x <= 0.5) ? 1.0 : 0.0;
}

double bilinearFilter(double x)
{
    if (x < 0.0)
        x = -x;
    return x < 1.0 ? 1.0 - x : 0.0;
}

double hammingFilter(double x)
{
    if (x < 0.0)
        x = -x;
    if (x == 0.0)
        return 1.0;
    if (x >= 1.0)
        return 0.0;
    x = x * kPi;
    // Pillow writes the constants as float literals; they are promoted, not rounded to 0.54/0.46 doubles.
    return std::sin(x) / x * (0.54f + 0.46f * std::cos(x));
}

double bicubicFilter(double x)
{
    constexpr double a = -0.5;
    if (x < 0.0)
        x = -x;
    if (x < 1.0)
        return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
    if (x < 2.0)
        return (((x - 5) * x + 8) * x - 4) * a;
    return 0.0;
}

double sincFilter(double x)
{
    if (x == 0.0)
        return 1.0;
    x = x * kPi;
    return std::sin(x) / x;
}

double lanczosFilter(double x)
{
    if (-3.0 <= x && x < 3.0)
        return sincFilter(x) * sincFilter(x / 3);
    return 0.0;
}

struct FilterSpec {
    double (*fn)(double);
    double support;
};

FilterSpec filterSpec(PillowFilter filter)
{
    switch (filter) {
    case PillowFilter::Box: return {boxFilter, 0.5};
    case PillowFilter::Bilinear: return {bilinearFilter, 1.0};
    case PillowFilter::Hamming: return {hammingFilter, 1.0};
    case PillowFilter::Bicubic: return {bicubicFilter, 2.0};
    case PillowFilter::Lanczos: return {lanczosFilter, 3.0};
    case PillowFilter::Nearest: break;
    }
    throw std::invalid_argument("pillowResize: filter has no convolution kernel");
}

// Fixed-point weights for output indices [first, first + count) of one axis (Pillow's precompute_coeffs followed by
// normalize_coeffs_8bpc). Computing a sub-range gives the same numbers as computing all of them.
struct AxisWeights {
    int taps = 0;                   // stride of `coeffs` (Pillow's ksize)
    std::vector<int> start;         // first input index per output index (xmin)
    std::vector<int> length;        // number of input indices used (Pillow's "xmax", a count)
    std::vector<std::int32_t> coeffs;
};

AxisWeights computeAxisWeights(int inSize, int outSize, int first, int count, const FilterSpec& spec)
{
    // Pillow computes (double)(in1 - in0) with float box coordinates; for any realistic size that is exact.
    const double scale = static_cast<double>(static_cast<float>(inSize) - 0.0f) / outSize;
    const double filterscale = scale < 1.0 ? 1.0 : scale;
    const double support = spec.support * filterscale;
    const double ss = 1.0 / filterscale;

    AxisWeights w;
    w.taps = static_cast<int>(std::ceil(support)) * 2 + 1;
    w.start.resize(count);
    w.length.resize(count);
    w.coeffs.assign(static_cast<std::size_t>(count) * w.taps, 0);
    std::vector<double> k(w.taps);

    for (int i = 0; i < count; ++i) {
        const int xx = first + i;
        const double center = 0.0 + (xx + 0.5) * scale;
        int xmin = static_cast<int>(center - support + 0.5);
        if (xmin < 0)
            xmin = 0;
        int xmax = static_cast<int>(center + support + 0.5);
        if (xmax > inSize)
            xmax = inSize;
        xmax -= xmin;
        // A degenerate window cannot happen for sizes >= 1, but the taps loop below must never overrun.
        xmax = std::clamp(xmax, 0, w.taps);

        double ww = 0.0;
        for (int x = 0; x < xmax; ++x) {
            const double v = spec.fn((x + xmin - center + 0.5) * ss);
            k[x] = v;
            ww += v;
        }
        std::int32_t* out = &w.coeffs[static_cast<std::size_t>(i) * w.taps];
        for (int x = 0; x < xmax; ++x) {
            double v = k[x];
            if (ww != 0.0)
                v /= ww;
            // Pillow rounds half away from zero by truncating v*2^22 +/- 0.5.
            out[x] = v < 0 ? static_cast<std::int32_t>(-0.5 + v * (1 << kPrecisionBits))
                           : static_cast<std::int32_t>(0.5 + v * (1 << kPrecisionBits));
        }
        w.start[i] = xmin;
        w.length[i] = xmax;
    }
    return w;
}

// Pillow's clip8: the accumulator already holds the +0.5 rounding term; an arithmetic shift floors it.
inline std::uint8_t clip8(std::int32_t acc)
{
    const std::int32_t v = acc >> kPrecisionBits;
    return static_cast<std::uint8_t>(v < 0 ? 0 : (v > 255 ? 255 : v));
}

constexpr std::int32_t kRoundingHalf = 1 << (kPrecisionBits - 1);

// Rows of interleaved RGB: `rows` rows starting at `src`, `srcStride` bytes apart, resampled along x into `dst`.
void horizontalPass(const std::uint8_t* src, std::size_t srcStride, int rows, const AxisWeights& w,
                    std::uint8_t* dst, std::size_t dstStride)
{
    const int outWidth = static_cast<int>(w.start.size());
    for (int y = 0; y < rows; ++y) {
        const std::uint8_t* in = src + y * srcStride;
        std::uint8_t* out = dst + y * dstStride;
        for (int xx = 0; xx < outWidth; ++xx) {
            const std::uint8_t* p = in + 3 * static_cast<std::size_t>(w.start[xx]);
            const std::int32_t* k = &w.coeffs[static_cast<std::size_t>(xx) * w.taps];
            const int n = w.length[xx];
            std::int32_t s0 = kRoundingHalf, s1 = kRoundingHalf, s2 = kRoundingHalf;
            for (int x = 0; x < n; ++x) {
                const std::int32_t kx = k[x];
                s0 += p[3 * x + 0] * kx;
                s1 += p[3 * x + 1] * kx;
                s2 += p[3 * x + 2] * kx;
            }
            out[3 * xx + 0] = clip8(s0);
            out[3 * xx + 1] = clip8(s1);
            out[3 * xx + 2] = clip8(s2);
        }
    }
}

// Resamples along y. `w.start` is relative to `src`. Accumulating whole rows keeps the inner loop contiguous
// (and vectorisable); the sum per pixel is the same integer as Pillow's pixel-by-pixel loop.
void verticalPass(const std::uint8_t* src, std::size_t srcStride, int rowBytes, const AxisWeights& w,
                  std::uint8_t* dst, std::size_t dstStride)
{
    const int outHeight = static_cast<int>(w.start.size());
    std::vector<std::int32_t> acc(rowBytes);
    for (int yy = 0; yy < outHeight; ++yy) {
        std::fill(acc.begin(), acc.end(), kRoundingHalf);
        const std::int32_t* k = &w.coeffs[static_cast<std::size_t>(yy) * w.taps];
        const int n = w.length[yy];
        for (int y = 0; y < n; ++y) {
            const std::uint8_t* in = src + static_cast<std::size_t>(w.start[yy] + y) * srcStride;
            const std::int32_t ky = k[y];
            std::int32_t* a = acc.data();
            for (int b = 0; b < rowBytes; ++b)
                a[b] += in[b] * ky;
        }
        std::uint8_t* out = dst + yy * dstStride;
        for (int b = 0; b < rowBytes; ++b)
            out[b] = clip8(acc[b]);
    }
}

// Pillow's COORD(): negative coordinates map to -1 (outside), others truncate.
inline int pillowCoord(double v)
{
    return v < 0.0 ? -1 : static_cast<int>(v);
}

// NEAREST goes through ImagingScaleAffine, which steps the source coordinate by repeated addition (not by
// multiplication), so the accumulated rounding decides ties; reproduce the same additions from index 0.
RgbImage nearestRegion(const RgbImage& src, int outWidth, int outHeight, const PixelRect& r)
{
    const double ax = static_cast<double>(static_cast<float>(src.width) - 0.0f) / outWidth;
    const double ay = static_cast<double>(static_cast<float>(src.height) - 0.0f) / outHeight;

    std::vector<int> xin(r.width, -1);
    double xo = 0.0 + ax * 0.5;
    for (int x = 0; x < r.x + r.width; ++x) {
        if (x >= r.x) {
            const int xi = pillowCoord(xo);
            xin[x - r.x] = (xi >= 0 && xi < src.width) ? xi : -1;
        }
        xo += ax;
    }

    RgbImage out;
    out.width = r.width;
    out.height = r.height;
    out.pixels.assign(static_cast<std::size_t>(3) * r.width * r.height, 0); // Pillow fills with 0 ("fill" = 1)
    double yo = 0.0 + ay * 0.5;
    for (int y = 0; y < r.y + r.height; ++y) {
        if (y >= r.y) {
            const int yi = pillowCoord(yo);
            if (yi >= 0 && yi < src.height) {
                const std::uint8_t* in = src.row(yi);
                std::uint8_t* o = out.pixels.data() + static_cast<std::size_t>(y - r.y) * 3 * r.width;
                for (int x = 0; x < r.width; ++x) {
                    if (xin[x] >= 0)
                        std::memcpy(o + 3 * x, in + 3 * xin[x], 3);
                }
            }
        }
        yo += ay;
    }
    return out;
}

RgbImage copyRegion(const RgbImage& src, const PixelRect& r)
{
    RgbImage out;
    out.width = r.width;
    out.height = r.height;
    out.pixels.resize(static_cast<std::size_t>(3) * r.width * r.height);
    for (int y = 0; y < r.height; ++y)
        std::memcpy(out.pixels.data() + static_cast<std::size_t>(y) * 3 * r.width, src.row(r.y + y) + 3 * r.x,
                    static_cast<std::size_t>(3) * r.width);
    return out;
}

void validate(const RgbImage& src, int outWidth, int outHeight, PillowFilter filter, const PixelRect& region)
{
    if (src.isNull() || src.pixels.size() < static_cast<std::size_t>(3) * src.width * src.height)
        throw std::invalid_argument("pillowResize: source image is empty or its pixel buffer is too small");
    if (outWidth <= 0 || outHeight <= 0)
        throw std::invalid_argument("pillowResize: target size must be positive, got " + std::to_string(outWidth) +
                                    "x" + std::to_string(outHeight));
    if (!isValidPillowFilter(static_cast<int>(filter)))
        throw std::invalid_argument("pillowResize: unknown filter " + std::to_string(static_cast<int>(filter)));
    if (region.x < 0 || region.y < 0 || region.width <= 0 || region.height <= 0 ||
        region.x + region.width > outWidth || region.y + region.height > outHeight)
        throw std::invalid_argument("pillowResize: region lies outside the target size");
}

} // namespace

const char* pillowFilterName(PillowFilter filter)
{
    switch (filter) {
    case PillowFilter::Nearest: return "nearest";
    case PillowFilter::Lanczos: return "lanczos";
    case PillowFilter::Bilinear: return "bilinear";
    case PillowFilter::Bicubic: return "bicubic";
    case PillowFilter::Box: return "box";
    case PillowFilter::Hamming: return "hamming";
    }
    return "unknown";
}

bool isValidPillowFilter(int value)
{
    return value >= 0 && value <= 5;
}

RgbImage pillowResize(const RgbImage& src, int outWidth, int outHeight, PillowFilter filter)
{
    return pillowResizeRegion(src, outWidth, outHeight, filter, PixelRect{0, 0, outWidth, outHeight});
}

RgbImage pillowResizeRegion(const RgbImage& src, int outWidth, int outHeight, PillowFilter filter,
                            const PixelRect& region)
{
    validate(src, outWidth, outHeight, filter, region);

    // Image.resize returns a copy when the size does not change, whatever the filter.
    if (outWidth == src.width && outHeight == src.height)
        return copyRegion(src, region);
    if (filter == PillowFilter::Nearest)
        return nearestRegion(src, outWidth, outHeight, region);

    const FilterSpec spec = filterSpec(filter);
    // Pillow skips a pass whose axis keeps its size (an identity pass would not change a pixel anyway).
    const bool needHorizontal = outWidth != src.width;
    const bool needVertical = outHeight != src.height;

    AxisWeights vert;
    int rowFirst = region.y;
    int rowLast = region.y + region.height; // exclusive
    if (needVertical) {
        vert = computeAxisWeights(src.height, outHeight, region.y, region.height, spec);
        rowFirst = vert.start.front();
        rowLast = vert.start.back() + vert.length.back();
        for (int& s : vert.start)
            s -= rowFirst;
    }

    // Stage 1: the source rows the vertical pass reads, restricted to the region's columns.
    const std::uint8_t* stage = nullptr;
    std::size_t stageStride = 0;
    std::vector<std::uint8_t> temp;
    const int rowBytes = 3 * region.width;
    if (needHorizontal) {
        const AxisWeights horiz = computeAxisWeights(src.width, outWidth, region.x, region.width, spec);
        temp.resize(static_cast<std::size_t>(rowLast - rowFirst) * rowBytes);
        horizontalPass(src.row(rowFirst), static_cast<std::size_t>(3) * src.width, rowLast - rowFirst, horiz,
                       temp.data(), rowBytes);
        stage = temp.data();
        stageStride = rowBytes;
    } else {
        stage = src.row(rowFirst) + 3 * static_cast<std::size_t>(region.x);
        stageStride = static_cast<std::size_t>(3) * src.width;
    }

    RgbImage out;
    out.width = region.width;
    out.height = region.height;
    out.pixels.resize(static_cast<std::size_t>(rowBytes) * region.height);
    if (needVertical) {
        verticalPass(stage, stageStride, rowBytes, vert, out.pixels.data(), rowBytes);
    } else {
        for (int y = 0; y < region.height; ++y)
            std::memcpy(out.pixels.data() + static_cast<std::size_t>(y) * rowBytes, stage + y * stageStride,
                        rowBytes);
    }
    return out;
}

} // namespace gitvqa
