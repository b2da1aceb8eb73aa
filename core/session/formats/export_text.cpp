#include "session/formats/export_text.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>
#include <QUrl>

#include <cmath>

namespace gitvqa::exporttext {

namespace {

qint64 milliseconds(double seconds)
{
    if (!std::isfinite(seconds) || seconds <= 0)
        return 0;
    return qint64(std::llround(seconds * 1000.0));
}

QString twoDigits(qint64 n)
{
    return QStringLiteral("%1").arg(n, 2, 10, QLatin1Char('0'));
}

// ".25" for 41250 ms, "" for whole seconds.
QString fraction(qint64 ms)
{
    if (ms % 1000 == 0)
        return {};
    QString digits = QStringLiteral("%1").arg(ms % 1000, 3, 10, QLatin1Char('0'));
    while (digits.endsWith(QLatin1Char('0')))
        digits.chop(1);
    return QLatin1Char('.') + digits;
}

QString number(double v)
{
    // Whole milliseconds for long spans, one decimal where it still carries information.
    return std::fabs(v) >= 100 ? QString::number(std::llround(v)) : QString::number(v, 'g', 3);
}

QString jsonText(const QJsonValue& v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 10);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    return QStringLiteral("null");
}

} // namespace

QString clockTime(double secs, QChar millisecondSeparator)
{
    const qint64 ms = milliseconds(secs);
    const QString millis = QStringLiteral("%1").arg(ms % 1000, 3, 10, QLatin1Char('0'));
    return twoDigits(ms / 3600000) + QLatin1Char(':') + twoDigits(ms / 60000 % 60) + QLatin1Char(':')
        + twoDigits(ms / 1000 % 60) + millisecondSeparator + millis;
}

QString shortTime(double secs)
{
    const qint64 ms = milliseconds(secs);
    const qint64 h = ms / 3600000;
    QString text = h > 0 ? QString::number(h) + QLatin1Char(':') + twoDigits(ms / 60000 % 60)
                         : twoDigits(ms / 60000);
    return text + QLatin1Char(':') + twoDigits(ms / 1000 % 60) + fraction(ms);
}

QString shortSpan(const Segment& segment)
{
    if (milliseconds(segment.end) <= milliseconds(segment.start))
        return shortTime(segment.start);
    return shortTime(segment.start) + QChar(0x2013) + shortTime(segment.end);
}

QString seconds(double secs)
{
    const qint64 ms = milliseconds(secs);
    return QString::number(ms / 1000) + fraction(ms);
}

QString videoTimeUrl(const QString& videoPath, const Segment& segment)
{
    if (videoPath.isEmpty())
        return {};
    QUrl url = QUrl::fromLocalFile(videoPath);
    QString fragment = QStringLiteral("t=") + seconds(segment.start);
    if (milliseconds(segment.end) > milliseconds(segment.start))
        fragment += QLatin1Char(',') + seconds(segment.end);
    url.setFragment(fragment);
    return url.toString(QUrl::FullyEncoded);
}

QString videoName(const Session& session)
{
    const QString name = QFileInfo(session.video().path).fileName();
    return name.isEmpty() ? QStringLiteral("video") : name;
}

QString timingsSummary(const QJsonObject& timings)
{
    struct Known {
        const char* key;
        const char* before;
        const char* after;
    };
    static const Known known[] = {
        {"sampling_ms", "sampling ", " ms"},
        {"encoding_ms", "encoding ", " ms"},
        {"first_token_ms", "first token ", " ms"},
        {"per_token_ms", "", " ms/token"},
        {"tokens", "", " tokens"},
    };
    QStringList parts;
    QJsonObject rest = timings;
    for (const Known& k : known) {
        const QString key = QLatin1String(k.key);
        if (!timings.contains(key))
            continue;
        const QJsonValue v = rest.take(key);
        const QString value = v.isDouble() ? number(v.toDouble()) : jsonText(v);
        parts.append(QLatin1String(k.before) + value + QLatin1String(k.after));
    }
    for (auto it = rest.constBegin(); it != rest.constEnd(); ++it)
        parts.append(it.key() + QLatin1Char(' ') + (it->isDouble() ? number(it->toDouble()) : jsonText(*it)));
    return parts.join(QStringLiteral(" · "));
}

QString decodingSummary(const QJsonObject& decoding)
{
    QStringList parts;
    for (auto it = decoding.constBegin(); it != decoding.constEnd(); ++it)
        parts.append(it.key() + QLatin1Char(' ') + jsonText(*it));
    return parts.join(QStringLiteral(", "));
}

QString modelSummary(const Exchange& exchange)
{
    QString text = exchange.model;
    if (!exchange.device.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral(" on ")) + exchange.device;
    if (!exchange.dtype.isEmpty())
        text += (text.isEmpty() ? QStringLiteral("(") : QStringLiteral(" (")) + exchange.dtype + QLatin1Char(')');
    return text;
}

QString statusNote(const Exchange& exchange)
{
    if (exchange.status == exchange_status::Done)
        return {};
    if (exchange.error.isEmpty())
        return exchange.status;
    return exchange.status + QStringLiteral(": ") + exchange.error;
}

QStringList earlierAnswers(const Exchange& exchange)
{
    QStringList lines;
    for (const AnswerVersion& v : exchange.earlierVersions) {
        const Exchange as = exchange.withAnswer(v);
        QString line = v.answer;
        const QString note = statusNote(as);
        if (!note.isEmpty())
            line += (line.isEmpty() ? QStringLiteral("(") : QStringLiteral(" (")) + note + QLatin1Char(')');
        const QString model = modelSummary(as);
        if (!model.isEmpty())
            line += QStringLiteral(" · ") + model;
        lines.append(line);
    }
    return lines;
}

} // namespace gitvqa::exporttext
