#pragma once
// Where GIT checkpoints live on this machine and which one to use. Three kinds of places are searched: folders the
// user configured, the Hugging Face hub cache (models--ORG--NAME/snapshots/REV, files linked into blobs/), and
// gitvqa's own download folder. resolve() is the single rule the CLI and the app share for "the model to use".

#include "models/hub_environment.h" // huggingFaceHubCacheDir()
#include "models/model_inspector.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace gitvqa {

struct SearchPath {
    QString path;
    ModelSource source = ModelSource::ConfiguredFolder;
};

struct ModelResolution {
    bool found = false;
    ModelInfo model;      // valid when found
    QString message;      // when !found: what was tried and where to put a model; empty when found
    QStringList skipped;  // candidates looked at and rejected, "PATH: reason" (shown as a note even when found)
    explicit operator bool() const { return found; }
};

// gitvqa's own models folder, for models the user adds by hand (downloads go to the Hugging Face cache):
// GITVQA_MODELS_DIR, else QStandardPaths::AppDataLocation + "/models".
QString defaultAppModelsDir();
// The folder a download of repo@revision lands in, under a models root: "microsoft--git-base-msrvtt-qa" for the
// default revision, "...@REV" (slashes replaced) for any other.
QString downloadFolderName(const QString& repoId, const QString& revision = QStringLiteral("main"));
// True for folders that are never models: hidden ones and unfinished downloads (see ModelDownloader).
bool isIgnoredFolderName(const QString& name);

class ModelLocator {
public:
    ModelLocator(); // the default hub cache and app folder, no configured folders

    void setConfiguredFolders(const QStringList& folders) { m_configured = folders; }
    QStringList configuredFolders() const { return m_configured; }
    void setHubCacheDir(const QString& dir) { m_hubCache = dir; }
    QString hubCacheDir() const { return m_hubCache; }
    void setAppModelsDir(const QString& dir) { m_appModels = dir; }
    QString appModelsDir() const { return m_appModels; }

    // In resolution order: configured folders, hub cache, app folder.
    QList<SearchPath> searchPaths() const;
    static QList<SearchPath> defaultSearchPaths(const QStringList& configuredFolders = {});

    // Every model found in every search path, usable or not (unusable ones say why). From the hub cache only GIT
    // checkpoints and catalogued repos are listed: it usually holds unrelated models too.
    QList<ModelInfo> findModels() const;
    static QList<ModelInfo> findModelsIn(const SearchPath& searchPath);

    // The model to use: the explicit folder when given (never a fallback: a broken explicit folder is an error),
    // else the first usable model in the configured folders (preferring repoId), else the hub cache snapshot of
    // repoId (refs/main first), else its download in the app folder, else a message naming where to put it.
    ModelResolution resolve(const QString& explicitFolder = QString(), const QString& repoId = QString()) const;

private:
    QStringList m_configured;
    QString m_hubCache;
    QString m_appModels;
};

} // namespace gitvqa
