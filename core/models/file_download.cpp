#include "models/file_download.h"

#include "models/hub_http.h"
#include "models/model_inspector.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>

namespace gitvqa {

namespace {

// Slice of an existing partial hashed per event-loop turn: ~10 ms of SHA-256, so the GUI stays responsive.
constexpr qint64 kHashSliceBytes = 4 * 1024 * 1024;
constexpr int kMaxRedirects = 10;

bool isHex(const QString& s, int length)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]+$"));
    return s.size() == length && hex.match(s).hasMatch();
}

} // namespace

FileDownload::FileDownload(HubClient* hub, QNetworkAccessManager* nam, const QString& repoId,
                           const QString& revision, const HubFile& file, const QString& partPath,
                           const QString& finalPath, QObject* parent)
    : QObject(parent)
    , m_hub(hub)
    , m_nam(nam)
    , m_repoId(repoId)
    , m_revision(revision)
    , m_file(file)
    , m_partPath(partPath)
    , m_finalPath(finalPath)
{
    if (file.isLfs() && isHex(file.sha256, 64))
        m_expectedHex = file.sha256;
    else if (!file.isLfs() && file.size >= 0 && isHex(file.gitOid.toLower(), 40))
        m_expectedHex = file.gitOid.toLower();
    m_sliceTimer.setSingleShot(true);
    m_sliceTimer.setInterval(0);
    connect(&m_sliceTimer, &QTimer::timeout, this, &FileDownload::hashExistingSlice);
    m_retryTimer.setSingleShot(true);
    // A coarse timer may fire 5% early, and Retry-After is a minimum.
    m_retryTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_retryTimer, &QTimer::timeout, this,
            [this] { sendRequest(m_hub->fileUrl(m_repoId, m_revision, m_file.path)); });
}

FileDownload::~FileDownload()
{
    dropReply();
}

void FileDownload::resetHash()
{
    if (m_file.isLfs()) {
        m_hash = std::make_unique<QCryptographicHash>(QCryptographicHash::Sha256);
    } else {
        // git's object id of a file: SHA-1 over "blob <size>\0" followed by the content.
        m_hash = std::make_unique<QCryptographicHash>(QCryptographicHash::Sha1);
        m_hash->addData("blob " + QByteArray::number(qMax<qint64>(m_file.size, 0)) + QByteArray(1, '\0'));
    }
}

void FileDownload::start()
{
    m_done = false;
    resetHash();
    const QFileInfo part(m_partPath);
    QDir().mkpath(part.absolutePath());
    m_onDisk = part.exists() ? part.size() : 0;
    if (m_file.size >= 0 && m_onDisk > m_file.size) {
        QFile::remove(m_partPath);
        m_onDisk = 0;
    }
    m_hadPartial = m_onDisk > 0;
    Q_EMIT advanced(m_onDisk);
    if (m_done)
        return; // a receiver cancelled
    if (m_onDisk == 0) {
        sendRequest(m_hub->fileUrl(m_repoId, m_revision, m_file.path));
        return;
    }
    // Resuming: the hash must cover the bytes already there before new ones are appended.
    m_existing.setFileName(m_partPath);
    if (!m_existing.open(QIODevice::ReadOnly)) {
        QFile::remove(m_partPath);
        m_onDisk = 0;
        m_hadPartial = false;
        sendRequest(m_hub->fileUrl(m_repoId, m_revision, m_file.path));
        return;
    }
    Q_EMIT statusChanged(QStringLiteral("Checking the %1 of %2 downloaded earlier")
                             .arg(formatByteSize(m_onDisk), m_file.path));
    if (m_done)
        return;
    m_hashedExisting = 0;
    m_sliceTimer.start();
}

void FileDownload::hashExistingSlice()
{
    if (m_done)
        return;
    const QByteArray slice = m_existing.read(qMin(kHashSliceBytes, m_onDisk - m_hashedExisting));
    m_hash->addData(slice);
    m_hashedExisting += slice.size();
    const qint64 now = m_hashedExisting;
    if (now < m_onDisk && !slice.isEmpty()) {
        m_sliceTimer.start();
        return;
    }
    m_existing.close();
    if (now < m_onDisk) {
        // Shorter than its size said (changed under us): resume after the bytes actually hashed.
        QFile::resize(m_partPath, now);
        m_onDisk = now;
    }
    if (m_file.size >= 0 && m_onDisk == m_file.size)
        verifyAndFinish();
    else
        sendRequest(m_hub->fileUrl(m_repoId, m_revision, m_file.path));
}

void FileDownload::sendRequest(const QUrl& url)
{
    if (m_done)
        return;
    QNetworkRequest request = m_hub->makeRequest(url);
    // Byte offsets must refer to the file itself, not to a compressed transfer of it.
    request.setRawHeader("Accept-Encoding", "identity");
    m_requestOffset = m_onDisk;
    if (m_onDisk > 0)
        request.setRawHeader("Range", "bytes=" + QByteArray::number(m_onDisk) + "-");
    m_accepted = false;
    m_reply = m_nam->get(request);
    connect(m_reply, &QNetworkReply::readyRead, this, &FileDownload::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &FileDownload::onFinished);
}

