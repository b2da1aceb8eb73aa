#include "models/model_locator.h"

#include "models/model_catalog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>
#include <optional>

namespace gitvqa {

namespace {

QString envPath(const char* name)
{
    const QByteArray value = qgetenv(name);
    return value.isEmpty() ? QString() : QDir::cleanPath(QString::fromLocal8Bit(value));
}

bool looksLikeModelFolder(const QDir& dir)
{
    return dir.exists(QStringLiteral("config.json")) || dir.exists(QString::fromLatin1(kModelMarkerFileName));
}

QStringList visibleSubfolders(const QDir& dir)
{
    QStringList names = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    names.erase(std::remove_if(names.begin(), names.end(), isIgnoredFolderName), names.end());
    return names;
}

// Snapshots of one cached repo, the one refs/main points at first (that is what from_pretrained would load), then
// the newest first.
QList<ModelInfo> scanCacheRepo(const QString& repoDir, ModelSource source, bool onlyGit)
{
    const QDir snapshots(QDir(repoDir).filePath(QStringLiteral("snapshots")));
    if (!snapshots.exists())
        return {};
    QString mainCommit;
    QFile ref(QDir(repoDir).filePath(QStringLiteral("refs/main")));
    if (ref.open(QIODevice::ReadOnly))
        mainCommit = QString::fromLatin1(ref.read(256)).trimmed();

    QFileInfoList revisions = snapshots.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Time);
    std::stable_partition(revisions.begin(), revisions.end(),
                          [&](const QFileInfo& f) { return f.fileName() == mainCommit; });
    QList<ModelInfo> found;
    for (const QFileInfo& rev : revisions) {
        ModelInfo info = inspectModelFolder(rev.filePath(), source);
        if (onlyGit && !info.isGitModel() && !ModelCatalog::find(info.repoId))
            continue;
        found.append(info);
    }
    return found;
}

QList<ModelInfo> scanHubCache(const QString& cacheDir, ModelSource source, bool onlyGit)
{
    QList<ModelInfo> found;
    const QDir cache(cacheDir);
    for (const QString& name : cache.entryList({QStringLiteral("models--*")}, QDir::Dirs | QDir::NoDotAndDotDot,
                                               QDir::Name))
        found += scanCacheRepo(cache.filePath(name), source, onlyGit);
    return found;
}

QString describeSource(const SearchPath& p)
{
    switch (p.source) {
    case ModelSource::ExplicitFolder:
        return QStringLiteral("%1 (the folder given)").arg(p.path);
    case ModelSource::ConfiguredFolder:
        return QStringLiteral("%1 (configured model folder)").arg(p.path);
    case ModelSource::HuggingFaceCache:
        return QStringLiteral("%1 (Hugging Face cache)").arg(p.path);
    case ModelSource::AppModelsFolder:
        return QStringLiteral("%1 (gitvqa's model folder)").arg(p.path);
    }
    return p.path;
}

// The first usable candidate, preferring the wanted repo; rejected ones are noted in *skipped.
std::optional<ModelInfo> pickUsable(const QList<ModelInfo>& candidates, const QString& repoId,
                                    QStringList* skipped)
{
    std::optional<ModelInfo> firstUsable;
    for (const ModelInfo& m : candidates) {
        if (!m.isUsable()) {
            skipped->append(QStringLiteral("%1: %2").arg(m.path, m.statusText()));
            continue;
        }
        if (m.repoId.compare(repoId, Qt::CaseInsensitive) == 0)
            return m;
        if (!firstUsable)
            firstUsable = m;
    }
    return firstUsable;
}

} // namespace

QString defaultAppModelsDir()
{
    const QString overridden = envPath("GITVQA_MODELS_DIR");
    if (!overridden.isEmpty())
        return overridden;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/models");
}

QString downloadFolderName(const QString& repoId, const QString& revision)
{
    QString name = QString(repoId).replace(QLatin1Char('/'), QLatin1String("--"));
    if (!revision.isEmpty() && revision != QLatin1String("main"))
        name += QLatin1Char('@') + QString(revision).replace(QLatin1Char('/'), QLatin1Char('_'));
    return name;
}

bool isIgnoredFolderName(const QString& name)
{
    return name.startsWith(QLatin1Char('.')) || name.endsWith(QLatin1String(".gitvqa-download"));
}

ModelLocator::ModelLocator()
    : m_hubCache(huggingFaceHubCacheDir())
    , m_appModels(defaultAppModelsDir())
{
}

QList<SearchPath> ModelLocator::searchPaths() const
{
    QList<SearchPath> paths;
    for (const QString& folder : m_configured) {
        if (!folder.trimmed().isEmpty())
            paths.append({QDir::cleanPath(folder), ModelSource::ConfiguredFolder});
    }
    if (!m_hubCache.isEmpty())
        paths.append({m_hubCache, ModelSource::HuggingFaceCache});
    if (!m_appModels.isEmpty())
        paths.append({m_appModels, ModelSource::AppModelsFolder});
    return paths;
}

QList<SearchPath> ModelLocator::defaultSearchPaths(const QStringList& configuredFolders)
{
    ModelLocator locator;
    locator.setConfiguredFolders(configuredFolders);
    return locator.searchPaths();
}

