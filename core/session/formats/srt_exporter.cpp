#include "session/formats/srt_exporter.h"

#include "session/formats/export_text.h"
#include "session/formats/subtitle_cues.h"

namespace gitvqa {

QByteArray SrtExporter::render(const Session& session) const
{
    QString out;
    int number = 0;
    for (const subtitles::Cue& cue : subtitles::buildCues(session)) {
        out += QString::number(++number) + QLatin1Char('\n');
        out += exporttext::clockTime(cue.start, QLatin1Char(',')) + QStringLiteral(" --> ")
            + exporttext::clockTime(cue.end, QLatin1Char(',')) + QLatin1Char('\n');
        for (QString line : cue.lines) {
            // SRT has no escapes; lenient parsers take any line with "-->" for a new cue's timing line.
            line.replace(QStringLiteral("-->"), QStringLiteral("->"));
            out += line + QLatin1Char('\n');
        }
        out += QLatin1Char('\n');
    }
    return out.toUtf8();
}

} // namespace gitvqa
