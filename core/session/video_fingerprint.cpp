#include "session/video_fingerprint.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace gitvqa {

VideoFingerprint VideoFingerprint::of(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QCoreApplication::translate("gitvqa::VideoFingerprint", "Cannot read “%1”: %2")
                         .arg(QDir::toNativeSeparators(path), file.errorString());
        return {};
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 left = kHeadBytes;
    char buffer[64 * 1024];
    while (left > 0) {
        const qint64 n = file.read(buffer, qMin<qint64>(left, qint64(sizeof buffer)));
        if (n < 0) {
            if (error)
                *error = QCoreApplication::translate("gitvqa::VideoFingerprint", "Cannot read “%1”: %2")
                             .arg(QDir::toNativeSeparators(path), file.errorString());
            return {};
        }
        if (n == 0)
            break;
        hash.addData(QByteArrayView(buffer, n));
        left -= n;
    }
    VideoFingerprint fp;
    fp.path = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    fp.size = file.size();
    fp.headSha256 = hash.result();
    return fp;
}

bool VideoFingerprint::sameVideo(const VideoFingerprint& other) const
{
    return isValid() && other.isValid() && size == other.size && headSha256 == other.headSha256;
}

QString VideoFingerprint::headSha256Hex() const
{
    return QString::fromLatin1(headSha256.toHex());
}

} // namespace gitvqa
