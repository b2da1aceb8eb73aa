#pragma once
// On quit (MainWindow::closeEvent): waits for the transcript's last save, and when it could not be written (read-only
// folder, full disk, removed stick) says so and offers "Save Transcript As…" instead of losing the answers silently.

#include <QString>

#include <functional>

class QWidget;

namespace gitvqa {

class ChatTranscript;

// True when closing may go on: everything is saved, the user saved a copy, or chose to quit without it. False when
// the user cancelled. `chooseFile` ("" = cancelled) replaces the file dialog in tests.
bool confirmCloseWithUnsavedTranscript(QWidget* parent, ChatTranscript& transcript,
                                       const std::function<QString()>& chooseFile = {});

} // namespace gitvqa
