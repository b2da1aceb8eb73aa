#pragma once
// One session file on disk: read it, replace it atomically, or move it aside when it cannot be used.

#include "session/session_json.h"

#include <QString>

namespace gitvqa {

// *ioFailed (when given) tells a file that could not be opened or read in full (EACCES, EIO, EMFILE...) from one
// that was read and is not a session: only the second is proven broken and may be put aside; the first is left in
// place and tried again next time.
SessionRead readSessionFile(const QString& path, bool* ioFailed = nullptr);

// Replaces the file in one step (QSaveFile: a temporary file in the same folder, flushed to disk, then renamed over
// the old one), so a crash, a full disk or a kill at any moment leaves either the old file or the new one, never a
// mix. Creates the folder when needed. On failure the old file is untouched and *error says why.
bool writeSessionFile(const QString& path, const Session& session, QString* error);

// Renames `path` to <name>.unreadable-<UTC yyyyMMdd-HHmmss>.json (or .newer-...) beside it, adding -2, -3... rather
// than ever replacing a file. Returns the new path, or an empty string with *error set.
QString moveSessionFileAside(const QString& path, SessionReadStatus why, QString* error);

// Whether a file name is one that moveSessionFileAside() produced; those are never read again.
bool isSetAsideFileName(const QString& fileName);

} // namespace gitvqa
