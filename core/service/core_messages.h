#pragma once
// The sentences core/media and core/engine report (Qt-free, English std::string) in the user's language. Those
// layers cannot call Qt's translator, so this boundary knows each of their sentences once, as a template whose %1, %2
// stand for what core fills in (a path, FFmpeg's reason, a device name): a message that matches one is translated
// with QCoreApplication::translate and the filled-in parts put back; any other stays as it came, never lost.
// Keep the templates here word for word in step with the sources named beside them (tests/gui/test_translations
// produces real core errors and checks they come out translated).

#include <QString>

#include <string>

namespace gitvqa {

QString translateCoreMessage(const QString& english);
QString translateCoreMessage(const std::string& english);

} // namespace gitvqa
