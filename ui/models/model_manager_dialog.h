#pragma once
// File → Models…: every GIT checkpoint found on this computer (the configured folder, the Hugging Face cache and
// gitvqa's own download folder, see models/model_locator.h) with its kind, size, precision, source and what is
// missing; the catalogue's checkpoints that are not here yet, each with a Download button, progress and Cancel;
// "Add Folder…" to inspect any folder; and "Use This Model", which asks the window to make the selected folder the
// model (the `model/dir` setting) and reload it on the worker. Compiles against Qt and gitvqa_models only.
// Looking for models reads every Hugging Face cache repo and every folder it is given (a sleeping network share can
// take seconds), so it runs on a pool thread; the list shows "Looking for models…" meanwhile, and selections asked
// for before it arrives are applied when it does.

#include "models/model_inspector.h"

#include <QDialog>
#include <QList>
#include <QString>

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace gitvqa {

class ModelDownloader;

class ModelManagerDialog : public QDialog {
    Q_OBJECT
public:
    // `configuredDir`: the app's `model/dir` setting (a model folder or a folder of models); may be empty.
    explicit ModelManagerDialog(const QString& configuredDir, QWidget* parent = nullptr);
    ~ModelManagerDialog() override;

    // The Hugging Face cache downloads go into (and models are looked for in): huggingFaceHubCacheDir() unless set.
    void setDownloadRoot(const QString& root);
    QString downloadRoot() const { return m_downloadRoot; }
    ModelDownloader* downloader() const { return m_downloader; }

    // Looks for models again (after a download, or when folders changed on disk), off the GUI thread; listRefreshed()
    // follows. A refresh asked for while one runs supersedes it.
    void refresh();
    bool isRefreshing() const { return m_refreshing; }
    // Inspects `dir` and lists it (as a folder the user named), selected, once the refresh it starts is done. False
    // when it is not a folder.
    bool addFolder(const QString& dir);
    // Selects the catalogue entry `repoId` in the "available" list (first run: the default model). During a refresh
    // the selection is remembered and applied when the list arrives; returns whether it is listed now.
    bool preselectDownload(const QString& repoId);
    // Selects the listed model in `dir`; remembered the same way during a refresh. False when it is not listed now.
    bool selectModel(const QString& dir);

    const QList<ModelInfo>& models() const { return m_models; }
    // The catalogue repos offered for download (not present as a usable model).
    QStringList downloadableRepos() const;
    QString selectedModelDir() const;
    QString selectedDownloadRepo() const;
    bool isDownloading() const;

    QTreeWidget* installedList() const { return m_installed; }
    QTreeWidget* availableList() const { return m_available; }
    QPushButton* useButton() const { return m_use; }
    QPushButton* addFolderButton() const { return m_addFolder; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* downloadButtonFor(const QString& repoId) const;
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* progressLabel() const { return m_progressText; }
    QLabel* messageLabel() const { return m_message; }

public Q_SLOTS:
    void startDownload(const QString& repoId);
    void cancelDownload();
    void chooseFolder();
    void useSelectedModel();

Q_SIGNALS:
    // "Use This Model" with a usable model selected; the window saves `model/dir` and reloads.
    void useModelRequested(const QString& dir);
    // The list shows what a refresh found.
    void listRefreshed();

protected:
    void reject() override;

private:
    void rebuildInstalled();
    void rebuildAvailable();
    void updateButtons();
    void showMessage(const QString& text, bool error);
    void onProgress(qint64 done, qint64 total, double bytesPerSecond, double secondsLeft, const QString& file);
    void onFinished(const QString& modelDir);
    void setDownloadUiVisible(bool visible);
    void applyRefresh(const QList<ModelInfo>& models);
    void reportAddedFolder();

    QString m_configuredDir;
    QString m_downloadRoot;
    QString m_downloadingRepo;
    QList<ModelInfo> m_models;
    QStringList m_extraFolders; // added with "Add Folder…" during this session
    bool m_refreshing = false;
    int m_refreshGeneration = 0;  // results of a superseded refresh are dropped
    QString m_wantedModel;        // selections asked for while refreshing
    QString m_wantedDownload;
    QString m_addedFolder;        // "Add Folder…" waiting for its verdict
    ModelDownloader* m_downloader = nullptr;

    QTreeWidget* m_installed = nullptr;
    QTreeWidget* m_available = nullptr;
    QPushButton* m_use = nullptr;
    QPushButton* m_addFolder = nullptr;
    QPushButton* m_refresh = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_progressText = nullptr;
    QLabel* m_message = nullptr;
};

// Column texts, shared with the tests: "video, 6 frames" / "image"; "folder" / "Hugging Face cache" / "downloaded".
QString modelKindLabel(const ModelInfo& info);
QString modelSourceLabel(ModelSource source);
// "12.3 MB of 700 MB · 5.1 MB/s · about 2 min left"
QString downloadProgressText(qint64 done, qint64 total, double bytesPerSecond, double secondsLeft);

} // namespace gitvqa
