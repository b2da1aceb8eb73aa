#include "session/session_file.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

namespace gitvqa {

namespace {

QString native(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

SessionRead readSessionFile(const QString& path, bool* ioFailed)
{
    if (ioFailed)
        *ioFailed = false;
    QFile file(path);
    if (!file.exists()) {
        SessionRead r;
        r.status = SessionReadStatus::Missing;
        r.error = QStringLiteral("no such file");
        return r;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        SessionRead r;
        r.status = SessionReadStatus::Unreadable;
        r.error = file.errorString();
        if (ioFailed)
            *ioFailed = true;
        return r;
    }
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        SessionRead r;
        r.status = SessionReadStatus::Unreadable;
        r.error = file.errorString();
        if (ioFailed)
            *ioFailed = true;
        return r;
    }
    return sessionFromJson(bytes);
}

bool writeSessionFile(const QString& path, const Session& session, QString* error)
{
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder)) {
        if (error)
            *error = QCoreApplication::translate("gitvqa::SessionFile", "Cannot create the folder “%1”.")
                         .arg(native(folder));
        return false;
    }
    QSaveFile file(path);
    // Never fall back to writing the old file in place: that is exactly the half-written file this avoids.
    file.setDirectWriteFallback(false);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QCoreApplication::translate("gitvqa::SessionFile", "Cannot save the session to “%1”: %2")
                         .arg(native(path), file.errorString());
        return false;
    }
    const QByteArray bytes = sessionToJsonBytes(session);
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QCoreApplication::translate("gitvqa::SessionFile", "Cannot save the session to “%1”: %2")
                         .arg(native(path), file.errorString());
        file.cancelWriting();
        return false;
    }
    return true;
}

QString moveSessionFileAside(const QString& path, SessionReadStatus why, QString* error)
{
    const QFileInfo info(path);
    const QString tag = why == SessionReadStatus::Newer ? QStringLiteral("newer") : QStringLiteral("unreadable");
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString stem = info.completeBaseName() + QLatin1Char('.') + tag + QLatin1Char('-') + stamp;
    QString target;
    for (int n = 1; n < 1000; ++n) {
        target = info.dir().filePath(stem + (n == 1 ? QString() : QStringLiteral("-%1").arg(n))
                                     + QStringLiteral(".json"));
        if (QFileInfo::exists(target))
            continue;
        // QFile::rename refuses to replace an existing file, so a file appearing meanwhile is not lost either.
        if (QFile::rename(path, target))
            return target;
        if (!QFileInfo::exists(target))
            break;
    }
    if (error)
        *error = QCoreApplication::translate("gitvqa::SessionFile", "Cannot rename “%1” aside.").arg(native(path));
    return {};
}

bool isSetAsideFileName(const QString& fileName)
{
    static const QRegularExpression pattern(QStringLiteral("\\.(unreadable|newer)-\\d{8}-\\d{6}(-\\d+)?\\.json$"));
    return pattern.match(fileName).hasMatch();
}

} // namespace gitvqa
