#pragma once
// Downloads a GIT checkpoint from the Hugging Face Hub (or a mirror) into a models folder, for the model dialog.
//
// What start() does: lists the revision's files (pinning the commit), picks the ones a GIT checkpoint needs, checks
// the destination is writable and has room, then downloads file by file into a hidden staging folder next to the
// final one (see download_staging.h), resuming partial files with HTTP Range and verifying every file against the
// hash the Hub publishes. Only when all files are verified does the staging folder get its marker and become
// ROOT/ORG--NAME in one rename, so a half-finished download is never mistaken for a model.
//
// Exactly one of finished / failed / cancelled follows each start(), always from the event loop (never from inside
// start() or cancel() itself, except cancelled(), which cancel() emits before returning). Messages are sentences for
// the user that end with what to do next.
//
// Cancelling or failing keeps the hidden staging folder with its `<file>.incomplete` partial, so the next start()
// of the same repo, revision and root resumes; discardPartialDownload() removes it. A hash mismatch deletes that
// file's partial (the rest of the staging folder is kept); a repo that turns out not to be a GIT model is removed
// entirely.

#include "models/hub_client.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace gitvqa {

class DownloadStaging;
class FileDownload;

class ModelDownloader : public QObject {
    Q_OBJECT
public:
    // Bytes available to this process in `folder`, or -1 when unknown.
    using FreeSpaceFunction = std::function<qint64(const QString& folder)>;

    // Uses its own QNetworkAccessManager with the system's proxy settings, the endpoint from HF_ENDPOINT (default
    // https://huggingface.co) and the token from HF_TOKEN or `huggingface-cli login`.
    explicit ModelDownloader(QObject* parent = nullptr);
    ~ModelDownloader() override;

    void setEndpoint(const QUrl& endpoint);
    QUrl endpoint() const;
    void setToken(const QString& token); // empty: anonymous
    // Defaults to QStorageInfo::bytesAvailable(); tests inject a small number to exercise the "disk full" check.
    void setFreeSpaceFunction(FreeSpaceFunction freeSpace);
    // After a dropped connection: retry up to maxRetries times in a row, waiting retryDelayMs x attempt between.
    void setRetryPolicy(int maxRetries, int retryDelayMs);
    // A transfer that receives nothing for this long counts as a dropped connection.
    void setStallTimeoutMs(int ms);

    bool isRunning() const { return m_running; }

    // Where start(repoId, revision, destinationRoot) installs the model, and where it assembles it meanwhile.
    static QString modelFolderFor(const QString& destinationRoot, const QString& repoId,
                                  const QString& revision = QStringLiteral("main"));
    static QString stagingFolderFor(const QString& destinationRoot, const QString& repoId,
                                    const QString& revision = QStringLiteral("main"));
    // Forgets a cancelled or failed download (removes its staging folder). Must not be running for it.
    static void discardPartialDownload(const QString& destinationRoot, const QString& repoId,
                                       const QString& revision = QStringLiteral("main"));

public Q_SLOTS:
    // revision: branch, tag or commit ("main" when empty); destinationRoot: defaultAppModelsDir() when empty.
    // Ignored (with a warning) while a download runs.
    void start(const QString& repoId, const QString& revision = QStringLiteral("main"),
               const QString& destinationRoot = QString());
    void cancel();

Q_SIGNALS:
    // done/total in bytes over all needed files (total -1 while unknown); bytesPerSecond averaged over the last few
    // seconds; secondsLeft -1 when unknown. At most ~10 per second, plus one at each file boundary. done only goes
    // down when a server ignores a resume request and the current file starts again from its first byte.
    void progress(qint64 done, qint64 total, double bytesPerSecond, double secondsLeft, const QString& currentFile);
    void statusChanged(const QString& status); // "Listing files...", "Checking ...", "Installing..."
    void finished(const QString& modelDir);
    void failed(const QString& message);
    void cancelled();

private:
    void onListing(const HubListing& listing);
    void nextFile();
    void onFileCompleted();
    bool checkConfigIsGit();
    void install();
    void emitProgress(bool force);
    void failLater(const QString& message);
    void fail(const QString& message);
    void stopCurrentFile();

    QNetworkAccessManager* m_nam;
    HubClient* m_hub;
    FreeSpaceFunction m_freeSpace;
    int m_maxRetries = 5;
    int m_retryDelayMs = 1000;

    bool m_running = false;
    quint64 m_generation = 0; // invalidates queued callbacks of an earlier start()
    QString m_repoId;
    QString m_revision;
    QString m_root;
    HubListing m_listing;
    QList<HubFile> m_files;
    int m_index = 0;
    std::unique_ptr<DownloadStaging> m_staging;
    FileDownload* m_current = nullptr;

    qint64 m_total = 0;
    qint64 m_completedBytes = 0;   // files finished (verified), including ones finished by an earlier run
    qint64 m_currentFileBytes = 0; // bytes of the current file on disk
    qint64 m_networkBytes = 0;     // received this run, for the speed
    QElapsedTimer m_clock;
    qint64 m_lastEmitMs = -1;
    QList<QPair<qint64, qint64>> m_samples; // (ms, m_networkBytes) over the last few seconds
};

} // namespace gitvqa
