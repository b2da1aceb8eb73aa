#pragma once
// What one writer changed in a session since its last save, by exchange id. A save re-reads the file and applies
// only these (session_merge_write.h), so exchanges another writer added meanwhile survive, and exchanges another
// writer deleted are not written back by one that merely still had them in memory.

#include "session/session.h"

#include <QSet>
#include <QString>

namespace gitvqa {

struct SessionChanges {
    QSet<QString> upserted;   // added or updated: the writer's copy replaces the file's (or is appended)
    QSet<QString> removed;    // deleted by this writer

    bool isEmpty() const { return upserted.isEmpty() && removed.isEmpty(); }
    void noteUpsert(const QString& id);
    void noteRemove(const QString& id);
    // Adds `later`, made after these: where both touch an id, the later change wins.
    void absorb(const SessionChanges& later);
    // Applies the changes to `base` (usually the file as just read), taking changed exchanges from `own`. New
    // exchanges go to the end, in `own`'s order; updated ones keep their place in `base`.
    void applyTo(Session* base, const Session& own) const;
};

} // namespace gitvqa
