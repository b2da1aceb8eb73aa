#pragma once
// File → Export Transcript…: writes the open video's exchanges in any session export format (Markdown, JSON, CSV,
// SRT, WebVTT, HTML). The HTML report embeds a picture of each segment, taken from the video itself, so restored
// answers (whose frames are not stored) get one too.

#include "session/exchange.h"

#include <QString>
#include <QVector>

class QWidget;

namespace gitvqa {

// Asks for a file and format, writes it atomically, reports failure in words. Returns true when written.
bool exportTranscript(QWidget* parent, const QString& videoPath, const QVector<Exchange>& exchanges);

// The rendering part, without dialogs (tested directly): `formatId` as SessionExporter ids ("html", "srt", ...).
QByteArray renderTranscript(const QString& videoPath, const QVector<Exchange>& exchanges, const QString& formatId,
                            QString* error);

} // namespace gitvqa
