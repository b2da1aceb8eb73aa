#pragma once
// The session file format (SCHEMA.md): versioned JSON, written and read here only, so the file and the JSON export
// can never drift apart.

#include "session/session.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace gitvqa {

inline constexpr char kSessionSchemaName[] = "gitvqa-session";
// Bump when a reader of the previous version would misread a file (a field changes meaning or becomes required);
// added optional fields do not need a bump because readers ignore what they do not know.
// 2: exchanges keep the answers Regenerate replaced ("earlier_versions"); a version-1 reader would drop them on its
// next save. Version-1 files read as exchanges with one answer each.
inline constexpr int kSessionSchemaVersion = 2;

enum class SessionReadStatus {
    Ok,
    Missing,      // no such file (SessionFile only)
    Unreadable,   // not JSON, not a gitvqa session, or a broken structure
    Newer,        // a gitvqa session of a version this build does not know
};

struct SessionRead {
    SessionReadStatus status = SessionReadStatus::Unreadable;
    // Ok: the session. Newer: only video() is filled, as far as the file's "video" object could be read (it may be
    // invalid), so the caller can tell whether the file belongs to the video being opened.
    Session session;
    QString error;   // for Unreadable and Newer, a short English reason for logs and warnings
};

QJsonObject sessionToJson(const Session& session);
// UTF-8, indented, newline-terminated: what goes in the file.
QByteArray sessionToJsonBytes(const Session& session);
SessionRead sessionFromJson(const QByteArray& bytes);

} // namespace gitvqa
