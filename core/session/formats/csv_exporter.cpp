#include "session/formats/csv_exporter.h"

#include "session/formats/export_text.h"

#include <QJsonDocument>

namespace gitvqa {

namespace {

QString field(const QString& value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) && !value.contains(QLatin1Char('\n'))
        && !value.contains(QLatin1Char('\r')))
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString number(const QJsonValue& v)
{
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 10);
    return v.isUndefined() || v.isNull() ? QString() : v.toVariant().toString();
}

QStringList row(const QString& rowType, const Exchange& e, double start, double end, const QString& answer,
                const QString& yesProbability)
{
    QStringList frames;
    for (const double t : e.frameTimes)
        frames.append(exporttext::seconds(t));
    const QString decoding = e.decoding.isEmpty()
        ? QString()
        : QString::fromUtf8(QJsonDocument(e.decoding).toJson(QJsonDocument::Compact));
    return {
        rowType,
        e.id,
        e.kind,
        e.status,
        exporttext::seconds(start),
        exporttext::seconds(end),
        exporttext::clockTime(start),
        exporttext::clockTime(end),
        e.question,
        answer,
        yesProbability,
        e.model,
        e.device,
        e.dtype,
        e.created.isValid() ? e.created.toUTC().toString(Qt::ISODateWithMs) : QString(),
        frames.join(QLatin1Char(' ')),
        number(e.timings.value(QLatin1String("sampling_ms"))),
        number(e.timings.value(QLatin1String("encoding_ms"))),
        number(e.timings.value(QLatin1String("first_token_ms"))),
        number(e.timings.value(QLatin1String("per_token_ms"))),
        number(e.timings.value(QLatin1String("tokens"))),
        decoding,
        e.error,
    };
}

void appendRow(QString* out, const QStringList& values)
{
    for (int i = 0; i < values.size(); ++i) {
        if (i > 0)
            *out += QLatin1Char(',');
        *out += field(values[i]);
    }
    *out += QStringLiteral("\r\n");
}

} // namespace

QStringList CsvExporter::columns()
{
    static const char* const names[] = {
        "row", "exchange_id", "kind", "status", "start_s", "end_s", "start", "end", "question", "answer",
        "yes_probability", "model", "device", "dtype", "created", "frame_times_s", "sampling_ms", "encoding_ms",
        "first_token_ms", "per_token_ms", "tokens", "decoding", "error",
    };
    QStringList list;
    for (const char* name : names)
        list.append(QLatin1String(name));
    return list;
}

QByteArray CsvExporter::render(const Session& session) const
{
    QString out;
    appendRow(&out, columns());
    for (const Exchange& e : session.exchanges()) {
        appendRow(&out, row(QStringLiteral("exchange"), e, e.segment.start, e.segment.end, e.answer, QString()));
        // Earlier answers Regenerate kept, oldest first, each with the model, status and timings it had.
        for (const AnswerVersion& v : e.earlierVersions) {
            const Exchange as = e.withAnswer(v);
            appendRow(&out, row(QStringLiteral("version"), as, v.segment.start, v.segment.end, v.answer, QString()));
        }
        for (const ScanWindow& w : e.windows) {
            const QString yes = w.yesProbability ? QString::number(*w.yesProbability, 'g', 6) : QString();
            appendRow(&out, row(QStringLiteral("window"), e, w.start, w.end, w.answer, yes));
        }
    }
    return out.toUtf8();
}

} // namespace gitvqa
