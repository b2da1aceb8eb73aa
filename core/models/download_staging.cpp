#include "models/download_staging.h"

#include "models/model_inspector.h"
#include "models/model_locator.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTemporaryFile>

namespace gitvqa {

namespace {

const QString kStateFileName = QStringLiteral(".gitvqa-download-state.json");
// File systems report space in blocks and other programs write too: keep a little headroom beyond the bytes needed.
constexpr qint64 kFreeSpaceMargin = 16 * 1000 * 1000;

QString expectedHash(const HubFile& f)
{
    return f.isLfs() ? f.sha256 : f.gitOid;
}

bool writeJson(const QString& path, const QJsonObject& object)
{
    // QSaveFile: a crash mid-write leaves the previous state, never half a JSON document.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QJsonDocument(object).toJson());
    return file.commit();
}

// The nearest existing ancestor, to explain why a folder cannot be created.
QString firstObstacle(const QString& path)
{
    QFileInfo info(path);
    while (!info.exists() && info.absolutePath() != info.absoluteFilePath())
        info = QFileInfo(info.absolutePath());
    return info.absoluteFilePath();
}

} // namespace

DownloadStaging::DownloadStaging(const QString& destinationRoot, const QString& repoId, const QString& revision)
    : m_root(QDir::cleanPath(QFileInfo(destinationRoot).absoluteFilePath()))
    , m_repoId(repoId)
    , m_revision(revision)
{
    const QString name = downloadFolderName(repoId, revision);
    m_staging = m_root + QStringLiteral("/.") + name + QStringLiteral(".gitvqa-download");
    m_final = m_root + QLatin1Char('/') + name;
}

QString DownloadStaging::partPath(const HubFile& file) const
{
    return m_staging + QLatin1Char('/') + file.path + QStringLiteral(".incomplete");
}

QString DownloadStaging::donePath(const HubFile& file) const
{
    return m_staging + QLatin1Char('/') + file.path;
}

QString DownloadStaging::checkWritable(const QString& root)
{
    const QString hint = QStringLiteral("Choose a folder you can write to, for example %1.").arg(defaultAppModelsDir());
    if (!QDir().mkpath(root)) {
        const QString obstacle = firstObstacle(root);
        if (QFileInfo(obstacle).isFile())
            return QStringLiteral("Cannot create the download folder %1: %2 is a file, not a folder. %3")
                .arg(root, obstacle, hint);
        return QStringLiteral("Cannot create the download folder %1: %2 is not writable. %3").arg(root, obstacle, hint);
    }
    // Permission bits do not tell the whole story (read-only mounts, ACLs, root); creating a file does.
    QTemporaryFile probe(root + QStringLiteral("/.gitvqa-write-test-XXXXXX"));
    if (!probe.open() || probe.write("x", 1) != 1)
        return QStringLiteral("Cannot write to the download folder %1 (%2). %3").arg(root, probe.errorString(), hint);
    return {};
}

QString DownloadStaging::prepare(const HubListing& listing, const QList<HubFile>& files)
{
    m_commit = listing.commit;
    if (!QDir().mkpath(m_staging))
        return QStringLiteral("Cannot create the folder %1 for the download. Check that %2 is writable.")
            .arg(m_staging, m_root);

    QHash<QString, Expected> previous;
    QFile stateFile(m_staging + QLatin1Char('/') + kStateFileName);
    const bool hasState = stateFile.open(QIODevice::ReadOnly);
    if (hasState) {
        const QJsonObject state = QJsonDocument::fromJson(stateFile.readAll()).object();
        const QJsonObject files = state.value(QLatin1String("files")).toObject();
        for (auto it = files.begin(); it != files.end(); ++it) {
            const QJsonObject f = it.value().toObject();
            previous.insert(it.key(), Expected{f.value(QLatin1String("size")).toInteger(-1),
                                               f.value(QLatin1String("hash")).toString(),
                                               f.value(QLatin1String("verified")).toBool()});
        }
    }

    m_files.clear();
    for (const HubFile& f : files) {
        Expected e{f.size, expectedHash(f), false};
        const auto old = previous.constFind(f.path);
        const bool sameContent = old != previous.constEnd() && old->size == e.size && old->hash == e.hash
                                 && !e.hash.isEmpty();
        if (hasState && !sameContent) {
            // Bytes of another version of this file: resuming onto them could only produce a corrupt file.
            QFile::remove(partPath(f));
            QFile::remove(donePath(f));
        }
        // Without a state file a partial is kept: its hash is checked at the end, so the worst case is one
        // re-download of that file.
        e.verified = sameContent && old->verified && QFileInfo(donePath(f)).size() == f.size;
        m_files.insert(f.path, e);
    }
    writeState();
    return {};
}

qint64 DownloadStaging::bytesPresent(const HubFile& file) const
{
    if (isVerified(file))
        return file.size;
    const QFileInfo part(partPath(file));
    return part.exists() ? part.size() : 0;
}

bool DownloadStaging::isVerified(const HubFile& file) const
{
    return m_files.value(file.path).verified;
}

void DownloadStaging::markVerified(const HubFile& file)
{
    m_files[file.path].verified = true;
    writeState();
}

void DownloadStaging::writeState() const
{
    QJsonObject files;
    for (auto it = m_files.cbegin(); it != m_files.cend(); ++it) {
        files.insert(it.key(), QJsonObject{{QStringLiteral("size"), it->size},
                                           {QStringLiteral("hash"), it->hash},
                                           {QStringLiteral("verified"), it->verified}});
    }
    writeJson(m_staging + QLatin1Char('/') + kStateFileName,
              QJsonObject{{QStringLiteral("repo_id"), m_repoId},
                          {QStringLiteral("revision"), m_revision},
                          {QStringLiteral("commit"), m_commit},
                          {QStringLiteral("files"), files}});
}

QString DownloadStaging::install(const HubListing& listing, const QList<HubFile>& files, const QString& endpoint)
{
    // Last look with the same rules the locator applies, so what is installed is what will be found as usable.
    const ModelInfo check = inspectModelFolder(m_staging);
    if (!check.isUsable()) {
        return QStringLiteral("The downloaded files of %1 do not form a usable GIT model (%2). The download was kept "
                              "in %3.").arg(m_repoId, check.statusText(), m_staging);
    }

    QJsonArray fileList;
    for (const HubFile& f : files) {
        QJsonObject entry{{QStringLiteral("path"), f.path}, {QStringLiteral("size"), f.size}};
        entry.insert(f.isLfs() ? QStringLiteral("sha256") : QStringLiteral("git_oid"), expectedHash(f));
        fileList.append(entry);
    }
    const QJsonObject marker{{QStringLiteral("repo_id"), m_repoId},
                             {QStringLiteral("revision"), listing.revision},
                             {QStringLiteral("commit"), listing.commit},
                             {QStringLiteral("endpoint"), endpoint},
                             {QStringLiteral("downloaded_at"),
                              QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                             {QStringLiteral("files"), fileList}};
    if (!writeJson(m_staging + QLatin1Char('/') + QString::fromLatin1(kModelMarkerFileName), marker))
        return QStringLiteral("Cannot write into %1: the disk may be full.").arg(m_staging);
    QFile::remove(m_staging + QLatin1Char('/') + kStateFileName);

    QString replaced;
    const QFileInfo existing(m_final);
    if (existing.exists() || existing.isSymLink()) {
        const QDir finalDir(m_final);
        const bool ours = finalDir.exists(QString::fromLatin1(kModelMarkerFileName));
        const bool empty = existing.isDir() && finalDir.isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        if (empty) {
            QDir().rmdir(m_final);
        } else if (ours) {
            // Move the old copy aside first: the rename below must not find anything in its way.
            replaced = m_root + QStringLiteral("/.") + QFileInfo(m_final).fileName() + QStringLiteral(".old-")
                       + QString::number(QDateTime::currentMSecsSinceEpoch()) + QStringLiteral(".gitvqa-download");
            if (!QDir().rename(m_final, replaced))
                return QStringLiteral("Cannot replace the older copy in %1 (it may be in use). The new download was "
                                      "kept in %2.").arg(m_final, m_staging);
        } else {
            return QStringLiteral("%1 already exists and was not made by gitvqa. Move it away or choose another "
                                  "folder; the downloaded files are kept and the next try only installs them.")
                .arg(m_final);
        }
    }
    if (!QDir().rename(m_staging, m_final)) {
        if (!replaced.isEmpty())
            QDir().rename(replaced, m_final);
        return QStringLiteral("Cannot move the finished download from %1 to %2.").arg(m_staging, m_final);
    }
    if (!replaced.isEmpty())
        QDir(replaced).removeRecursively();
    return {};
}

void DownloadStaging::discard()
{
    QDir(m_staging).removeRecursively();
}

QString checkFreeSpace(const QString& folder, qint64 needed, qint64 available)
{
    if (available < 0 || needed <= 0 || needed + kFreeSpaceMargin <= available)
        return {};
    return QStringLiteral("Not enough free disk space in %1: the download needs %2 more, but only %3 is free. Free up "
                          "space or choose another folder.")
        .arg(folder, formatByteSize(needed), formatByteSize(qMax<qint64>(available, 0)));
}

} // namespace gitvqa
