#include "session/session_exporter.h"

#include "session/formats/csv_exporter.h"
#include "session/formats/html_exporter.h"
#include "session/formats/json_exporter.h"
#include "session/formats/markdown_exporter.h"
#include "session/formats/srt_exporter.h"
#include "session/formats/vtt_exporter.h"

namespace gitvqa {

QVector<const SessionExporter*> allExporters()
{
    static const MarkdownExporter markdown;
    static const JsonExporter json;
    static const CsvExporter csv;
    static const SrtExporter srt;
    static const VttExporter vtt;
    static const HtmlExporter html;
    return {&markdown, &json, &csv, &srt, &vtt, &html};
}

const SessionExporter* exporterFor(const QString& idOrAlias)
{
    const QString wanted = idOrAlias.trimmed().toLower();
    if (wanted.isEmpty())
        return nullptr;
    const QVector<const SessionExporter*> all = allExporters();
    for (const SessionExporter* e : all) {
        if (e->formatId() == wanted || e->fileExtension() == wanted)
            return e;
    }
    if (wanted == QLatin1String("webvtt"))
        return exporterFor(QStringLiteral("vtt"));
    if (wanted == QLatin1String("htm"))
        return exporterFor(QStringLiteral("html"));
    return nullptr;
}

} // namespace gitvqa
