#pragma once
// RFC 4180 CSV for spreadsheets and scripts: a header row, then one row per exchange and one per scan window.

#include "session/session_exporter.h"

#include <QStringList>

namespace gitvqa {

class CsvExporter final : public SessionExporter {
public:
    QString formatId() const override { return QStringLiteral("csv"); }
    QString displayName() const override { return QStringLiteral("CSV"); }
    QString fileExtension() const override { return QStringLiteral("csv"); }
    QByteArray render(const Session& session) const override;

    // The header row, in column order (documented in SCHEMA.md).
    static QStringList columns();
};

} // namespace gitvqa