bool FileDownload::acceptResponse(int status)
{
    QIODevice::OpenMode mode = QIODevice::WriteOnly | QIODevice::Unbuffered;
    if (status == 206) {
        static const QRegularExpression range(QStringLiteral("^bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)$"));
        const QRegularExpressionMatch m =
            range.match(QString::fromLatin1(m_reply->rawHeader("Content-Range")).trimmed());
        if (!m.hasMatch() || m.captured(1).toLongLong() != m_requestOffset) {
            // A range other than the one asked for cannot be appended; fetch the whole file instead.
            restartFromZero();
            return false;
        }
        if (m.captured(3) != QLatin1String("*") && m_file.size >= 0 && m.captured(3).toLongLong() != m_file.size) {
            fail(QStringLiteral("%1 changed on the Hub while it was being downloaded. Try again.").arg(m_file.path));
            return false;
        }
        mode |= QIODevice::Append;
    } else {
        if (m_requestOffset > 0) {
            // 200 to a Range request: the server (or a proxy) ignores ranges and sends everything again.
            Q_EMIT statusChanged(
                QStringLiteral("The server cannot resume; downloading %1 from the start").arg(m_file.path));
            if (m_done)
                return false; // a receiver cancelled
            resetHash();
            m_onDisk = 0;
            Q_EMIT advanced(0);
            if (m_done)
                return false;
        }
        mode |= QIODevice::Truncate;
    }
    m_out.setFileName(m_partPath);
    if (!m_out.open(mode)) {
        fail(writeErrorMessage());
        return false;
    }
    m_accepted = true;
    return true;
}

void FileDownload::onReadyRead()
{
    // A reply Qt aborted itself (transfer timeout) is closed; its error is handled in onFinished.
    if (!m_reply || m_done || !m_reply->isOpen())
        return;
    if (!m_accepted) {
        const int status = httpStatus(m_reply);
        // Redirect and error bodies are not file content; onFinished deals with them.
        if (status != 200 && status != 206)
            return;
        if (!acceptResponse(status))
            return;
    }
    const QByteArray data = m_reply->readAll();
    if (data.isEmpty())
        return;
    if (m_file.size >= 0 && m_onDisk + data.size() > m_file.size) {
        QFile::remove(m_partPath);
        fail(QStringLiteral("The downloaded file %1 is corrupt: the server sent more than its %2. It was deleted; "
                            "try again.").arg(m_file.path, formatByteSize(m_file.size)));
        return;
    }
    if (m_out.write(data) != data.size()) {
        fail(writeErrorMessage());
        return;
    }
    m_hash->addData(data);
    m_onDisk += data.size();
    m_retries = 0;
    Q_EMIT transferred(data.size());
    Q_EMIT advanced(m_onDisk);
}

void FileDownload::onFinished()
{
    QNetworkReply* reply = m_reply;
    onReadyRead(); // the last chunk may arrive together with finished()
    if (!reply || m_done || m_reply != reply)
        return; // failed, or restarted with a new request while draining
    m_reply = nullptr;
    reply->deleteLater();
    m_out.close();
    const int status = httpStatus(reply);

    if (!m_accepted && isRedirectStatus(status) && reply->error() == QNetworkReply::NoError) {
        // Small files: 307 to a relative /api/resolve-cache/... URL; LFS files: 302 to a presigned CDN URL on
        // another host. Followed by hand so the token stays on the Hub's host (HubClient::makeRequest).
        const QUrl target = redirectTarget(reply);
        if (!target.isValid())
            return fail(QStringLiteral("Downloading %1: %2 answered HTTP %3 without saying where to (no Location).")
                            .arg(m_file.path, reply->url().host()).arg(status));
        if (++m_redirects > kMaxRedirects)
            return fail(QStringLiteral("Downloading %1 went through more than %2 redirects; the server or a proxy is "
                                       "misconfigured.").arg(m_file.path).arg(kMaxRedirects));
        sendRequest(target);
        return;
    }
    if (!m_accepted && isRetryableStatus(status)) {
        const QByteArray body = reply->readAll();
        const qint64 delay = m_hub->retryWaitMs(reply, m_statusRetries + 1);
        if (delay >= 0) {
            ++m_statusRetries;
            return scheduleRetry(QStringLiteral("%1 answered HTTP %2 for %3").arg(reply->url().host())
                                     .arg(status).arg(m_file.path),
                                 delay, m_statusRetries);
        }
        return fail(m_hub->describeFailure(reply, m_repoId, m_revision, m_file.path, body));
    }
    if (status == 416 && m_requestOffset > 0) {
        // Nothing left after our offset: either the part is already whole, or it is not this file.
        if (m_file.size >= 0 && m_onDisk == m_file.size)
            verifyAndFinish();
        else
            restartFromZero();
        return;
    }
    if (status >= 400)
        return fail(m_hub->describeFailure(reply, m_repoId, m_revision, m_file.path, reply->readAll()));
    if (reply->error() != QNetworkReply::NoError) {
        const QString why = m_hub->describeFailure(reply, m_repoId, m_revision, m_file.path);
        if (!isRetryableNetworkError(reply->error()))
            return fail(QStringLiteral("Downloading %1: %2").arg(m_file.path, why));
        return retryOrFail(why);
    }
    if (status != 200 && status != 206)
        return fail(QStringLiteral("Unexpected answer HTTP %1 while downloading %2.").arg(status).arg(m_file.path));
    if (m_file.size >= 0 && m_onDisk < m_file.size)
        return retryOrFail(QStringLiteral("The connection to %1 ended before %2 was complete. Try again; the download "
                                          "resumes where it stopped.").arg(reply->url().host(), m_file.path));
    verifyAndFinish();
}