QList<ModelInfo> ModelLocator::findModelsIn(const SearchPath& searchPath)
{
    const QDir dir(searchPath.path);
    if (!dir.exists())
        return {};
    if (searchPath.source == ModelSource::HuggingFaceCache)
        return scanHubCache(dir.path(), searchPath.source, true);
    if (looksLikeModelFolder(dir))
        return {inspectModelFolder(dir.path(), searchPath.source)};
    if (dir.dirName().startsWith(QLatin1String("models--")))
        return scanCacheRepo(dir.path(), searchPath.source, false);

    // A folder of models: ORG--NAME (our downloads), NAME, ORG/NAME, or a copied hub cache (models--ORG--NAME).
    QList<ModelInfo> found;
    for (const QString& name : visibleSubfolders(dir)) {
        const QDir child(dir.filePath(name));
        if (looksLikeModelFolder(child)) {
            found.append(inspectModelFolder(child.path(), searchPath.source));
        } else if (name.startsWith(QLatin1String("models--"))) {
            found += scanCacheRepo(child.path(), searchPath.source, false);
        } else {
            for (const QString& grandName : visibleSubfolders(child)) {
                const QDir grandChild(child.filePath(grandName));
                if (looksLikeModelFolder(grandChild))
                    found.append(inspectModelFolder(grandChild.path(), searchPath.source));
            }
        }
    }
    return found;
}

QList<ModelInfo> ModelLocator::findModels() const
{
    QList<ModelInfo> found;
    QStringList seen;
    for (const SearchPath& p : searchPaths()) {
        for (const ModelInfo& m : findModelsIn(p)) {
            // The app folder may sit inside a configured folder (or the reverse): list each folder once.
            if (seen.contains(m.path))
                continue;
            seen.append(m.path);
            found.append(m);
        }
    }
    return found;
}

ModelResolution ModelLocator::resolve(const QString& explicitFolder, const QString& wantedRepo) const
{
    const QString repoId = wantedRepo.isEmpty() ? ModelCatalog::defaultRepoId() : wantedRepo;
    ModelResolution result;

    if (!explicitFolder.isEmpty()) {
        const SearchPath given{QFileInfo(explicitFolder).absoluteFilePath(), ModelSource::ExplicitFolder};
        QList<ModelInfo> candidates;
        if (!QFileInfo(given.path).isDir() || looksLikeModelFolder(QDir(given.path)))
            candidates = {inspectModelFolder(given.path, ModelSource::ExplicitFolder)};
        else
            candidates = findModelsIn(given);
        if (const std::optional<ModelInfo> m = pickUsable(candidates, repoId, &result.skipped)) {
            result.found = true;
            result.model = *m;
            return result;
        }
        if (candidates.size() == 1) {
            result.model = candidates.front();
            result.message = QCoreApplication::translate("gitvqa::Models", "The model folder %1 cannot be used: %2.")
                                 .arg(candidates.front().path, candidates.front().statusText());
        } else {
            result.message = QCoreApplication::translate("gitvqa::Models", "No usable GIT model in %1%2")
                                 .arg(given.path, candidates.isEmpty()
                                                      ? QCoreApplication::translate("gitvqa::Models", ": it holds no config.json.")
                                                      : QCoreApplication::translate("gitvqa::Models", " (%1 found, none complete).")
                                                            .arg(candidates.size()));
        }
        return result;
    }

    QStringList looked;
    for (const QString& folder : m_configured) {
        if (folder.trimmed().isEmpty())
            continue;
        const SearchPath p{QDir::cleanPath(folder), ModelSource::ConfiguredFolder};
        looked.append(describeSource(p));
        if (const std::optional<ModelInfo> m = pickUsable(findModelsIn(p), repoId, &result.skipped)) {
            result.found = true;
            result.model = *m;
            return result;
        }
    }

    const QString cacheRepoDir = QDir(m_hubCache).filePath(
        QStringLiteral("models--") + QString(repoId).replace(QLatin1Char('/'), QLatin1String("--")));
    looked.append(describeSource({cacheRepoDir, ModelSource::HuggingFaceCache}));
    const QList<ModelInfo> cached = scanCacheRepo(cacheRepoDir, ModelSource::HuggingFaceCache, false);
    if (const std::optional<ModelInfo> m = pickUsable(cached, repoId, &result.skipped)) {
        result.found = true;
        result.model = *m;
        return result;
    }

    const QString appDir = QDir(m_appModels).filePath(downloadFolderName(repoId));
    looked.append(describeSource({appDir, ModelSource::AppModelsFolder}));
    if (QFileInfo(appDir).isDir()) {
        const ModelInfo info = inspectModelFolder(appDir, ModelSource::AppModelsFolder);
        if (const std::optional<ModelInfo> m = pickUsable({info}, repoId, &result.skipped)) {
            result.found = true;
            result.model = *m;
            return result;
        }
    }

    result.message =
        QCoreApplication::translate("gitvqa::Models", "No usable GIT model found (looked in: %1). Download %2 with `gitvqa download` or from the Models dialog, or put its "
                       "files (config.json, model.safetensors or pytorch_model.bin, vocab.txt or tokenizer.json, "
                       "preprocessor_config.json) in %3, or name a model folder with --model DIR.")
            .arg(looked.join(QStringLiteral("; ")), repoId, appDir);
    if (!result.skipped.isEmpty())
        result.message +=
            QStringLiteral(" Found but incomplete: ") + result.skipped.join(QStringLiteral("; ")) + QLatin1Char('.');
    return result;
}

} // namespace gitvqa
