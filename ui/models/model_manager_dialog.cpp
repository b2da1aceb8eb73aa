#include "ui/models/model_manager_dialog.h"

#include "models/model_catalog.h"
#include "models/model_downloader.h"
#include "models/model_locator.h"
#include "models/saved_token.h"

#include <QDialogButtonBox>
#include <QFutureWatcher>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <utility>
#include <cmath>

namespace gitvqa {

namespace {

enum InstalledColumn { ColName, ColKind, ColSize, ColPrecision, ColSource, ColStatus, InstalledColumns };
enum AvailableColumn { AvName, AvPurpose, AvSize, AvAction, AvailableColumns };
constexpr int kPathRole = Qt::UserRole + 1;
constexpr int kRepoRole = Qt::UserRole + 2;

QString durationText(double seconds)
{
    if (seconds < 0)
        return {};
    if (seconds < 90)
        return ModelManagerDialog::tr("about %1 s left").arg(std::lround(std::max(1.0, seconds)));
    if (seconds < 90 * 60)
        return ModelManagerDialog::tr("about %1 min left").arg(std::lround(seconds / 60));
    return ModelManagerDialog::tr("about %1 h left").arg(seconds / 3600, 0, 'f', 1);
}

QString statusLabel(const ModelInfo& info)
{
    if (info.isUsable())
        return ModelManagerDialog::tr("ready");
    QStringList parts;
    if (!info.modelType.isEmpty() && !info.isGitModel())
        parts << ModelManagerDialog::tr("not a GIT model (%1)").arg(info.modelType);
    if (!info.missing.isEmpty())
        parts << ModelManagerDialog::tr("missing: %1").arg(info.missing.join(QStringLiteral(", ")));
    if (!info.problems.isEmpty())
        parts << ModelManagerDialog::tr("problems: %1").arg(info.problems.join(QStringLiteral("; ")));
    return parts.join(QStringLiteral(" · "));
}

struct SearchRequest {
    QString configuredDir;
    QString hubCache;
    QStringList extraFolders;
};

// Runs on a pool thread: touches the file system only, never the dialog.
QList<ModelInfo> findAllModels(const SearchRequest& request)
{
    ModelLocator locator;
    if (!request.configuredDir.isEmpty())
        locator.setConfiguredFolders({request.configuredDir});
    locator.setHubCacheDir(request.hubCache);
    QList<ModelInfo> models = locator.findModels();
    for (const QString& dir : request.extraFolders) {
        const QString abs = QFileInfo(dir).absoluteFilePath();
        bool known = false;
        for (const ModelInfo& m : models)
            known = known || QFileInfo(m.path).absoluteFilePath() == abs;
        if (!known)
            models.append(inspectModelFolder(abs, ModelSource::ExplicitFolder));
    }
    return models;
}

} // namespace

QString modelKindLabel(const ModelInfo& info)
{
    switch (info.kind) {
    case ModelKind::Video:
        return ModelManagerDialog::tr("video, %1 frames").arg(info.frames);
    case ModelKind::Image:
        return ModelManagerDialog::tr("image");
    case ModelKind::Unknown:
        break;
    }
    return ModelManagerDialog::tr("unknown");
}

QString modelSourceLabel(ModelSource source)
{
    switch (source) {
    case ModelSource::ExplicitFolder:
    case ModelSource::ConfiguredFolder:
        return ModelManagerDialog::tr("folder");
    case ModelSource::HuggingFaceCache:
        return ModelManagerDialog::tr("Hugging Face cache");
    case ModelSource::AppModelsFolder:
        return ModelManagerDialog::tr("downloaded");
    }
    return {};
}

QString downloadProgressText(qint64 done, qint64 total, double bytesPerSecond, double secondsLeft)
{
    QStringList parts;
    parts << (total > 0 ? ModelManagerDialog::tr("%1 of %2").arg(formatByteSize(done), formatByteSize(total))
                        : formatByteSize(done));
    if (bytesPerSecond > 0)
        parts << ModelManagerDialog::tr("%1/s").arg(formatByteSize(qint64(bytesPerSecond)));
    const QString left = durationText(secondsLeft);
    if (!left.isEmpty())
        parts << left;
    return parts.join(QStringLiteral(" · "));
}

ModelManagerDialog::ModelManagerDialog(const QString& configuredDir, QWidget* parent)
    : QDialog(parent), m_configuredDir(configuredDir), m_downloadRoot(huggingFaceHubCacheDir())
{
    setWindowTitle(tr("Models"));
    setAccessibleName(tr("Models"));
    setAccessibleDescription(tr("The models found on this computer, and the ones that can be downloaded"));
    setObjectName(QStringLiteral("modelManager"));

    m_downloader = new ModelDownloader(this);

    auto* installedTitle = new QLabel(tr("<b>On this computer</b>"), this);
    m_installed = new QTreeWidget(this);
    m_installed->setObjectName(QStringLiteral("installedModels"));
    m_installed->setAccessibleName(tr("Models on this computer"));
    m_installed->setRootIsDecorated(false);
    m_installed->setAlternatingRowColors(true);
    m_installed->setUniformRowHeights(true);
    m_installed->setHeaderLabels({tr("Name"), tr("Kind"), tr("Size"), tr("Precision"), tr("Source"), tr("Status")});
    m_installed->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_installed->header()->setStretchLastSection(true);
    installedTitle->setBuddy(m_installed);

    auto* availableTitle = new QLabel(tr("<b>Available for download</b>"), this);
    m_available = new QTreeWidget(this);
    m_available->setObjectName(QStringLiteral("availableModels"));
    m_available->setAccessibleName(tr("Models available for download"));
    m_available->setRootIsDecorated(false);
    m_available->setWordWrap(true);
    m_available->setHeaderLabels({tr("Model"), tr("What it is for"), tr("Size"), QString()});
    m_available->header()->setSectionResizeMode(AvPurpose, QHeaderView::Stretch);
    m_available->header()->setSectionResizeMode(AvName, QHeaderView::ResizeToContents);
    m_available->header()->setSectionResizeMode(AvSize, QHeaderView::ResizeToContents);
    m_available->header()->setSectionResizeMode(AvAction, QHeaderView::ResizeToContents);
    m_available->header()->setStretchLastSection(false);
    availableTitle->setBuddy(m_available);

    m_progress = new QProgressBar(this);
    m_progress->setAccessibleName(tr("Download progress"));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(true);
    m_progressText = new QLabel(this);
    m_progressText->setAccessibleName(tr("Download status"));
    m_progressText->setWordWrap(true);
    m_cancel = new QPushButton(tr("Cancel Download"), this);
    m_cancel->setAccessibleName(tr("Cancel download"));
    m_cancel->setAccessibleDescription(tr("Stop the download; starting it again later resumes where it stopped"));
    connect(m_cancel, &QPushButton::clicked, this, &ModelManagerDialog::cancelDownload);
    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("modelManagerMessage"));
    m_message->setAccessibleName(tr("Message"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    m_use = new QPushButton(tr("Use This Model"), this);
    m_use->setAccessibleName(tr("Use this model"));
    m_use->setAccessibleDescription(tr("Answer questions with the selected model from now on"));
    m_use->setDefault(true);
    m_addFolder = new QPushButton(tr("Add Folder…"), this);
    m_addFolder->setAccessibleName(tr("Add folder"));
    m_addFolder->setAccessibleDescription(tr("Pick a folder that holds a model and check it"));
    m_refresh = new QPushButton(tr("Refresh"), this);
    m_refresh->setAccessibleName(tr("Refresh the list"));
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_use, &QPushButton::clicked, this, &ModelManagerDialog::useSelectedModel);
    connect(m_addFolder, &QPushButton::clicked, this, &ModelManagerDialog::chooseFolder);
    connect(m_refresh, &QPushButton::clicked, this, &ModelManagerDialog::refresh);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_use);
    buttons->addWidget(m_addFolder);
    buttons->addWidget(m_refresh);
    buttons->addStretch(1);
    buttons->addWidget(close);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(installedTitle);
    layout->addWidget(m_installed, 3);
    layout->addWidget(availableTitle);
    layout->addWidget(m_available, 2);
    layout->addLayout(progressRow);
    layout->addWidget(m_progressText);
    layout->addWidget(m_message);
    layout->addLayout(buttons);

