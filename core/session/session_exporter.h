#pragma once
// One export format of a session. Formats are stateless and found by id; each lives in its own file under formats/.

#include "session/session.h"

#include <QByteArray>
#include <QString>
#include <QVector>

namespace gitvqa {

class SessionExporter {
public:
    virtual ~SessionExporter() = default;
    virtual QString formatId() const = 0;        // "markdown", "json", "csv", "srt", "vtt", "html"
    virtual QString displayName() const = 0;     // for a save dialog's filter: "Markdown", "WebVTT subtitles"
    virtual QString fileExtension() const = 0;   // without the dot: "md"
    // The whole file, UTF-8 (no byte-order mark). The same session always gives the same bytes.
    virtual QByteArray render(const Session& session) const = 0;
};

// The format with that id, case-insensitive; also takes a file extension ("md", "htm") and "webvtt". nullptr when
// unknown. The exporters live for the whole program.
const SessionExporter* exporterFor(const QString& idOrAlias);
// Every format, in a stable order (the order of `gitvqa export --list-formats`).
QVector<const SessionExporter*> allExporters();

} // namespace gitvqa
