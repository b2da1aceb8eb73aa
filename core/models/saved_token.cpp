#include "models/saved_token.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gitvqa {

QString savedHubTokenPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QStringLiteral("/gitvqa/hf-token");
}

HubToken savedHubToken()
{
    return readHubTokenFile(savedHubTokenPath(), QStringLiteral("the token in Settings"));
}

QString saveHubToken(const QString& token)
{
    const QString path = savedHubTokenPath();
    const QString trimmed = token.trimmed();
    if (trimmed.isEmpty()) {
        if (QFileInfo::exists(path) && !QFile::remove(path))
            return QCoreApplication::translate("gitvqa::Models", "Cannot remove the saved token %1.").arg(QDir::toNativeSeparators(path));
        return {};
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return QCoreApplication::translate("gitvqa::Models", "Cannot create the folder %1 for the token.")
            .arg(QDir::toNativeSeparators(QFileInfo(path).absolutePath()));
    // Created owner-only (0600) before a single byte of the token is written, then renamed over the old one.
    const QByteArray tmp = QFile::encodeName(path + QStringLiteral(".new"));
    const int fd = ::open(tmp.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    const QByteArray bytes = trimmed.toUtf8() + '\n';
    bool ok = fd >= 0 && ::fchmod(fd, 0600) == 0 && ::write(fd, bytes.constData(), size_t(bytes.size())) == bytes.size()
              && ::fsync(fd) == 0;
    const int err = errno;
    if (fd >= 0)
        ok = ::close(fd) == 0 && ok;
    if (ok && ::rename(tmp.constData(), QFile::encodeName(path).constData()) == 0)
        return {};
    ::unlink(tmp.constData());
    return QCoreApplication::translate("gitvqa::Models", "Cannot save the token in %1 (%2).")
        .arg(QDir::toNativeSeparators(path), QString::fromLocal8Bit(std::strerror(err)));
}

} // namespace gitvqa
