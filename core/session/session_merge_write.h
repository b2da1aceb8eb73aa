#pragma once
// One save of a session that other writers may share: under the file's SessionLock, re-read the file (unless it is
// still exactly what this writer last wrote), apply this writer's changes to it, and replace it atomically. Used by
// the window's background writer (session_writer.h) and by `gitvqa ask --session` (SessionStore::appendToFile), so
// the two can never drop each other's exchanges.

#include "session/session.h"
#include "session/session_changes.h"

#include <QString>

namespace gitvqa {

// What a writer last put in the file, so the next save can skip re-reading (and re-parsing 10 000 exchanges) when
// nobody else wrote since. Every atomic replace makes a new inode, so inode + size + mtime change on any write.
struct WrittenFile {
    bool valid = false;
    quint64 inode = 0;
    qint64 size = -1;
    qint64 mtimeNs = 0;
    Session session;
};

struct MergeWriteResult {
    bool ok = false;
    QString error;      // translated; why nothing was written
    QString warning;    // translated; e.g. a corrupt file found in the way was kept aside
    Session written;    // ok: what the file now holds (this writer's changes plus everybody else's)
    // Another writer's exchanges are in `written` (it differs from `own`). Decided here, on the writer's thread: when
    // false the owner need not look at `written` at all (at 10 000 exchanges even comparing costs milliseconds).
    bool othersChanged = false;
};

// `own` is the writer's whole session (the fallback content when the file is missing or was corrupt), `changes`
// what it changed since its last successful save. `cache` may be null.
MergeWriteResult mergeAndWrite(const QString& path, const Session& own, const SessionChanges& changes,
                               WrittenFile* cache);

} // namespace gitvqa
