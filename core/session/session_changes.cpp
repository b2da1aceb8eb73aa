#include "session/session_changes.h"

namespace gitvqa {

void SessionChanges::noteUpsert(const QString& id)
{
    removed.remove(id);
    upserted.insert(id);
}

void SessionChanges::noteRemove(const QString& id)
{
    upserted.remove(id);
    removed.insert(id);
}

void SessionChanges::absorb(const SessionChanges& later)
{
    for (const QString& id : later.removed)
        noteRemove(id);
    for (const QString& id : later.upserted)
        noteUpsert(id);
}

void SessionChanges::applyTo(Session* base, const Session& own) const
{
    for (const QString& id : removed)
        base->remove(id);
    if (upserted.isEmpty())
        return;
    // In own's order, so two exchanges asked one after the other stay in that order in the file.
    for (const Exchange& e : own.exchanges()) {
        if (upserted.contains(e.id))
            base->add(e);
    }
}

} // namespace gitvqa
