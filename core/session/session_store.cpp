#include "session/session_store.h"

#include "session/session_file.h"
#include "session/session_merge_write.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace gitvqa {

namespace {

QString native(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

enum class Match { None, SamePathGrown, SameContent, SameContentSamePath };

Match matchOf(const VideoFingerprint& stored, const VideoFingerprint& current)
{
    const bool samePath = !stored.path.isEmpty() && stored.path == current.path;
    if (stored.sameVideo(current))
        return samePath ? Match::SameContentSamePath : Match::SameContent;
    if (samePath && current.isValid() && stored.headSha256 == current.headSha256)
        return Match::SamePathGrown;
    return Match::None;
}

QString corruptWarning(const QString& path, const QString& asidePath, const QString& reason)
{
    return QCoreApplication::translate("gitvqa::SessionStore",
                                       "The session file “%1” is damaged (%2). It was kept as “%3”.")
        .arg(native(path), reason, native(asidePath));
}

QString cannotMoveWarning(const QString& path, const QString& reason)
{
    return QCoreApplication::translate("gitvqa::SessionStore",
                                       "The session file “%1” is damaged (%2) and could not be renamed aside "
                                       "either; it is left as it is.")
        .arg(native(path), reason);
}

QString newerWarning(const QString& path)
{
    return QCoreApplication::translate("gitvqa::SessionStore",
                                       "The session file “%1” was written by a newer version of gitvqa and cannot be "
                                       "read here; it is left as it is. New answers about this video are kept in "
                                       "another file.")
        .arg(native(path));
}

QString cannotOpenWarning(const QString& path, const QString& reason)
{
    return QCoreApplication::translate("gitvqa::SessionStore",
                                       "The session file “%1” could not be opened (%2); it is left as it is and tried "
                                       "again the next time.")
        .arg(native(path), reason);
}

// Puts a file proven corrupt (read in full, not a session) aside and returns what to tell the user about it.
QString setAside(const QString& path, const SessionRead& read)
{
    QString moveError;
    const QString aside = moveSessionFileAside(path, read.status, &moveError);
    if (aside.isEmpty())
        return cannotMoveWarning(path, read.error);
    return corruptWarning(path, aside, read.error);
}

// Keeps file names readable ("holiday-clip-1a2b3c4d.json") without letting a video name break the path.
QString fileStem(const QString& videoPath)
{
    QString stem = QFileInfo(videoPath).completeBaseName().left(60);
    for (QChar& c : stem) {
        if (!c.isLetterOrNumber() && c != QLatin1Char('-') && c != QLatin1Char('_'))
            c = QLatin1Char('_');
    }
    return stem.isEmpty() ? QStringLiteral("session") : stem;
}

void markInterrupted(Session* session)
{
    for (const Exchange& e : session->exchanges()) {
        if (e.status != exchange_status::Pending)
            continue;
        Exchange stopped = e;
        stopped.status = exchange_status::Stopped;
        stopped.error = QCoreApplication::translate("gitvqa::SessionStore",
                                                    "Interrupted: gitvqa closed before the answer was complete.");
        session->update(stopped);
    }
}

} // namespace

QString SessionStore::defaultFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/sessions");
}

SessionStore::SessionStore(const QString& folder) : m_folder(folder)
{
}

