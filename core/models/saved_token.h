#pragma once
// The Hugging Face token a user enters in Settings, kept the way command-line tools keep credentials on Linux (the
// Hub's own `hf auth login` writes $HF_HOME/token the same way): a file only its owner can read,
// $XDG_CONFIG_HOME/gitvqa/hf-token (0600), never in the settings file (which is world-readable and gets copied
// around) and never printed. The app and `gitvqa download` read the same file.

#include "models/hub_environment.h"

#include <QString>

namespace gitvqa {

QString savedHubTokenPath();
// The saved token with source "the token in Settings"; empty when none.
HubToken savedHubToken();
// Saves `token` (an empty one removes the file). Empty when fine, else the message.
QString saveHubToken(const QString& token);

} // namespace gitvqa
