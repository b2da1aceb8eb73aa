#pragma once
// SubRip subtitles: each question and answer as a cue over its segment, numbered from 1 in time order.

#include "session/session_exporter.h"

namespace gitvqa {

class SrtExporter final : public SessionExporter {
public:
    QString formatId() const override { return QStringLiteral("srt"); }
    QString displayName() const override { return QStringLiteral("SubRip subtitles"); }
    QString fileExtension() const override { return QStringLiteral("srt"); }
    QByteArray render(const Session& session) const override;
};

} // namespace gitvqa
