#include "session/session_merge_write.h"

#include "session/session_file.h"
#include "session/session_lock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <sys/stat.h>

namespace gitvqa {

namespace {

bool statFile(const QString& path, WrittenFile* out)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return false;
    out->inode = quint64(st.st_ino);
    out->size = qint64(st.st_size);
    out->mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
    return true;
}

bool unchangedSince(const QString& path, const WrittenFile& cache)
{
    WrittenFile now;
    return cache.valid && statFile(path, &now) && now.inode == cache.inode && now.size == cache.size
        && now.mtimeNs == cache.mtimeNs;
}

// The translation context of these sentences (the functions here are free functions, not QObjects).
struct Text {
    Q_DECLARE_TR_FUNCTIONS(gitvqa::SessionMergeWrite)
};

} // namespace

MergeWriteResult mergeAndWrite(const QString& path, const Session& own, const SessionChanges& changes,
                               WrittenFile* cache)
{
    MergeWriteResult result;
    const SessionLock lock(path);
    Session merged;
    if (cache && unchangedSince(path, *cache)) {
        merged = cache->session;
        changes.applyTo(&merged, own);
    } else {
        bool ioFailed = false;
        const SessionRead read = readSessionFile(path, &ioFailed);
        if (ioFailed) {
            // Not knowing what is in the file, replacing it could drop another writer's exchanges: try again later.
            result.error =
                Text::tr("Cannot read “%1” to add to it: %2").arg(QDir::toNativeSeparators(path), read.error);
            return result;
        }
        switch (read.status) {
        case SessionReadStatus::Ok:
            merged = read.session;
            changes.applyTo(&merged, own);
            break;
        case SessionReadStatus::Missing:
            merged = own;   // first save, or the file was deleted: everything this writer has
            break;
        case SessionReadStatus::Newer:
            result.error = Text::tr("“%1” was written by a newer version of gitvqa; it is left as it is.")
                               .arg(QDir::toNativeSeparators(path));
            return result;
        case SessionReadStatus::Unreadable: {
            // Read in full and proven not a session: kept aside (never overwritten), and this writer's copy goes in.
            QString moveError;
            const QString aside = moveSessionFileAside(path, read.status, &moveError);
            if (aside.isEmpty()) {
                result.error = moveError;
                return result;
            }
            result.warning = Text::tr("The session file “%1” was damaged (%2). It was kept as “%3”.")
                                 .arg(QDir::toNativeSeparators(path), read.error, QDir::toNativeSeparators(aside));
            merged = own;
            break;
        }
        }
    }
    merged.setVideo(own.video());
    if (merged.id().isEmpty())
        merged.setId(own.id());
    if (!writeSessionFile(path, merged, &result.error)) {
        if (cache)
            cache->valid = false;
        return result;
    }
    if (cache) {
        cache->valid = statFile(path, cache);
        cache->session = merged;
    }
    result.ok = true;
    result.othersChanged = merged.exchanges() != own.exchanges();
    result.written = std::move(merged);
    return result;
}

} // namespace gitvqa
