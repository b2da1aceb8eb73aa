#pragma once
// A decoded frame as the preprocessing expects it: 8-bit RGB, rows packed without padding (stride = 3 * width).

#include <cstdint>
#include <vector>

namespace gitvqa {

struct RgbImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels; // size 3 * width * height, R G B per pixel, row-major

    bool isNull() const { return width <= 0 || height <= 0; }
    const std::uint8_t* row(int y) const { return pixels.data() + static_cast<std::size_t>(y) * 3 * width; }
};

} // namespace gitvqa
