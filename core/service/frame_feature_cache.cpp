#include "service/frame_feature_cache.h"

namespace gitvqa {

QString FrameFeatureCache::key(const QString& videoIdentity, double pts, const QString& modelId, const QString& device,
                               const QString& dtype)
{
    // Microseconds: finer than any frame interval, coarse enough that the same pts computed twice meets itself.
    return QStringLiteral("%1|%2|%3|%4|%5").arg(videoIdentity).arg(qRound64(pts * 1e6)).arg(modelId, device, dtype);
}

} // namespace gitvqa
