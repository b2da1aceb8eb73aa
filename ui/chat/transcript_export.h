#pragma once
// File → Export Transcript…: writes the open video's exchanges in any session export format (Markdown, JSON, CSV,
// SRT, WebVTT, HTML). The HTML report embeds a picture of each segment, taken from the video itself, so restored
// answers (whose frames are not stored) get one too.

#include "session/exchange.h"

#include <QString>
#include <QVector>

#include <functional>

class QWidget;

namespace gitvqa {

// Asks for a file and format, writes it atomically (writeTranscript), reports failure in words. Returns true when
// written.
bool exportTranscript(QWidget* parent, const QString& videoPath, const QVector<Exchange>& exchanges);

// Renders and writes `path` on a pool thread: the HTML report decodes and PNG-encodes a frame per exchange, seconds
// for a long transcript, and the window must keep answering. A progress dialog (window-modal, Cancel stops the
// export and leaves no file) shows after 500 ms. Returns true when written; false with *error saying why, or with
// *error empty when the user cancelled.
bool writeTranscript(QWidget* parent, const QString& path, const QString& formatId, const QString& videoPath,
                     const QVector<Exchange>& exchanges, QString* error);

// Called from the rendering thread as pictures are made: `done` of `total`; return false to stop.
using RenderProgress = std::function<bool(int done, int total)>;

// The rendering part, without dialogs (tested directly): `formatId` as SessionExporter ids ("html", "srt", ...).
// Returns empty bytes when `progress` stopped it (*error stays empty) or on failure (*error says why).
QByteArray renderTranscript(const QString& videoPath, const QVector<Exchange>& exchanges, const QString& formatId,
                            QString* error, const RenderProgress& progress = {});

} // namespace gitvqa
