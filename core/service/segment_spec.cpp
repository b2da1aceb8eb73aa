#include "service/segment_spec.h"

#include <cmath>

namespace gitvqa {

QString formatTimestamp(double seconds)
{
    const qint64 total = static_cast<qint64>(std::floor(std::max(0.0, seconds)));
    const qint64 h = total / 3600, m = (total / 60) % 60, s = total % 60;
    if (h > 0)
        return QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, QLatin1Char('0')).arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m, 2, 10, QLatin1Char('0')).arg(s, 2, 10, QLatin1Char('0'));
}

QString SegmentSpec::describe() const
{
    if (mode == Mode::Range)
        return formatTimestamp(start) + QStringLiteral("–") + formatTimestamp(end);
    return QStringLiteral("%1 s around %2").arg(width).arg(formatTimestamp(at));
}

} // namespace gitvqa
