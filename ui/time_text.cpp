#include "ui/time_text.h"

#include "service/segment_spec.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace gitvqa {

QString preciseTimestamp(double seconds)
{
    seconds = std::max(0.0, seconds);
    const int hundredths = int(std::floor((seconds - std::floor(seconds)) * 100.0 + 1e-6)) % 100;
    return QStringLiteral("%1.%2").arg(formatTimestamp(seconds)).arg(hundredths, 2, 10, QLatin1Char('0'));
}

QString timeSpan(double start, double end)
{
    return QCoreApplication::translate("gitvqa::TimeText", "%1–%2").arg(formatTimestamp(start), formatTimestamp(end));
}

} // namespace gitvqa