    connect(m_installed, &QTreeWidget::itemSelectionChanged, this, &ModelManagerDialog::updateButtons);
    connect(m_installed, &QTreeWidget::itemDoubleClicked, this, &ModelManagerDialog::useSelectedModel);
    connect(m_downloader, &ModelDownloader::progress, this, &ModelManagerDialog::onProgress);
    connect(m_downloader, &ModelDownloader::statusChanged, this, [this](const QString& status) {
        m_progressText->setText(status);
    });
    connect(m_downloader, &ModelDownloader::finished, this, &ModelManagerDialog::onFinished);
    connect(m_downloader, &ModelDownloader::failed, this, [this](const QString& message) {
        setDownloadUiVisible(false);
        m_downloadingRepo.clear();
        showMessage(tr("The download did not finish. %1").arg(message), true);
        rebuildAvailable();
        updateButtons();
    });
    connect(m_downloader, &ModelDownloader::cancelled, this, [this] {
        setDownloadUiVisible(false);
        m_downloadingRepo.clear();
        showMessage(tr("Download cancelled. Starting it again continues where it stopped."), false);
        rebuildAvailable();
        updateButtons();
    });

    setDownloadUiVisible(false);
    resize(860, 560);
    refresh();
}

ModelManagerDialog::~ModelManagerDialog()
{
    if (m_downloader->isRunning())
        m_downloader->cancel();
}

