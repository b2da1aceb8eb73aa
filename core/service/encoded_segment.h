#pragma once
// One segment sampled and encoded for one model: what a question needs (the visual context) and what the chat shows
// about it (where the frames came from, small pictures of them).

#include "engine/visual_context.h"

#include <QImage>
#include <QVector>

#include <memory>

namespace gitvqa {

struct EncodedSegment {
    std::shared_ptr<const VisualContext> context;
    double start = 0.0;              // the window sampled, seconds (after shifting inside the video)
    double end = 0.0;
    QVector<double> requestedTimes;  // the centres of the window's equal parts
    QVector<double> frameTimes;      // presentation times of the frames returned
    QVector<bool> clamped;           // per frame: its requested time lay before the first decodable picture of a cut
                                     // that starts before its first keyframe, so that picture (later) was used
    QVector<QImage> thumbnails;      // the frames, about 96 px tall
    double samplingMs = 0.0;         // decoding + colour conversion
    double preprocessMs = 0.0;       // resize, crop, normalise
    double encodingMs = 0.0;         // vision encoder + image K/V
    int framesReused = 0;            // frames whose vision tokens came from an earlier segment (FrameFeatureCache)

    std::int64_t bytes() const
    {
        std::int64_t n = context ? context->bytes() : 0;
        for (const QImage& t : thumbnails)
            n += t.sizeInBytes();
        return n;
    }
};

} // namespace gitvqa
