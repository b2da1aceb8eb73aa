#pragma once
// Downloads one file of a Hub repo into `partPath` (the cache's blobs/ETAG.incomplete), resuming what is already
// there, and renames it to `finalPath` (blobs/ETAG) only after its hash matches what the Hub published (SHA-256 for
// LFS files, the git blob SHA-1 for the small files). Used by ModelDownloader, one file at a time, while it holds
// the blob's lock (blob_lock.h).
//
// All work happens on the owner's (GUI) thread without blocking it: network data arrives in chunks, each chunk is
// hashed as it is written, and the bytes of a partial file from an earlier run are hashed in slices of a few MiB
// from the event loop before the Range request goes out.

#include "models/hub_client.h"

#include <QCryptographicHash>
#include <QFile>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace gitvqa {

class FileDownload : public QObject {
    Q_OBJECT
public:
    // `revision` should be the commit sha, so every file comes from the same commit.
    FileDownload(HubClient* hub, QNetworkAccessManager* nam, const QString& repoId, const QString& revision,
                 const HubFile& file, const QString& partPath, const QString& finalPath, QObject* parent = nullptr);
    ~FileDownload() override;

    // Retries follow the hub's policy (HubClient::retryWaitMs): after dropped connections (the count resets
    // whenever data arrives) and after 408/429/5xx answers.
    void start();
    // Stops at once, keeping `<file>.incomplete` for a later resume. Emits nothing.
    void cancel();

    const HubFile& file() const { return m_file; }

Q_SIGNALS:
    // Bytes of the file now on disk (resumed + new). May go down once, when a server ignores the Range request.
    void advanced(qint64 bytesInFile);
    // Bytes that arrived over the network since the last signal (for the speed estimate; resumed bytes excluded).
    void transferred(qint64 newBytes);
    void statusChanged(const QString& status);
    void completed();
    void failed(const QString& message);

private:
    void resetHash();
    void hashExistingSlice();
    void sendRequest(const QUrl& url);
    void onReadyRead();
    void onFinished();
    bool acceptResponse(int status);
    void restartFromZero();
    void retryOrFail(const QString& message);
    void scheduleRetry(const QString& why, qint64 delayMs, int attempt);
    void verifyAndFinish();
    void fail(const QString& message);
    QString writeErrorMessage() const;
    void dropReply();

    HubClient* m_hub;
    QNetworkAccessManager* m_nam;
    QString m_repoId;
    QString m_revision;
    HubFile m_file;
    QString m_partPath;
    QString m_finalPath;

    std::unique_ptr<QCryptographicHash> m_hash;
    QString m_expectedHex;     // empty: nothing published to compare with
    QFile m_out;
    QFile m_existing;          // the partial being hashed before resuming
    QTimer m_sliceTimer;
    QTimer m_retryTimer;
    QPointer<QNetworkReply> m_reply;
    qint64 m_onDisk = 0;       // bytes in the part file, all of them hashed
    qint64 m_hashedExisting = 0;
    qint64 m_requestOffset = 0;
    int m_redirects = 0;
    int m_retries = 0;         // dropped connections in a row
    int m_statusRetries = 0;   // 408/429/5xx answers for this file
    bool m_accepted = false;   // the current reply's 200/206 was checked and the part file is open
    bool m_hadPartial = false; // the part file predates this run (its bytes could be from a broken earlier run)
    bool m_restartedOnce = false;
    bool m_done = false;
};

} // namespace gitvqa
