#pragma once
// Which part of the video a question is about: a window of `width` seconds around a time (the playhead), or an
// explicit [start, end] (a marked segment). The sampler shifts windows to lie inside the video.

#include <QMetaType>
#include <QString>

namespace gitvqa {

struct SegmentSpec {
    enum class Mode { Around, Range };
    Mode mode = Mode::Around;
    double at = 0.0;     // Around: centre time, seconds
    double width = 10.0; // Around: window width; 10 s suits GIT's MSRVTT fine-tuning (clips of 10-30 s)
    double start = 0.0;  // Range
    double end = 0.0;    // Range

    static SegmentSpec around(double t, double width) { return {Mode::Around, t, width, 0, 0}; }
    static SegmentSpec range(double a, double b) { return {Mode::Range, 0, 0, a, b}; }
    QString describe() const;
};

// The window actually sampled (after shifting inside the video) and the frame times used.
struct ResolvedSegment {
    double start = 0.0;
    double end = 0.0;
};

QString formatTimestamp(double seconds); // "00:41" or "1:02:03"

} // namespace gitvqa

Q_DECLARE_METATYPE(gitvqa::SegmentSpec)
