#include "models/model_downloader.h"

#include "models/blob_lock.h"
#include "models/environment_proxy.h"
#include "models/file_download.h"
#include "models/hf_cache.h"
#include "models/model_inspector.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QStorageInfo>

namespace gitvqa {

namespace {

constexpr qint64 kProgressIntervalMs = 100;
constexpr qint64 kSpeedWindowMs = 5000;

qint64 storageAvailable(const QString& folder)
{
    // The cache may not exist yet: ask about the nearest folder that does.
    QString existing = folder;
    while (!existing.isEmpty() && !QFileInfo(existing).isDir() && QFileInfo(existing).absolutePath() != existing)
        existing = QFileInfo(existing).absolutePath();
    const QStorageInfo storage(existing);
    return storage.isValid() && storage.isReady() ? storage.bytesAvailable() : -1;
}

bool isSafeRevision(const QString& revision)
{
    // refs/REVISION is a path in the cache: no way out of it, nothing a file system would choke on.
    return !revision.contains(QLatin1String("..")) && !revision.contains(QLatin1Char('\\'))
           && !revision.startsWith(QLatin1Char('/')) && !revision.contains(QLatin1Char('\0'));
}

} // namespace

ModelDownloader::ModelDownloader(QObject* parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
    , m_hub(new HubClient(m_nam, this))
    , m_freeSpace(storageAvailable)
{
    // https_proxy / no_proxy as Python reads them, else the desktop's proxy settings. The manager owns the factory.
    m_nam->setProxyFactory(new EnvironmentProxyFactory);
    m_lockTimer.setSingleShot(true);
    connect(&m_lockTimer, &QTimer::timeout, this, &ModelDownloader::tryLockCurrent);
    connect(m_hub, &HubClient::listingReady, this, &ModelDownloader::onListing);
    connect(m_hub, &HubClient::listingFailed, this, &ModelDownloader::fail);
    connect(m_hub, &HubClient::statusChanged, this, &ModelDownloader::statusChanged);
}

ModelDownloader::~ModelDownloader()
{
    stopCurrentFile();
}

void ModelDownloader::setEndpoint(const QUrl& endpoint)
{
    m_hub->setEndpoint(endpoint);
}

QUrl ModelDownloader::endpoint() const
{
    return m_hub->endpoint();
}

void ModelDownloader::setPreferredToken(const HubToken& token)
{
    m_tokenFixed = false;
    m_preferredToken = token;
}

void ModelDownloader::setToken(const QString& token)
{
    m_tokenFixed = true;
    m_hub->setToken(token.isEmpty() ? HubToken() : HubToken{token, QStringLiteral("the token given")});
}

void ModelDownloader::setFreeSpaceFunction(FreeSpaceFunction freeSpace)
{
    m_freeSpace = freeSpace ? std::move(freeSpace) : FreeSpaceFunction(storageAvailable);
}

void ModelDownloader::setRetryPolicy(int maxRetries, int retryDelayMs)
{
    const qint64 base = qMax(0, retryDelayMs);
    m_hub->setRetryPolicy(maxRetries, base, 8 * base);
}

void ModelDownloader::setStallTimeoutMs(int ms)
{
    m_hub->setStallTimeoutMs(ms);
}

QString ModelDownloader::modelFolderFor(const QString& cacheDir, const QString& repoId, const QString& revision)
{
    const HfCacheRepo cache(cacheDir.isEmpty() ? huggingFaceHubCacheDir() : cacheDir, repoId);
    const QString commit = cache.resolveRevision(revision.isEmpty() ? QStringLiteral("main") : revision);
    return commit.isEmpty() || !QFileInfo(cache.snapshotDir(commit)).isDir() ? QString() : cache.snapshotDir(commit);
}

void ModelDownloader::discardPartialDownload(const QString& cacheDir, const QString& repoId)
{
    const HfCacheRepo cache(cacheDir.isEmpty() ? huggingFaceHubCacheDir() : cacheDir, repoId);
    QDir blobs(cache.storageFolder() + QStringLiteral("/blobs"));
    for (const QString& name : blobs.entryList({QStringLiteral("*.incomplete")}, QDir::Files | QDir::Hidden))
        blobs.remove(name);
}

void ModelDownloader::start(const QString& repoId, const QString& revision, const QString& cacheDir)
{
    if (m_running) {
        qWarning("ModelDownloader::start(%s) ignored: a download is running", qPrintable(repoId));
        return;
    }
    ++m_generation;
    m_running = true;
    m_repoId = repoId.trimmed();
    m_revision = revision.trimmed().isEmpty() ? QStringLiteral("main") : revision.trimmed();
    m_cacheDir = cacheDir.isEmpty() ? huggingFaceHubCacheDir() : cacheDir;
    m_listing = HubListing{};
    m_files.clear();
    m_index = 0;
    m_cache.reset();
    m_lock.reset();
    m_addedBlobs.clear();
    m_total = -1;
    m_completedBytes = m_currentFileBytes = m_networkBytes = 0;
    m_samples.clear();
    m_lastEmitMs = -1;
    m_clock.start();
    if (!m_tokenFixed)
        m_hub->setToken(hubTokenFromEnvironment(m_preferredToken));

    if (!isValidRepoId(m_repoId))
        return failLater(QStringLiteral("\"%1\" is not a model name: expected ORGANISATION/NAME, for example %2.")
                             .arg(m_repoId, QStringLiteral("microsoft/git-base-msrvtt-qa")));
    if (!isSafeRevision(m_revision))
        return failLater(QStringLiteral("\"%1\" is not a revision: use a branch, tag or commit such as \"main\".")
                             .arg(m_revision));
    m_cache = std::make_unique<HfCacheRepo>(m_cacheDir, m_repoId);
    if (isHubOffline()) {
        // huggingface_hub in offline mode answers from the cache and never touches the network.
        return later([this] { finishOffline(); });
    }
    const QString notWritable = checkCacheWritable(m_cacheDir);
    if (!notWritable.isEmpty())
        return failLater(notWritable);
    Q_EMIT statusChanged(QCoreApplication::translate("gitvqa::Models", "Asking %1 for the files of %2").arg(m_hub->endpoint().host(), m_repoId));
    if (!m_running)
        return; // a receiver cancelled
    m_hub->fetchListing(m_repoId, m_revision);
}

void ModelDownloader::finishOffline()
{
    const QString snapshot = modelFolderFor(m_cacheDir, m_repoId, m_revision);
    const ModelInfo info = snapshot.isEmpty() ? ModelInfo() : inspectModelFolder(snapshot, ModelSource::HuggingFaceCache);
    if (snapshot.isEmpty() || !info.isUsable())
        return fail(QCoreApplication::translate("gitvqa::Models", "HF_HUB_OFFLINE is set, so nothing is downloaded, and %1 is not complete in the "
                                   "Hugging Face cache (%2). Unset HF_HUB_OFFLINE (or set it to 0) and try again "
                                   "while online.")
                        .arg(m_repoId, QDir::toNativeSeparators(m_cache->storageFolder())));
    Q_EMIT statusChanged(QCoreApplication::translate("gitvqa::Models", "Offline (HF_HUB_OFFLINE): using %1 from the cache").arg(m_repoId));
    m_running = false;
    Q_EMIT finished(snapshot);
}

QString ModelDownloader::etagOf(const HubFile& file) const
{
    // What huggingface_hub names the blob: X-Linked-Etag (the LFS sha256) for LFS files, ETag (the git blob sha1)
    // otherwise; the tree lists the same two values.
    return file.isLfs() ? file.sha256 : file.gitOid;
}

void ModelDownloader::onListing(const HubListing& listing)
{
    if (!m_running)
        return;
    m_listing = listing;
    QString error;
    m_files = selectCheckpointFiles(listing.files, &error);
    if (!error.isEmpty())
        return fail(QStringLiteral("%1 cannot be used: %2").arg(m_repoId, error));
    for (const HubFile& f : std::as_const(m_files)) {
        const QString etag = etagOf(f);
        static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{40}([0-9a-f]{24})?$"));
        if (!hex.match(etag).hasMatch() || f.path.contains(QLatin1String("..")) || f.path.startsWith(QLatin1Char('/')))
            return fail(QCoreApplication::translate("gitvqa::Models", "The Hub's file list for %1 gives no usable checksum for %2, so it cannot be "
                                       "verified. Try again later, or check HF_ENDPOINT.").arg(m_repoId, f.path));
    }
    error = m_cache->prepare();
    if (!error.isEmpty())
        return fail(error);

    bool sizesKnown = true;
    qint64 total = 0;
    qint64 needed = 0;
    for (const HubFile& f : std::as_const(m_files)) {
        sizesKnown = sizesKnown && f.size >= 0;
        total += qMax<qint64>(f.size, 0);
        if (!m_cache->hasBlob(etagOf(f)))
            needed += qMax<qint64>(f.size - QFileInfo(m_cache->incompletePath(etagOf(f))).size(), 0);
    }
    m_total = sizesKnown ? total : -1;
    error = checkFreeSpace(m_cacheDir, needed, m_freeSpace(m_cache->storageFolder()));
    if (!error.isEmpty())
        return fail(error);
    nextFile();
}

void ModelDownloader::nextFile()
{
    if (!m_running)
        return;
    if (m_index == m_files.size())
        return finishSnapshot();
    const HubFile& file = m_files.at(m_index);
    m_currentFileBytes = 0;
    if (m_cache->hasFile(m_listing.commit, file.path))
        return fileInPlace(false);
    m_lock = std::make_unique<BlobLock>(m_cache->lockPath(etagOf(file)));
    m_saidWaiting = false;
    tryLockCurrent();
}

void ModelDownloader::tryLockCurrent()
{
    if (!m_running || !m_lock)
        return;
    const HubFile& file = m_files.at(m_index);
    QString error;
    switch (m_lock->tryLock(&error)) {
    case BlobLock::Result::Failed:
        return fail(error);
    case BlobLock::Result::Busy:
        if (!m_saidWaiting) {
            m_saidWaiting = true;
            Q_EMIT statusChanged(QCoreApplication::translate("gitvqa::Models", "Waiting for %1, which is downloading %2 into the same cache (%3)")
                                     .arg(m_lock->holder(), file.path, QDir::toNativeSeparators(m_lock->path())));
        }
        m_lockTimer.start(m_lockPollMs);
        return;
    case BlobLock::Result::Acquired:
        break;
    }
    if (m_cache->hasBlob(etagOf(file))) {
        // Another revision, another process or Python brought these bytes already.
        const QString linkError = m_cache->linkFile(m_listing.commit, file.path, etagOf(file));
        m_lock.reset();
        if (!linkError.isEmpty())
            return fail(linkError);
        return fileInPlace(false);
    }
    startTransfer();
}

void ModelDownloader::startTransfer()
{
    const HubFile& file = m_files.at(m_index);
    const QString etag = etagOf(file);
    m_current = new FileDownload(m_hub, m_nam, m_repoId, m_listing.commit, file, m_cache->incompletePath(etag),
                                 m_cache->blobPath(etag), this);
    connect(m_current, &FileDownload::advanced, this, [this](qint64 bytes) {
        if (!m_running)
            return;
        m_currentFileBytes = bytes;
        emitProgress(false);
    });
    connect(m_current, &FileDownload::transferred, this, [this](qint64 bytes) { m_networkBytes += bytes; });
    connect(m_current, &FileDownload::statusChanged, this, &ModelDownloader::statusChanged);
    connect(m_current, &FileDownload::completed, this, &ModelDownloader::onFileCompleted);
    connect(m_current, &FileDownload::failed, this, &ModelDownloader::fail);
    Q_EMIT statusChanged(
        QCoreApplication::translate("gitvqa::Models", "Downloading %1 (%2 of %3)").arg(file.path).arg(m_index + 1).arg(m_files.size()));
    emitProgress(true);
    if (m_running && m_current)
        m_current->start();
}

void ModelDownloader::onFileCompleted()
{
    const HubFile file = m_current->file();
    m_current->deleteLater();
    m_current = nullptr;
    m_addedBlobs.append(m_cache->blobPath(etagOf(file)));
    const QString error = m_cache->linkFile(m_listing.commit, file.path, etagOf(file));
    m_lock.reset();
    if (!error.isEmpty())
        return fail(error);
    fileInPlace(true);
}

void ModelDownloader::fileInPlace(bool downloaded)
{
    const HubFile file = m_files.at(m_index);
    m_completedBytes += qMax<qint64>(file.size, m_currentFileBytes);
    m_currentFileBytes = 0;
    ++m_index;
    emitProgress(true);
    Q_EMIT fileDone(file.path, file.size, downloaded);
    if (!m_running)
        return;
    if (file.path == QLatin1String("config.json") && !checkConfigIsGit())
        return;
    // Through the event loop: a cache full of files must not recurse once per file.
    later([this] { nextFile(); });
}

// Checked as soon as config.json is in, so a wrong repo costs kilobytes, not the weights.
bool ModelDownloader::checkConfigIsGit()
{
    QFile config(m_cache->pointerPath(m_listing.commit, QStringLiteral("config.json")));
    config.open(QIODevice::ReadOnly);
    const QJsonDocument doc = QJsonDocument::fromJson(config.read(16 * 1024 * 1024));
    const QString type = doc.object().value(QLatin1String("model_type")).toString();
    if (type == QLatin1String("git"))
        return true;
    // Only what this run added goes: blobs other revisions (or Python) share stay.
    QFile::remove(m_cache->pointerPath(m_listing.commit, QStringLiteral("config.json")));
    for (const QString& blob : std::as_const(m_addedBlobs))
        QFile::remove(blob);
    QDir().rmdir(m_cache->snapshotDir(m_listing.commit));
    fail(doc.isObject()
             ? QStringLiteral("%1 is not a GIT model (its config.json says model_type \"%2\"); nothing was kept. "
                              "gitvqa runs GIT checkpoints such as microsoft/git-base-msrvtt-qa.").arg(m_repoId, type)
             : QStringLiteral("%1's config.json is not valid JSON, so it cannot be used; nothing was kept.")
                   .arg(m_repoId));
    return false;
}

void ModelDownloader::finishSnapshot()
{
    // Last, so refs/main never names a snapshot that lacks files (the locator follows it).
    const QString error = m_cache->writeRef(m_revision, m_listing.commit);
    if (!error.isEmpty())
        return fail(error);
    m_running = false;
    emitProgress(true);
    Q_EMIT finished(m_cache->snapshotDir(m_listing.commit));
}

void ModelDownloader::emitProgress(bool force)
{
    const qint64 now = m_clock.elapsed();
    if (!force && m_lastEmitMs >= 0 && now - m_lastEmitMs < kProgressIntervalMs)
        return;
    m_lastEmitMs = now;

    m_samples.append({now, m_networkBytes});
    while (m_samples.size() > 2 && m_samples.at(1).first < now - kSpeedWindowMs)
        m_samples.removeFirst();
    const qint64 spanMs = now - m_samples.front().first;
    const qint64 spanBytes = m_networkBytes - m_samples.front().second;
    double speed = 0.0;
    if (spanMs >= 200)
        speed = spanBytes * 1000.0 / spanMs;
    else if (now > 0)
        speed = m_networkBytes * 1000.0 / now;

    const qint64 done = m_completedBytes + m_currentFileBytes;
    const double left = (m_total >= 0 && speed > 0.0) ? double(qMax<qint64>(m_total - done, 0)) / speed : -1.0;
    const QString current = m_index < m_files.size() ? m_files.at(m_index).path : QString();
    Q_EMIT progress(done, m_total, speed, left, current);
}

void ModelDownloader::later(const std::function<void()>& step)
{
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation, step] {
            if (generation == m_generation)
                step();
        },
        Qt::QueuedConnection);
}

void ModelDownloader::failLater(const QString& message)
{
    later([this, message] { fail(message); });
}

void ModelDownloader::fail(const QString& message)
{
    if (!m_running)
        return;
    m_running = false;
    m_hub->abort();
    stopCurrentFile();
    Q_EMIT failed(message);
}

void ModelDownloader::cancel()
{
    if (!m_running)
        return;
    m_running = false;
    ++m_generation;
    m_hub->abort();
    stopCurrentFile();
    Q_EMIT statusChanged(QStringLiteral("Cancelled"));
    Q_EMIT cancelled();
}

void ModelDownloader::stopCurrentFile()
{
    m_lockTimer.stop();
    if (m_current) {
        m_current->cancel();
        m_current->deleteLater();
        m_current = nullptr;
    }
    m_lock.reset(); // after the transfer stopped writing
}

} // namespace gitvqa