void ModelManagerDialog::setDownloadRoot(const QString& root)
{
    m_downloadRoot = root;
    refresh();
}

void ModelManagerDialog::refresh()
{
    if (!m_refreshing) {
        const QString selected = selectedModelDir();
        if (m_wantedModel.isEmpty())
            m_wantedModel = selected;
        const QString download = selectedDownloadRepo();
        if (m_wantedDownload.isEmpty())
            m_wantedDownload = download;
    }
    m_refreshing = true;
    const int generation = ++m_refreshGeneration;
    m_refresh->setEnabled(false);
    if (m_models.isEmpty()) {
        m_installed->clear();
        auto* item = new QTreeWidgetItem(m_installed);
        item->setText(ColName, tr("Looking for models…"));
        item->setFlags(Qt::NoItemFlags);
        item->setFirstColumnSpanned(true);
    }
    const SearchRequest request{m_configuredDir, m_downloadRoot, m_extraFolders};
    auto* watcher = new QFutureWatcher<QList<ModelInfo>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_refreshGeneration)
            applyRefresh(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(findAllModels, request));
}

void ModelManagerDialog::applyRefresh(const QList<ModelInfo>& models)
{
    m_models = models;
    m_refreshing = false;
    m_refresh->setEnabled(true);
    rebuildInstalled();
    rebuildAvailable();
    const QString model = std::exchange(m_wantedModel, QString());
    const QString download = std::exchange(m_wantedDownload, QString());
    if (!model.isEmpty())
        selectModel(model);
    if (!download.isEmpty())
        preselectDownload(download);
    reportAddedFolder();
    updateButtons();
    Q_EMIT listRefreshed();
}

void ModelManagerDialog::rebuildInstalled()
{
    m_installed->clear();
    for (const ModelInfo& m : m_models) {
        auto* item = new QTreeWidgetItem(m_installed);
        item->setText(ColName, m.displayName());
        item->setText(ColKind, modelKindLabel(m));
        item->setText(ColSize, m.sizeOnDisk > 0 ? formatByteSize(m.sizeOnDisk) : QString());
        item->setText(ColPrecision, m.precision);
        item->setText(ColSource, modelSourceLabel(m.source));
        item->setText(ColStatus, statusLabel(m));
        item->setData(ColName, kPathRole, m.path);
        const QString path = QDir::toNativeSeparators(m.path);
        for (int c = 0; c < InstalledColumns; ++c)
            item->setToolTip(c, path);
        if (!m.isUsable())
            item->setForeground(ColStatus, palette().brush(QPalette::Disabled, QPalette::Text));
    }
    if (m_models.isEmpty()) {
        auto* item = new QTreeWidgetItem(m_installed);
        item->setText(ColName, tr("No model found yet. Download one below, or add a folder that holds one."));
        item->setFlags(Qt::NoItemFlags);
        item->setFirstColumnSpanned(true);
    }
}

QStringList ModelManagerDialog::downloadableRepos() const
{
    QStringList repos;
    for (const CatalogEntry& e : ModelCatalog::entries()) {
        bool present = false;
        for (const ModelInfo& m : m_models)
            present = present || (m.isUsable() && m.repoId.compare(e.repoId, Qt::CaseInsensitive) == 0);
        if (!present)
            repos << e.repoId;
    }
    return repos;
}

