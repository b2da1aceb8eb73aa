#include "models/blob_lock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSysInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gitvqa {

BlobLock::BlobLock(const QString& path)
    : m_path(path)
{
}

BlobLock::~BlobLock()
{
    unlock();
}

BlobLock::Result BlobLock::tryLock(QString* error)
{
    if (m_fd >= 0)
        return Result::Acquired;
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    const QByteArray name = QFile::encodeName(m_path);
    // O_CLOEXEC: a child process (a video player started from the app) must not inherit and keep the lock.
    const int fd = ::open(name.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0664);
    if (fd < 0) {
        const int err = errno;
        if (error)
            *error = QCoreApplication::translate("gitvqa::Models", "Cannot create the lock file %1 (%2). Check that the Hugging Face cache is "
                                    "writable.").arg(QDir::toNativeSeparators(m_path),
                                                     QString::fromLocal8Bit(std::strerror(err)));
        return Result::Failed;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        ::close(fd);
        if (err == EWOULDBLOCK || err == EINTR)
            return Result::Busy;
        if (error)
            *error = QCoreApplication::translate("gitvqa::Models", "Cannot lock %1 (%2).").arg(QDir::toNativeSeparators(m_path),
                                                                QString::fromLocal8Bit(std::strerror(err)));
        return Result::Failed;
    }
    m_fd = fd;
    // A umask of 077 would otherwise keep other users of a shared cache from waiting on this lock.
    ::fchmod(fd, 0664);
    const QString program = QCoreApplication::applicationName().isEmpty() ? QStringLiteral("gitvqa")
                                                                          : QCoreApplication::applicationName();
    const QByteArray who = QStringLiteral("%1 %2 %3\n").arg(::getpid()).arg(program, QSysInfo::machineHostName())
                               .toUtf8();
    if (::ftruncate(fd, 0) == 0)
        (void)!::pwrite(fd, who.constData(), size_t(who.size()), 0);
    return Result::Acquired;
}

void BlobLock::unlock()
{
    if (m_fd < 0)
        return;
    (void)!::ftruncate(m_fd, 0);
    ::flock(m_fd, LOCK_UN);
    ::close(m_fd);
    m_fd = -1;
}

QString BlobLock::holder() const
{
    QFile f(m_path);
    const QStringList parts =
        f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.read(512)).trimmed().split(QLatin1Char(' ')) : QStringList();
    if (parts.size() < 2 || parts.first().toLongLong() <= 0)
        return QStringLiteral("another program");
    return parts.size() >= 3 ? QStringLiteral("process %1 (%2) on %3").arg(parts[0], parts[1], parts[2])
                             : QStringLiteral("process %1 (%2)").arg(parts[0], parts[1]);
}

} // namespace gitvqa
