#include "models/model_downloader.h"

#include "models/download_staging.h"
#include "models/file_download.h"
#include "models/model_locator.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QStorageInfo>

namespace gitvqa {

namespace {

constexpr qint64 kProgressIntervalMs = 100;
constexpr qint64 kSpeedWindowMs = 5000;

qint64 storageAvailable(const QString& folder)
{
    const QStorageInfo storage(folder);
    return storage.isValid() && storage.isReady() ? storage.bytesAvailable() : -1;
}

} // namespace

ModelDownloader::ModelDownloader(QObject* parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
    , m_hub(new HubClient(m_nam, this))
    , m_freeSpace(storageAvailable)
{
    // Corporate networks reach the Hub through the proxy the desktop is configured with.
    QNetworkProxyFactory::setUseSystemConfiguration(true);
    connect(m_hub, &HubClient::listingReady, this, &ModelDownloader::onListing);
    connect(m_hub, &HubClient::listingFailed, this, &ModelDownloader::fail);
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

void ModelDownloader::setToken(const QString& token)
{
    m_hub->setToken(token);
}

void ModelDownloader::setFreeSpaceFunction(FreeSpaceFunction freeSpace)
{
    m_freeSpace = freeSpace ? std::move(freeSpace) : FreeSpaceFunction(storageAvailable);
}

void ModelDownloader::setRetryPolicy(int maxRetries, int retryDelayMs)
{
    m_maxRetries = qMax(0, maxRetries);
    m_retryDelayMs = qMax(0, retryDelayMs);
}

void ModelDownloader::setStallTimeoutMs(int ms)
{
    m_hub->setStallTimeoutMs(ms);
}

QString ModelDownloader::modelFolderFor(const QString& destinationRoot, const QString& repoId, const QString& revision)
{
    return DownloadStaging(destinationRoot, repoId, revision.isEmpty() ? QStringLiteral("main") : revision).finalDir();
}

QString ModelDownloader::stagingFolderFor(const QString& destinationRoot, const QString& repoId,
                                          const QString& revision)
{
    return DownloadStaging(destinationRoot, repoId, revision.isEmpty() ? QStringLiteral("main") : revision)
        .stagingDir();
}

void ModelDownloader::discardPartialDownload(const QString& destinationRoot, const QString& repoId,
                                             const QString& revision)
{
    DownloadStaging(destinationRoot, repoId, revision.isEmpty() ? QStringLiteral("main") : revision).discard();
}

void ModelDownloader::start(const QString& repoId, const QString& revision, const QString& destinationRoot)
{
    if (m_running) {
        qWarning("ModelDownloader::start(%s) ignored: a download is running", qPrintable(repoId));
        return;
    }
    ++m_generation;
    m_running = true;
    m_repoId = repoId.trimmed();
    m_revision = revision.trimmed().isEmpty() ? QStringLiteral("main") : revision.trimmed();
    m_root = destinationRoot.isEmpty() ? defaultAppModelsDir() : destinationRoot;
    m_listing = HubListing{};
    m_files.clear();
    m_index = 0;
    m_staging.reset();
    m_total = -1;
    m_completedBytes = m_currentFileBytes = m_networkBytes = 0;
    m_samples.clear();
    m_lastEmitMs = -1;
    m_clock.start();

    if (!isValidRepoId(m_repoId))
        return failLater(QStringLiteral("\"%1\" is not a model name: expected ORGANISATION/NAME, for example %2.")
                             .arg(m_repoId, QStringLiteral("microsoft/git-base-msrvtt-qa")));
    if (m_revision.contains(QLatin1String("..")) || m_revision.contains(QLatin1Char('\\')))
        return failLater(QStringLiteral("\"%1\" is not a revision: use a branch, tag or commit such as \"main\".")
                             .arg(m_revision));
    const QString notWritable = DownloadStaging::checkWritable(m_root);
    if (!notWritable.isEmpty())
        return failLater(notWritable);

    Q_EMIT statusChanged(QStringLiteral("Asking %1 for the files of %2").arg(m_hub->endpoint().host(), m_repoId));
    if (!m_running)
        return; // a receiver cancelled
    m_hub->fetchListing(m_repoId, m_revision);
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

    m_staging = std::make_unique<DownloadStaging>(m_root, m_repoId, m_revision);
    error = m_staging->prepare(listing, m_files);
    if (!error.isEmpty())
        return fail(error);

    bool sizesKnown = true;
    qint64 total = 0;
    qint64 needed = 0;
    for (const HubFile& f : std::as_const(m_files)) {
        sizesKnown = sizesKnown && f.size >= 0;
        total += qMax<qint64>(f.size, 0);
        needed += qMax<qint64>(f.size - m_staging->bytesPresent(f), 0);
    }
    m_total = sizesKnown ? total : -1;
    error = checkFreeSpace(m_root, needed, m_freeSpace(m_staging->stagingDir()));
    if (!error.isEmpty())
        return fail(error);
    nextFile();
}

void ModelDownloader::nextFile()
{
    while (m_index < m_files.size() && m_staging->isVerified(m_files.at(m_index))) {
        m_completedBytes += qMax<qint64>(m_files.at(m_index).size, 0);
        ++m_index;
    }
    if (m_index == m_files.size())
        return install();

    const HubFile& file = m_files.at(m_index);
    m_currentFileBytes = 0;
    m_current = new FileDownload(m_hub, m_nam, m_repoId, m_listing.commit, file, m_staging->partPath(file),
                                 m_staging->donePath(file), this);
    m_current->setRetryPolicy(m_maxRetries, m_retryDelayMs);
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
        QStringLiteral("Downloading %1 (%2 of %3)").arg(file.path).arg(m_index + 1).arg(m_files.size()));
    emitProgress(true);
    if (m_running && m_current)
        m_current->start();
}

void ModelDownloader::onFileCompleted()
{
    const HubFile file = m_current->file();
    m_current->deleteLater();
    m_current = nullptr;
    m_staging->markVerified(file);
    m_completedBytes += qMax<qint64>(file.size, m_currentFileBytes);
    m_currentFileBytes = 0;
    ++m_index;
    emitProgress(true);
    if (!m_running)
        return;
    if (file.path == QLatin1String("config.json") && !checkConfigIsGit())
        return;
    nextFile();
}

// Checked as soon as config.json is in, so a wrong repo costs kilobytes, not the weights.
bool ModelDownloader::checkConfigIsGit()
{
    QFile config(m_staging->stagingDir() + QStringLiteral("/config.json"));
    config.open(QIODevice::ReadOnly);
    const QJsonDocument doc = QJsonDocument::fromJson(config.read(16 * 1024 * 1024));
    const QString type = doc.object().value(QLatin1String("model_type")).toString();
    if (type == QLatin1String("git"))
        return true;
    m_staging->discard();
    fail(doc.isObject()
             ? QStringLiteral("%1 is not a GIT model (its config.json says model_type \"%2\"); nothing was kept. "
                              "gitvqa runs GIT checkpoints such as microsoft/git-base-msrvtt-qa.").arg(m_repoId, type)
             : QStringLiteral("%1's config.json is not valid JSON, so it cannot be used; nothing was kept.")
                   .arg(m_repoId));
    return false;
}

void ModelDownloader::install()
{
    Q_EMIT statusChanged(QStringLiteral("Installing %1").arg(m_repoId));
    if (!m_running)
        return;
    const QString error =
        m_staging->install(m_listing, m_files, m_hub->endpoint().toString(QUrl::StripTrailingSlash));
    if (!error.isEmpty())
        return fail(error);
    m_running = false;
    emitProgress(true);
    Q_EMIT finished(m_staging->finalDir());
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

void ModelDownloader::failLater(const QString& message)
{
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation, message] {
            if (generation == m_generation)
                fail(message);
        },
        Qt::QueuedConnection);
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
    if (!m_current)
        return;
    m_current->cancel();
    m_current->deleteLater();
    m_current = nullptr;
}

} // namespace gitvqa
