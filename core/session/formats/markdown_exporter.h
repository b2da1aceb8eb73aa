#pragma once
// A readable transcript: the video and its fingerprint, then each exchange with a link that opens the video at its
// segment, the answer, and how it was produced.

#include "session/session_exporter.h"

namespace gitvqa {

class MarkdownExporter final : public SessionExporter {
public:
    QString formatId() const override { return QStringLiteral("markdown"); }
    QString displayName() const override { return QStringLiteral("Markdown"); }
    QString fileExtension() const override { return QStringLiteral("md"); }
    QByteArray render(const Session& session) const override;
};

} // namespace gitvqa