OpenedSession SessionStore::open(const VideoFingerprint& video)
{
    OpenedSession result;
    QStringList warnings;
    QString bestPath;
    Session best;
    Match bestMatch = Match::None;
    QDateTime bestModified;

    const QDir dir(m_folder);
    const QFileInfoList files = dir.entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QFileInfo& info : files) {
        if (isSetAsideFileName(info.fileName()))
            continue;
        const QString path = info.absoluteFilePath();
        bool ioFailed = false;
        const SessionRead read = readSessionFile(path, &ioFailed);
        if (ioFailed) {
            // Permissions, EIO, too many open files: nothing says the file is broken, so it stays for next time.
            warnings.append(cannotOpenWarning(path, read.error));
            continue;
        }
        if (read.status == SessionReadStatus::Unreadable) {
            warnings.append(setAside(path, read));
            continue;
        }
        const Match match = matchOf(read.session.video(), video);
        if (read.status == SessionReadStatus::Newer) {
            // Left where a newer gitvqa finds it; this video's new exchanges go to a file of their own.
            const bool samePath = !video.path.isEmpty() && read.session.video().path == video.path;
            if (match != Match::None || samePath)
                warnings.append(newerWarning(path));
            continue;
        }
        // Several files can match after copies or a restored backup: prefer the closer match, then the newest.
        if (match == Match::None || match < bestMatch
            || (match == bestMatch && info.lastModified() <= bestModified))
            continue;
        bestMatch = match;
        bestModified = info.lastModified();
        bestPath = path;
        best = read.session;
    }

    if (bestMatch != Match::None) {
        result.session = best;
        result.session.setVideo(video);
        markInterrupted(&result.session);
        result.restored = true;
        m_files.insert(result.session.id(), bestPath);
    } else {
        result.session = Session(video);
    }
    result.filePath = filePathFor(result.session);
    result.warning = warnings.join(QLatin1Char('\n'));
    return result;
}

QString SessionStore::filePathFor(const Session& session)
{
    const auto known = m_files.constFind(session.id());
    if (known != m_files.constEnd())
        return *known;
    const QDir dir(m_folder);
    QString path = dir.filePath(fileStem(session.video().path) + QLatin1Char('-') + session.id().left(8)
                                + QStringLiteral(".json"));
    if (QFileInfo::exists(path))   // another session with the same name and id prefix: use the whole id
        path = dir.filePath(fileStem(session.video().path) + QLatin1Char('-') + session.id() + QStringLiteral(".json"));
    m_files.insert(session.id(), path);
    return path;
}

void SessionStore::setFilePath(const QString& sessionId, const QString& path)
{
    m_files.insert(sessionId, path);
}

bool SessionStore::save(const Session& session, QString* error)
{
    return writeSessionFile(filePathFor(session), session, error);
}

bool SessionStore::appendToFile(const QString& sessionFile, const VideoFingerprint& video, const Exchange& exchange,
                                QString* error, QString* warning)
{
    if (warning)
        warning->clear();
    Session own(video);
    bool ioFailed = false;
    const SessionRead read = readSessionFile(sessionFile, &ioFailed);
    if (ioFailed) {
        if (error)
            *error = cannotOpenWarning(sessionFile, read.error);
        return false;
    }
    if (read.status == SessionReadStatus::Newer) {
        if (error)
            *error = QCoreApplication::translate("gitvqa::SessionStore",
                                                 "“%1” was written by a newer version of gitvqa; it is left as it "
                                                 "is. Give another --session file.")
                         .arg(native(sessionFile));
        return false;
    }
    if (read.status == SessionReadStatus::Ok) {
        if (matchOf(read.session.video(), video) == Match::None) {
            if (error)
                *error = QCoreApplication::translate("gitvqa::SessionStore",
                                                     "“%1” is the session of another video (%2).")
                             .arg(native(sessionFile), native(read.session.video().path));
            return false;
        }
        own = read.session;
        own.setVideo(video);
    }
    SessionChanges changes;
    changes.noteUpsert(own.add(exchange));
    // The same locked read-merge-write as the window's writer: an app writing this file meanwhile keeps its answers.
    const MergeWriteResult written = mergeAndWrite(sessionFile, own, changes, nullptr);
    if (warning)
        *warning = written.warning;
    if (!written.ok && error)
        *error = written.error;
    return written.ok;
}

bool SessionStore::appendToFile(const QString& sessionFile, const QString& videoPath, const Exchange& exchange,
                                QString* error, QString* warning)
{
    const VideoFingerprint video = VideoFingerprint::of(videoPath, error);
    if (!video.isValid())
        return false;
    return appendToFile(sessionFile, video, exchange, error, warning);
}

} // namespace gitvqa
