#pragma once
// WebVTT subtitles (what HTML <track> and most players read): the same cues as SRT, with escaped text.

#include "session/session_exporter.h"

namespace gitvqa {

class VttExporter final : public SessionExporter {
public:
    QString formatId() const override { return QStringLiteral("vtt"); }
    QString displayName() const override { return QStringLiteral("WebVTT subtitles"); }
    QString fileExtension() const override { return QStringLiteral("vtt"); }
    QByteArray render(const Session& session) const override;
};

} // namespace gitvqa
