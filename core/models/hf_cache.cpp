#include "models/hf_cache.h"

#include "models/model_inspector.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTemporaryFile>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace gitvqa {

namespace {

// huggingface_hub's _local_folder.CACHEDIR_TAG_CONTENT, byte for byte (https://bford.info/cachedir/).
constexpr char kCacheDirTag[] = "Signature: 8a477f597d28d172789f06886806bc55\n"
                                "# This file is a cache directory tag created by huggingface_hub.\n"
                                "# For information about cache directory tags, see:\n"
                                "#\thttps://bford.info/cachedir/\n";

QString mkpathError(const QString& path)
{
    if (QDir().mkpath(path))
        return {};
    return QCoreApplication::translate("gitvqa::Models", "Cannot create the folder %1 in the Hugging Face cache. Check that it is writable, or set "
                          "HF_HUB_CACHE to a folder that is.").arg(QDir::toNativeSeparators(path));
}

} // namespace

QString hubRepoFolderName(const QString& repoId)
{
    return QStringLiteral("models--") + QString(repoId).replace(QLatin1Char('/'), QLatin1String("--"));
}

bool isCommitHash(const QString& revision)
{
    static const QRegularExpression commit(QStringLiteral("^[0-9a-f]{40}$"));
    return commit.match(revision).hasMatch();
}

HfCacheRepo::HfCacheRepo(const QString& cacheDir, const QString& repoId)
    : m_cache(QDir::cleanPath(cacheDir))
    , m_storage(m_cache + QLatin1Char('/') + hubRepoFolderName(repoId))
{
}

QString HfCacheRepo::blobPath(const QString& etag) const
{
    return m_storage + QStringLiteral("/blobs/") + etag;
}

QString HfCacheRepo::incompletePath(const QString& etag) const
{
    return blobPath(etag) + QStringLiteral(".incomplete");
}

QString HfCacheRepo::lockPath(const QString& etag) const
{
    return m_cache + QStringLiteral("/.locks/") + QFileInfo(m_storage).fileName() + QLatin1Char('/') + etag
           + QStringLiteral(".lock");
}

QString HfCacheRepo::snapshotDir(const QString& commit) const
{
    return m_storage + QStringLiteral("/snapshots/") + commit;
}

QString HfCacheRepo::pointerPath(const QString& commit, const QString& file) const
{
    return snapshotDir(commit) + QLatin1Char('/') + file;
}

QString HfCacheRepo::refPath(const QString& revision) const
{
    return m_storage + QStringLiteral("/refs/") + revision;
}

QString HfCacheRepo::resolveRevision(const QString& revision) const
{
    if (isCommitHash(revision))
        return revision;
    QFile ref(refPath(revision));
    if (!ref.open(QIODevice::ReadOnly))
        return {};
    const QString commit = QString::fromLatin1(ref.read(256)).trimmed();
    return isCommitHash(commit) ? commit : QString();
}

bool HfCacheRepo::hasFile(const QString& commit, const QString& file) const
{
    return QFileInfo(pointerPath(commit, file)).isFile(); // follows the link: a dangling one is not a file
}

bool HfCacheRepo::hasBlob(const QString& etag) const
{
    return QFileInfo(blobPath(etag)).isFile();
}

