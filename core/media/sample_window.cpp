#include "media/sample_window.h"

#include <algorithm>

namespace gitvqa {

TimeWindow fitWindow(double start, double end, double duration)
{
    const double width = std::max(0.0, end - start);
    if (duration <= 0.0) {
        const double s = std::max(0.0, start);
        return {s, s + width};
    }
    if (width >= duration)
        return {0.0, duration};
    double s = start;
    if (s < 0.0)
        s = 0.0;
    if (s + width > duration)
        s = duration - width;
    return {s, s + width};
}

TimeWindow windowAround(double t, double width, double duration)
{
    const double w = std::max(0.0, width);
    return fitWindow(t - w / 2.0, t + w / 2.0, duration);
}

std::vector<double> sampleTimes(const TimeWindow& window, int count)
{
    std::vector<double> times;
    if (count <= 0)
        return times;
    times.reserve(static_cast<std::size_t>(count));
    const double step = window.width() / count;
    for (int i = 0; i < count; ++i)
        times.push_back(window.start + (i + 0.5) * step);
    return times;
}

} // namespace gitvqa
