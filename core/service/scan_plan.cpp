#include "service/scan_plan.h"

#include "service/segment_spec.h"

#include <QStringList>

#include <cmath>

namespace gitvqa {

QVector<TimeWindow> planScanWindows(double from, double to, double width, double stride)
{
    QVector<TimeWindow> out;
    if (!(to > from) || !(width > 0) || !(stride > 0))
        return out;
    // A millisecond of slack so float steps (0.1 * 3) do not add a sliver window at the end.
    constexpr double eps = 1e-3;
    for (int k = 0;; ++k) {
        const double start = from + k * stride;
        if (start >= to - eps)
            break;
        const double end = std::min(start + width, to);
        out.push_back({start, end});
        if (end >= to - eps)
            break;
    }
    return out;
}

int scanWindowIndex(double from, double stride, double start)
{
    if (!(stride > 0))
        return 0;
    return std::max(0, int(std::lround((start - from) / stride)));
}

QVector<AnswerRange> mergeScanAnswers(const QVector<ScanWindowResult>& windows)
{
    QVector<AnswerRange> out;
    QVector<ScanWindowResult> sorted = windows;
    std::sort(sorted.begin(), sorted.end(), [](const ScanWindowResult& a, const ScanWindowResult& b) { return a.start < b.start; });
    for (const ScanWindowResult& w : sorted) {
        const QString key = w.answer.trimmed();
        AnswerRange* entry = nullptr;
        for (AnswerRange& r : out)
            if (r.answer == key)
                entry = &r;
        if (!entry) {
            out.push_back({key, {}});
            entry = &out.back();
        }
        if (!entry->ranges.isEmpty() && w.start <= entry->ranges.back().end + 1e-3)
            entry->ranges.back().end = std::max(entry->ranges.back().end, w.end);
        else
            entry->ranges.push_back({w.start, w.end});
    }
    return out;
}

QString describeAnswerRanges(const QVector<AnswerRange>& ranges)
{
    QStringList parts;
    for (const AnswerRange& r : ranges) {
        QStringList spans;
        for (const TimeWindow& w : r.ranges)
            spans << formatTimestamp(w.start) + QStringLiteral("–") + formatTimestamp(w.end);
        parts << (r.answer.isEmpty() ? QStringLiteral("(no answer)") : r.answer) + QLatin1Char(' ') + spans.join(QStringLiteral(", "));
    }
    return parts.join(QStringLiteral("; "));
}

bool isYesNoQuestion(const QString& question)
{
    static const QStringList starts{QStringLiteral("is"),    QStringLiteral("are"),   QStringLiteral("was"),
                                    QStringLiteral("were"),  QStringLiteral("does"),  QStringLiteral("do"),
                                    QStringLiteral("did"),   QStringLiteral("can"),   QStringLiteral("could"),
                                    QStringLiteral("has"),   QStringLiteral("have"),  QStringLiteral("will"),
                                    QStringLiteral("would"), QStringLiteral("should"), QStringLiteral("am")};
    const QString first = question.trimmed().section(QLatin1Char(' '), 0, 0).toLower();
    return starts.contains(first);
}

} // namespace gitvqa
