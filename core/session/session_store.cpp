#include "session/session_store.h"

#include "session/session_file.h"

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

QString setAsideWarning(const QString& path, const QString& asidePath, SessionReadStatus why, const QString& reason)
{
    if (why == SessionReadStatus::Newer)
        return QCoreApplication::translate("gitvqa::SessionStore",
                                           "The session file “%1” was written by a newer version of gitvqa and "
                                           "cannot be read here. It was kept as “%2”.")
            .arg(native(path), native(asidePath));
    return QCoreApplication::translate("gitvqa::SessionStore",
                                       "The session file “%1” could not be read (%2). It was kept as “%3”.")
        .arg(native(path), reason, native(asidePath));
}

QString cannotMoveWarning(const QString& path, const QString& reason)
{
    return QCoreApplication::translate("gitvqa::SessionStore",
                                       "The session file “%1” could not be read (%2) and could not be renamed aside "
                                       "either; it is left as it is.")
        .arg(native(path), reason);
}

// Puts an unusable file aside and returns what to tell the user about it.
QString setAside(const QString& path, const SessionRead& read)
{
    QString moveError;
    const QString aside = moveSessionFileAside(path, read.status, &moveError);
    if (aside.isEmpty())
        return cannotMoveWarning(path, read.error);
    return setAsideWarning(path, aside, read.status, read.error);
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
        const SessionRead read = readSessionFile(path);
        if (read.status == SessionReadStatus::Unreadable) {
            warnings.append(setAside(path, read));
            continue;
        }
        const Match match = matchOf(read.session.video(), video);
        if (read.status == SessionReadStatus::Newer) {
            // Another video's newer file is none of this build's business: it stays where a newer gitvqa finds it.
            const bool samePath = !video.path.isEmpty() && read.session.video().path == video.path;
            if (match != Match::None || samePath)
                warnings.append(setAside(path, read));
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

bool SessionStore::save(const Session& session, QString* error)
{
    return writeSessionFile(filePathFor(session), session, error);
}

bool SessionStore::appendToFile(const QString& sessionFile, const VideoFingerprint& video, const Exchange& exchange,
                                QString* error, QString* warning)
{
    if (warning)
        warning->clear();
    Session session;
    const SessionRead read = readSessionFile(sessionFile);
    switch (read.status) {
    case SessionReadStatus::Ok:
        if (matchOf(read.session.video(), video) == Match::None) {
            if (error)
                *error = QCoreApplication::translate("gitvqa::SessionStore",
                                                     "“%1” is the session of another video (%2).")
                             .arg(native(sessionFile), native(read.session.video().path));
            return false;
        }
        session = read.session;
        session.setVideo(video);
        break;
    case SessionReadStatus::Missing:
        session = Session(video);
        break;
    case SessionReadStatus::Unreadable:
    case SessionReadStatus::Newer: {
        QString moveError;
        const QString aside = moveSessionFileAside(sessionFile, read.status, &moveError);
        if (aside.isEmpty()) {
            if (error)
                *error = cannotMoveWarning(sessionFile, read.error);
            return false;
        }
        if (warning)
            *warning = setAsideWarning(sessionFile, aside, read.status, read.error);
        session = Session(video);
        break;
    }
    }
    session.add(exchange);
    return writeSessionFile(sessionFile, session, error);
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