void ModelManagerDialog::rebuildAvailable()
{
    const QString selected = selectedDownloadRepo();
    // The old rows' buttons are deleted later; make sure downloadButtonFor() never finds them meanwhile.
    for (QPushButton* old : m_available->findChildren<QPushButton*>())
        if (old->objectName().startsWith(QLatin1String("download:")))
            old->setObjectName(QString());
    m_available->clear();
    const QStringList repos = downloadableRepos();
    for (const QString& repo : repos) {
        const CatalogEntry* e = ModelCatalog::find(repo);
        if (!e)
            continue;
        auto* item = new QTreeWidgetItem(m_available);
        item->setText(AvName, e->isDefault ? tr("%1 (recommended)").arg(e->repoId) : e->repoId);
        item->setText(AvPurpose, e->description);
        item->setToolTip(AvPurpose, e->description);
        item->setText(AvSize, tr("about %1").arg(formatByteSize(e->approxDownloadBytes)));
        item->setData(AvName, kRepoRole, e->repoId);
        auto* button = new QPushButton(m_downloadingRepo == e->repoId ? tr("Downloading…") : tr("Download"));
        button->setObjectName(QStringLiteral("download:") + e->repoId);
        button->setAccessibleName(tr("Download %1").arg(e->repoId));
        button->setAccessibleDescription(e->description);
        button->setEnabled(m_downloadingRepo.isEmpty());
        const QString id = e->repoId;
        connect(button, &QPushButton::clicked, this, [this, id] { startDownload(id); });
        m_available->setItemWidget(item, AvAction, button);
        if (id == selected)
            m_available->setCurrentItem(item);
    }
    if (repos.isEmpty()) {
        auto* item = new QTreeWidgetItem(m_available);
        item->setText(AvName, tr("Every known model is already on this computer."));
        item->setFlags(Qt::NoItemFlags);
        item->setFirstColumnSpanned(true);
    }
}

QPushButton* ModelManagerDialog::downloadButtonFor(const QString& repoId) const
{
    return findChild<QPushButton*>(QStringLiteral("download:") + repoId);
}

bool ModelManagerDialog::preselectDownload(const QString& repoId)
{
    if (m_refreshing)
        m_wantedDownload = repoId;
    for (int i = 0; i < m_available->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_available->topLevelItem(i);
        if (item->data(AvName, kRepoRole).toString().compare(repoId, Qt::CaseInsensitive) == 0) {
            m_available->setCurrentItem(item);
            m_available->scrollToItem(item);
            if (QPushButton* b = downloadButtonFor(item->data(AvName, kRepoRole).toString()))
                b->setFocus(Qt::OtherFocusReason);
            return true;
        }
    }
    return false;
}

bool ModelManagerDialog::selectModel(const QString& dir)
{
    const QString wanted = QFileInfo(dir).absoluteFilePath();
    if (m_refreshing)
        m_wantedModel = wanted;
    for (int i = 0; i < m_installed->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_installed->topLevelItem(i);
        if (QFileInfo(item->data(ColName, kPathRole).toString()).absoluteFilePath() == wanted) {
            m_installed->setCurrentItem(item);
            m_installed->scrollToItem(item);
            return true;
        }
    }
    return false;
}

QString ModelManagerDialog::selectedModelDir() const
{
    const QTreeWidgetItem* item = m_installed ? m_installed->currentItem() : nullptr;
    return item && item->isSelected() ? item->data(ColName, kPathRole).toString() : QString();
}

QString ModelManagerDialog::selectedDownloadRepo() const
{
    const QTreeWidgetItem* item = m_available ? m_available->currentItem() : nullptr;
    return item ? item->data(AvName, kRepoRole).toString() : QString();
}

bool ModelManagerDialog::isDownloading() const { return m_downloader->isRunning(); }

void ModelManagerDialog::updateButtons()
{
    const QString dir = selectedModelDir();
    bool usable = false;
    for (const ModelInfo& m : m_models)
        usable = usable || (m.path == dir && m.isUsable());
    m_use->setEnabled(usable);
    m_use->setToolTip(dir.isEmpty() || usable ? QString()
                                              : tr("This model cannot be used: it is incomplete or not a GIT model."));
}

void ModelManagerDialog::showMessage(const QString& text, bool error)
{
    m_message->setText(text);
    m_message->setForegroundRole(error ? QPalette::BrightText : QPalette::WindowText);
    m_message->setStyleSheet(error ? QStringLiteral("color: #c0392b;") : QString());
    m_message->setVisible(!text.isEmpty());
}

void ModelManagerDialog::setDownloadUiVisible(bool visible)
{
    m_progress->setVisible(visible);
    m_cancel->setVisible(visible);
    m_progressText->setVisible(visible);
    if (!visible) {
        m_progress->setValue(0);
        m_progressText->clear();
    }
}

