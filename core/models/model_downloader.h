#pragma once
// Downloads a GIT checkpoint from the Hugging Face Hub (or a mirror) into the Hugging Face cache, laid out exactly as
// huggingface_hub lays it out (hf_cache.h), so Python and this app share one copy. Used by the Models dialog and by
// `gitvqa download`.
//
// What start() does, following huggingface_hub's snapshot_download: GET /api/models/REPO/revision/REV (pins the
// commit), the paged tree of that commit (sizes, git oids, LFS sha256s), picks the files a GIT checkpoint needs,
// checks there is room, then file by file: a file already in snapshots/COMMIT/ is kept; a blob already in blobs/
// (another revision, Python) is only linked; anything else is downloaded into blobs/ETAG.incomplete under the blob's
// lock (blob_lock.h: a second app, `gitvqa download` or Python downloading the same blob is waited for, and named),
// resumed with Range, retried within the run (hub_http.h), verified against the hash the Hub publishes, renamed to
// blobs/ETAG and linked. refs/REV is written last, so a reader that follows refs/main only ever finds a complete
// snapshot.
//
// Exactly one of finished / failed / cancelled follows each start(), always from the event loop (never from inside
// start() or cancel() itself, except cancelled(), which cancel() emits before returning). Messages are sentences for
// the user that end with what to do next. Cancelling or failing keeps blobs/ETAG.incomplete, so the next run resumes;
// discardPartialDownload() removes it. A repo that turns out not to be a GIT model loses what this run added.

#include "models/hub_client.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace gitvqa {

class BlobLock;
class FileDownload;
class HfCacheRepo;

class ModelDownloader : public QObject {
    Q_OBJECT
public:
    // Bytes available to this process in `folder`, or -1 when unknown.
    using FreeSpaceFunction = std::function<qint64(const QString& folder)>;

    // Uses its own QNetworkAccessManager with proxies from the environment (environment_proxy.h), the endpoint
    // from HF_ENDPOINT (default https://huggingface.co) and the token from HF_TOKEN or `hf auth login`.
    explicit ModelDownloader(QObject* parent = nullptr);
    ~ModelDownloader() override;

    void setEndpoint(const QUrl& endpoint);
    QUrl endpoint() const;
    // A token the user gave this program (Settings, --token-file): used before HF_TOKEN and the token file.
    // An empty value means: what the environment says.
    void setPreferredToken(const HubToken& token);
    // Exactly this token (empty: anonymous), whatever the environment says. For tests.
    void setToken(const QString& token);
    // Defaults to QStorageInfo::bytesAvailable(); tests inject a small number to exercise the "disk full" check.
    void setFreeSpaceFunction(FreeSpaceFunction freeSpace);
    // Retries within one run (dropped connections, 408/429/5xx): up to maxRetries in a row per request, waiting
    // retryDelayMs doubling to 8x between, unless the server asks for its own wait.
    void setRetryPolicy(int maxRetries, int retryDelayMs);
    // A transfer that receives nothing for this long counts as a dropped connection.
    void setStallTimeoutMs(int ms);
    // How often a blob lock held by another process is tried again.
    void setLockPollMs(int ms) { m_lockPollMs = qMax(1, ms); }

    bool isRunning() const { return m_running; }

    // The snapshot folder refs/REVISION (or the commit itself) names in `cacheDir`; empty when there is none yet.
    static QString modelFolderFor(const QString& cacheDir, const QString& repoId,
                                  const QString& revision = QStringLiteral("main"));
    // Forgets the partial files of a cancelled or failed download of repoId. Must not be running for it.
    static void discardPartialDownload(const QString& cacheDir, const QString& repoId);

public Q_SLOTS:
    // revision: branch, tag or commit ("main" when empty); cacheDir: huggingFaceHubCacheDir() when empty.
    // Ignored (with a warning) while a download runs.
    void start(const QString& repoId, const QString& revision = QStringLiteral("main"),
               const QString& cacheDir = QString());
    void cancel();

Q_SIGNALS:
    // done/total in bytes over all needed files (total -1 while unknown); bytesPerSecond averaged over the last few
    // seconds; secondsLeft -1 when unknown. At most ~10 per second, plus one at each file boundary. done only goes
    // down when a server ignores a resume request and the current file starts again from its first byte.
    void progress(qint64 done, qint64 total, double bytesPerSecond, double secondsLeft, const QString& currentFile);
    void statusChanged(const QString& status); // "Asking ...", "Downloading ...", "Waiting for ...", "Retrying ..."
    // One file is in the snapshot (downloaded and verified, or found in the cache: `downloaded` false).
    void fileDone(const QString& path, qint64 size, bool downloaded);
    void finished(const QString& snapshotDir);
    void failed(const QString& message);
    void cancelled();

private:
    void onListing(const HubListing& listing);
    void nextFile();
    void tryLockCurrent();
    void startTransfer();
    void onFileCompleted();
    void fileInPlace(bool downloaded);
    bool checkConfigIsGit();
    void finishSnapshot();
    void finishOffline();
    void emitProgress(bool force);
    // Runs `step` from the event loop, unless a cancel or a new start() came first.
    void later(const std::function<void()>& step);
    void failLater(const QString& message);
    void fail(const QString& message);
    void stopCurrentFile();
    QString etagOf(const HubFile& file) const;

    QNetworkAccessManager* m_nam;
    HubClient* m_hub;
    FreeSpaceFunction m_freeSpace;
    int m_lockPollMs = 500;
    bool m_tokenFixed = false;
    HubToken m_preferredToken;

    bool m_running = false;
    quint64 m_generation = 0; // invalidates queued callbacks of an earlier start()
    QString m_repoId;
    QString m_revision;
    QString m_cacheDir;
    HubListing m_listing;
    QList<HubFile> m_files;
    int m_index = 0;
    std::unique_ptr<HfCacheRepo> m_cache;
    std::unique_ptr<BlobLock> m_lock;
    QTimer m_lockTimer;
    bool m_saidWaiting = false;
    FileDownload* m_current = nullptr;
    QStringList m_addedBlobs; // blobs this run created: removed again if the repo is not a GIT model

    qint64 m_total = 0;
    qint64 m_completedBytes = 0;   // files in place, including ones an earlier run (or Python) left
    qint64 m_currentFileBytes = 0; // bytes of the current file on disk
    qint64 m_networkBytes = 0;     // received this run, for the speed
    QElapsedTimer m_clock;
    qint64 m_lastEmitMs = -1;
    QList<QPair<qint64, qint64>> m_samples; // (ms, m_networkBytes) over the last few seconds
};

} // namespace gitvqa
