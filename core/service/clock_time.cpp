#include "service/clock_time.h"

#include <QStringList>

#include <cmath>

namespace gitvqa {

bool parseClockTime(const QString& text, double* seconds)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return false;
    const QStringList parts = trimmed.split(QLatin1Char(':'));
    if (parts.size() > 3)
        return false;
    double total = 0;
    for (const QString& part : parts) {
        bool ok = false;
        const double v = part.trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(v) || v < 0)
            return false;
        total = total * 60 + v;
    }
    *seconds = total;
    return true;
}

} // namespace gitvqa
