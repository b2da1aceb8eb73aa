#pragma once
// The session file itself (SCHEMA.md): parsing the export gives back the same session.

#include "session/session_exporter.h"

namespace gitvqa {

class JsonExporter final : public SessionExporter {
public:
    QString formatId() const override { return QStringLiteral("json"); }
    QString displayName() const override { return QStringLiteral("JSON (gitvqa session)"); }
    QString fileExtension() const override { return QStringLiteral("json"); }
    QByteArray render(const Session& session) const override;
};

} // namespace gitvqa
