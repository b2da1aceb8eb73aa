#include "session/formats/vtt_exporter.h"

#include "session/formats/export_text.h"
#include "session/formats/subtitle_cues.h"

namespace gitvqa {

namespace {

// Cue text is markup in WebVTT: '<' starts a tag and '&' an entity. Escaping '>' as well also rules out "-->",
// which would otherwise end the cue text early in some parsers.
QString escapeCueText(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c == QLatin1Char('&'))
            out += QStringLiteral("&amp;");
        else if (c == QLatin1Char('<'))
            out += QStringLiteral("&lt;");
        else if (c == QLatin1Char('>'))
            out += QStringLiteral("&gt;");
        else
            out += c;
    }
    return out;
}

} // namespace

QByteArray VttExporter::render(const Session& session) const
{
    QString out = QStringLiteral("WEBVTT\n\n");
    for (const subtitles::Cue& cue : subtitles::buildCues(session)) {
        out += exporttext::clockTime(cue.start) + QStringLiteral(" --> ") + exporttext::clockTime(cue.end)
            + QLatin1Char('\n');
        for (const QString& line : cue.lines)
            out += escapeCueText(line) + QLatin1Char('\n');
        out += QLatin1Char('\n');
    }
    return out.toUtf8();
}

} // namespace gitvqa
