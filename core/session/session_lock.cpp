#include "session/session_lock.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace gitvqa {

QString SessionLock::lockPathFor(const QString& sessionFile)
{
    const QFileInfo info(sessionFile);
    return info.dir().filePath(QLatin1Char('.') + info.fileName() + QStringLiteral(".lock"));
}

SessionLock::SessionLock(const QString& sessionFile, int timeoutMs)
{
    const QByteArray path = QFile::encodeName(lockPathFor(sessionFile));
    int fd = ::open(path.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0664);
    if (fd < 0)   // an existing lock file in a folder made read-only still locks: flock needs no write access
        fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    // Polled rather than a blocking flock so a writer wedged on a dead network share cannot hang this one forever.
    QElapsedTimer waited;
    waited.start();
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if ((errno != EWOULDBLOCK && errno != EINTR) || waited.elapsed() > timeoutMs) {
            ::close(fd);
            return;
        }
        QThread::msleep(2);
    }
    m_fd = fd;
}

SessionLock::~SessionLock()
{
    if (m_fd >= 0) {
        ::flock(m_fd, LOCK_UN);
        ::close(m_fd);
    }
}

} // namespace gitvqa