QString HfCacheRepo::prepare() const
{
    for (const QString& dir : {m_storage + QStringLiteral("/blobs"), m_storage + QStringLiteral("/snapshots"),
                               QFileInfo(lockPath(QStringLiteral("x"))).absolutePath()}) {
        const QString error = mkpathError(dir);
        if (!error.isEmpty())
            return error;
    }
    const QString tag = m_cache + QStringLiteral("/CACHEDIR.TAG");
    if (!QFileInfo::exists(tag)) {
        QFile f(tag);
        if (f.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            f.write(kCacheDirTag); // best effort, as in huggingface_hub
    }
    return {};
}

QString HfCacheRepo::linkFile(const QString& commit, const QString& file, const QString& etag) const
{
    const QString pointer = pointerPath(commit, file);
    const QString folder = QFileInfo(pointer).absolutePath();
    const QString error = mkpathError(folder);
    if (!error.isEmpty())
        return error;
    // Relative, like os.path.relpath in _create_symlink, so the cache can be moved or mounted elsewhere.
    const QString target = QDir(folder).relativeFilePath(blobPath(etag));
    QFile::remove(pointer);
    if (::symlink(QFile::encodeName(target).constData(), QFile::encodeName(pointer).constData()) == 0)
        return {};
    const int err = errno;
    if (err == EEXIST && QFileInfo(pointer).canonicalFilePath() == QFileInfo(blobPath(etag)).canonicalFilePath())
        return {}; // another process linked the same blob in between
    return QCoreApplication::translate("gitvqa::Models", "Cannot link %1 in the Hugging Face cache (%2).")
        .arg(QDir::toNativeSeparators(pointer), QString::fromLocal8Bit(std::strerror(err)));
}

QString HfCacheRepo::writeRef(const QString& revision, const QString& commit) const
{
    if (revision == commit)
        return {};
    const QString path = refPath(revision);
    QFile existing(path);
    if (existing.open(QIODevice::ReadOnly) && QString::fromLatin1(existing.readAll()) == commit)
        return {};
    existing.close();
    QString error = mkpathError(QFileInfo(path).absolutePath());
    if (!error.isEmpty())
        return error;
    // huggingface_hub writes the bare commit (no newline) through a temporary file and os.replace.
    QSaveFile out(path);
    if (out.open(QIODevice::WriteOnly) && out.write(commit.toLatin1()) == commit.size() && out.commit())
        return {};
    return QCoreApplication::translate("gitvqa::Models", "Cannot write %1 in the Hugging Face cache (%2).")
        .arg(QDir::toNativeSeparators(path), out.errorString());
}

QString checkCacheWritable(const QString& cacheDir)
{
    const QString shown = QDir::toNativeSeparators(cacheDir);
    const QString fix = QCoreApplication::translate("gitvqa::Models", "Set HF_HUB_CACHE (or HF_HOME) to a folder you can write to, then try again.");
    for (QFileInfo up(cacheDir); !up.filePath().isEmpty() && up.filePath() != up.absolutePath();
         up = QFileInfo(up.absolutePath())) {
        if (up.exists() && !up.isDir())
            return QCoreApplication::translate("gitvqa::Models", "Cannot create the Hugging Face cache folder %1: %2 is a file, not a folder. %3")
                .arg(shown, QDir::toNativeSeparators(up.filePath()), fix);
        if (up.exists())
            break;
    }
    if (!QDir().mkpath(cacheDir))
        return QCoreApplication::translate("gitvqa::Models", "Cannot create the Hugging Face cache folder %1. %2").arg(shown, fix);
    QTemporaryFile probe(cacheDir + QStringLiteral("/.gitvqa-write-test-XXXXXX"));
    if (!probe.open())
        return QCoreApplication::translate("gitvqa::Models", "Cannot write to the Hugging Face cache folder %1 (%2). %3")
            .arg(shown, probe.errorString(), fix);
    return {};
}

QString checkFreeSpace(const QString& folder, qint64 needed, qint64 available)
{
    // Room for the files plus a margin, so the download does not leave the disk completely full.
    const qint64 margin = qMin<qint64>(needed / 20 + 16 * 1024 * 1024, 512LL * 1024 * 1024);
    if (available < 0 || needed <= 0 || needed + margin <= available)
        return {};
    return QCoreApplication::translate("gitvqa::Models", "Not enough free disk space in %1: the download needs %2 and %3 is free. Free up space, "
                          "or set HF_HUB_CACHE to a folder on a larger disk, then try again.")
        .arg(QDir::toNativeSeparators(folder), formatByteSize(needed + margin), formatByteSize(available));
}

} // namespace gitvqa
