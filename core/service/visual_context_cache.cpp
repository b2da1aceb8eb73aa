#include "service/visual_context_cache.h"

namespace gitvqa {

QString VisualContextCache::key(const QString& videoPath, double start, double end, int frames, const QString& modelId,
                                const QString& dtype)
{
    // Millisecond resolution: two requests for "the same" window from slightly different float math must meet.
    return QStringLiteral("%1|%2|%3|%4|%5|%6")
        .arg(videoPath)
        .arg(qRound64(start * 1000))
        .arg(qRound64(end * 1000))
        .arg(frames)
        .arg(modelId, dtype);
}

} // namespace gitvqa
