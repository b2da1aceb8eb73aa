#include "session/formats/subtitle_cues.h"

#include "session/formats/export_text.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace gitvqa::subtitles {

namespace {

QString labelFor(const Exchange& e)
{
    if (e.kind == exchange_kind::Scan)
        return QStringLiteral("Scan");
    if (e.kind == exchange_kind::Describe)
        return QStringLiteral("Describe");
    return QStringLiteral("Q");
}

// "label: first line", then the other non-empty lines of the text as they are.
void appendLabelled(QStringList* lines, const QString& label, const QString& text)
{
    static const QRegularExpression newline(QStringLiteral("\r\n|\r|\n|\u2028|\u2029"));
    QStringList parts = text.split(newline);
    parts.removeIf([](const QString& p) { return p.trimmed().isEmpty(); });
    if (parts.isEmpty())
        parts.append(QString());
    lines->append(label + QStringLiteral(": ") + parts.takeFirst());
    lines->append(parts);
}

QString answerWithNote(const QString& answer, const QString& note)
{
    if (note.isEmpty())
        return answer;
    return answer.isEmpty() ? QLatin1Char('(') + note + QLatin1Char(')')
                            : answer + QStringLiteral(" (") + note + QLatin1Char(')');
}

Cue cueOver(double start, double end)
{
    Cue c;
    c.start = std::isfinite(start) ? std::max(0.0, start) : 0.0;
    c.end = std::isfinite(end) && end > c.start ? end : c.start + kInstantCueSeconds;
    return c;
}

} // namespace

QVector<Cue> buildCues(const Session& session)
{
    QVector<Cue> cues;
    for (const Exchange& e : session.exchanges()) {
        const QString label = labelFor(e);
        if (e.windows.isEmpty() || !e.answer.isEmpty()) {
            Cue c = cueOver(e.segment.start, e.segment.end);
            if (!e.question.isEmpty())
                appendLabelled(&c.lines, label, e.question);
            appendLabelled(&c.lines, QStringLiteral("A"), answerWithNote(e.answer, exporttext::statusNote(e)));
            const QStringList earlier = exporttext::earlierAnswers(e);
            if (!earlier.isEmpty())
                appendLabelled(&c.lines, QStringLiteral("Earlier"), earlier.join(QStringLiteral(" | ")));
            cues.append(c);
        }
        for (const ScanWindow& w : e.windows) {
            Cue c = cueOver(w.start, w.end);
            if (!e.question.isEmpty())
                appendLabelled(&c.lines, label, e.question);
            const QString yes = w.yesProbability
                ? QStringLiteral("%1% yes").arg(std::lround(*w.yesProbability * 100.0))
                : QString();
            appendLabelled(&c.lines, QStringLiteral("A"), answerWithNote(w.answer, yes));
            cues.append(c);
        }
    }
    std::stable_sort(cues.begin(), cues.end(), [](const Cue& a, const Cue& b) {
        return a.start != b.start ? a.start < b.start : a.end < b.end;
    });
    return cues;
}

} // namespace gitvqa::subtitles