void FileDownload::retryOrFail(const QString& message)
{
    const qint64 delay = m_hub->retryWaitMs(nullptr, m_retries + 1);
    if (delay < 0)
        return fail(QStringLiteral("Downloading %1 failed %2 times in a row: %3 Run the download again: it resumes "
                                   "from the %4 already here.")
                        .arg(m_file.path).arg(m_retries + 1).arg(message, formatByteSize(m_onDisk)));
    ++m_retries;
    scheduleRetry(QStringLiteral("Connection lost while downloading %1").arg(m_file.path), delay, m_retries);
}

void FileDownload::scheduleRetry(const QString& why, qint64 delayMs, int attempt)
{
    m_redirects = 0;
    Q_EMIT statusChanged(QStringLiteral("%1; trying again in %2 s from %3 (attempt %4 of %5)")
                             .arg(why)
                             .arg(double(delayMs) / 1000.0, 0, 'f', 1)
                             .arg(formatByteSize(m_onDisk))
                             .arg(attempt)
                             .arg(m_hub->maxRetries()));
    if (m_done)
        return; // a receiver cancelled
    m_retryTimer.start(int(delayMs)); // at most kHubMaxServerWaitMs (HubClient::retryWaitMs)
}

void FileDownload::restartFromZero()
{
    dropReply();
    m_out.close();
    QFile::remove(m_partPath);
    m_onDisk = 0;
    m_restartedOnce = true;
    m_redirects = 0;
    resetHash();
    Q_EMIT advanced(0);
    sendRequest(m_hub->fileUrl(m_repoId, m_revision, m_file.path));
}

void FileDownload::verifyAndFinish()
{
    m_out.close();
    const bool sizeOk = m_file.size < 0 || m_onDisk == m_file.size;
    const bool hashOk = m_expectedHex.isEmpty() || QString::fromLatin1(m_hash->result().toHex()) == m_expectedHex;
    if (!sizeOk || !hashOk) {
        QFile::remove(m_partPath);
        // Bytes left by an earlier run may be the bad ones; one full fresh download settles it.
        if (m_hadPartial && !m_restartedOnce)
            return restartFromZero();
        return fail(QStringLiteral("The downloaded file %1 is corrupt: its %2 does not match what the Hub publishes. "
                                   "It was deleted; try again.")
                        .arg(m_file.path, !sizeOk ? QStringLiteral("size")
                                                  : m_file.isLfs() ? QStringLiteral("SHA-256")
                                                                   : QStringLiteral("git checksum")));
    }
    QFile::remove(m_finalPath);
    if (!QFile::rename(m_partPath, m_finalPath))
        return fail(QStringLiteral("Cannot rename %1 to %2.").arg(m_partPath, m_finalPath));
    m_done = true;
    Q_EMIT completed();
}

QString FileDownload::writeErrorMessage() const
{
    const QString folder = QFileInfo(m_partPath).absolutePath();
    const QString reason = m_out.errorString();
    const bool full = m_out.error() == QFileDevice::ResourceError || reason.contains(QLatin1String("space"))
                      || reason.contains(QLatin1String("quota"));
    if (full)
        return QStringLiteral("The disk is full: writing %1 into %2 failed (%3). Free up space or choose another "
                              "folder; the download resumes where it stopped.").arg(m_file.path, folder, reason);
    return QStringLiteral("Cannot write %1 into %2 (%3). Check that the folder is writable, or choose another one.")
        .arg(m_file.path, folder, reason);
}

void FileDownload::fail(const QString& message)
{
    m_done = true;
    m_sliceTimer.stop();
    m_retryTimer.stop();
    dropReply();
    m_out.close();
    m_existing.close();
    Q_EMIT failed(message);
}

void FileDownload::cancel()
{
    m_done = true;
    m_sliceTimer.stop();
    m_retryTimer.stop();
    dropReply();
    m_out.close();
    m_existing.close();
}

void FileDownload::dropReply()
{
    if (!m_reply)
        return;
    QNetworkReply* reply = m_reply;
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    reply->abort();
    reply->deleteLater();
}

} // namespace gitvqa
