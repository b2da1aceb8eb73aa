#pragma once
// What the environment says about the Hugging Face Hub, read exactly as huggingface_hub reads it
// (src/huggingface_hub/constants.py and utils/_auth.py): where the cache and the token file are, which token to
// use, which endpoint, and whether the network may be used at all. Paths get `~` and `$VAR` expanded, as
// huggingface_hub does with os.path.expanduser(os.path.expandvars(...)).

#include <QString>
#include <QUrl>

namespace gitvqa {

// `~`, `~/x`, `$VAR` and `${VAR}` expanded (unset variables stay as written, like os.path.expandvars).
QString expandUserPath(const QString& path);
// HF_HOME, else $XDG_CACHE_HOME/huggingface, else ~/.cache/huggingface.
QString huggingFaceHome();
// HF_HUB_CACHE, else $HF_HOME/hub (with the fallbacks above).
QString huggingFaceHubCacheDir();
// HF_TOKEN_PATH, else $HF_HOME/token: the file `hf auth login` writes.
QString huggingFaceTokenPath();
// HF_HUB_OFFLINE (or TRANSFORMERS_OFFLINE) set to 1, ON, YES or TRUE in any case: no network request at all.
bool isHubOffline();
// HF_ENDPOINT, else https://huggingface.co.
QUrl hubEndpointFromEnvironment();

struct HubToken {
    QString value;   // empty: anonymous
    QString source;  // where it came from, for messages ("HF_TOKEN", "the token file ~/.cache/huggingface/token");
                     // never the token itself
    bool isEmpty() const { return value.isEmpty(); }
};

// The token file's content, trimmed (huggingface_hub's _clean_token); empty when unreadable or blank.
HubToken readHubTokenFile(const QString& path, const QString& source = QString());
// huggingface_hub's order: HF_TOKEN, then HUGGING_FACE_HUB_TOKEN (its backward-compatible name), then the token
// file. `preferred` (a token the user gave this program: Settings, --token-file) wins over all of them.
HubToken hubTokenFromEnvironment(const HubToken& preferred = HubToken());

} // namespace gitvqa