void ModelManagerDialog::startDownload(const QString& repoId)
{
    if (m_downloader->isRunning())
        return;
    m_downloadingRepo = repoId;
    showMessage(QString(), false);
    setDownloadUiVisible(true);
    m_progress->setRange(0, 0); // busy until the total is known
    m_progressText->setText(tr("Starting the download of %1…").arg(repoId));
    rebuildAvailable();
    m_downloader->setPreferredToken(savedHubToken());
    m_downloader->start(repoId, QStringLiteral("main"), m_downloadRoot);
}

void ModelManagerDialog::cancelDownload()
{
    if (m_downloader->isRunning())
        m_downloader->cancel();
}

void ModelManagerDialog::onProgress(qint64 done, qint64 total, double bytesPerSecond, double secondsLeft,
                                    const QString& file)
{
    if (total > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(std::clamp(double(done) / double(total), 0.0, 1.0) * 1000));
    }
    QString text = downloadProgressText(done, total, bytesPerSecond, secondsLeft);
    if (!file.isEmpty())
        text = tr("%1 — %2").arg(text, file);
    m_progressText->setText(text);
}

void ModelManagerDialog::onFinished(const QString& modelDir)
{
    setDownloadUiVisible(false);
    m_downloadingRepo.clear();
    refresh();
    selectModel(modelDir);
    showMessage(tr("Downloaded to “%1”. Press “Use This Model” to answer with it.").arg(QDir::toNativeSeparators(modelDir)),
                false);
    updateButtons();
}

void ModelManagerDialog::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Add a model folder"),
                                                          m_configuredDir.isEmpty() ? QDir::homePath() : m_configuredDir);
    if (!dir.isEmpty())
        addFolder(dir);
}

bool ModelManagerDialog::addFolder(const QString& dir)
{
    const QFileInfo info(dir);
    if (!info.isDir()) {
        showMessage(tr("“%1” is not a folder.").arg(QDir::toNativeSeparators(dir)), true);
        return false;
    }
    const QString abs = info.absoluteFilePath();
    if (!m_extraFolders.contains(abs))
        m_extraFolders << abs;
    refresh();
    m_wantedModel = abs;
    m_addedFolder = abs;
    return true;
}

void ModelManagerDialog::reportAddedFolder()
{
    const QString abs = std::exchange(m_addedFolder, QString());
    if (abs.isEmpty())
        return;
    for (const ModelInfo& m : m_models) {
        if (QFileInfo(m.path).absoluteFilePath() != abs)
            continue;
        if (m.isUsable())
            showMessage(QString(), false);
        else
            showMessage(tr("“%1” cannot be used as a model: %2").arg(QDir::toNativeSeparators(abs), statusLabel(m)),
                        true);
        return;
    }
}

void ModelManagerDialog::useSelectedModel()
{
    const QString dir = selectedModelDir();
    for (const ModelInfo& m : m_models) {
        if (m.path != dir)
            continue;
        if (!m.isUsable()) {
            showMessage(tr("“%1” cannot be used: %2").arg(m.displayName(), statusLabel(m)), true);
            return;
        }
        Q_EMIT useModelRequested(m.path);
        accept();
        return;
    }
}

void ModelManagerDialog::reject()
{
    // Esc or Close during a download asks first: stopping a long download by reflex costs the user its restart.
    if (m_downloader->isRunning()) {
        QMessageBox ask(QMessageBox::Question, tr("Stop the download?"),
                        tr("%1 is still downloading. Stop it and close? Downloading it again later continues where it "
                           "stopped.").arg(m_downloadingRepo),
                        QMessageBox::NoButton, this);
        ask.setObjectName(QStringLiteral("stopDownloadQuestion"));
        QPushButton* keep = ask.addButton(tr("Keep Downloading"), QMessageBox::RejectRole);
        QPushButton* stop = ask.addButton(tr("Stop and Close"), QMessageBox::DestructiveRole);
        keep->setObjectName(QStringLiteral("keepDownloading"));
        stop->setObjectName(QStringLiteral("stopAndClose"));
        ask.setDefaultButton(keep);
        ask.setEscapeButton(keep);
        ask.exec();
        if (ask.clickedButton() != stop)
            return; // keep downloading (if it finished meanwhile, the dialog shows where the model is)
        cancelDownload();
    }
    QDialog::reject();
}

} // namespace gitvqa
