#pragma once
// Pure time arithmetic for frame sampling: where a window lies in a video and which instants inside it to show.
// No FFmpeg here, so the rules are unit-tested on their own. Times are seconds from the start of the video.

#include <vector>

namespace gitvqa {

struct TimeWindow {
    double start = 0.0;
    double end = 0.0;
    double width() const { return end - start; }
};

// Moves [start, end] so that it lies inside [0, duration], keeping its width when the video is long enough; a window
// at least as long as the video becomes the whole video. duration <= 0 means unknown: only the start is clamped.
// Expects start <= end (callers validate).
TimeWindow fitWindow(double start, double end, double duration);

// The window of `width` seconds centred on t, then fitted: at t = 0.2, width = 4 it is [0, 4].
TimeWindow windowAround(double t, double width, double duration);

// The centres of `count` equal sub-intervals of the window, ascending: for [0, 6] and 3 that is 1, 3, 5. Centres
// rather than edges so that no sample sits on the very first or last instant, where a video often fades.
std::vector<double> sampleTimes(const TimeWindow& window, int count);

} // namespace gitvqa
