#include "ui/main_window.h"

#include "ui/chat/chat_transcript.h"
#include "ui/chat/transcript_export.h"
#include "ui/chat/unsaved_transcript_prompt.h"

#include "ui/actions.h"
#include "ui/chat/chat_controller.h"
#include "ui/chat/chat_pane.h"
#include "ui/chat/chat_question_edit.h"
#include "ui/models/model_controller.h"
#include "ui/models/model_manager_dialog.h"
#include "ui/chat/chat_no_model_panel.h"
#include "models/model_catalog.h"
#include "ui/player/player_controls.h"
#include "ui/player/player_pane.h"
#include "ui/recent_files.h"
#include "ui/scan/scan_controller.h"
#include "ui/settings/settings_dialog.h"
#include "ui/shortcuts_dialog.h"
#include "ui/time_text.h"
#include "ui/player/timeline_widget.h"
#include "ui/player/video_player.h"
#include "ui/worker_status.h"
#include "engine/cpu_features.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>

#include <cmath>

namespace gitvqa {

namespace {

QSettings appSettings() { return QSettings(QStringLiteral("gitvqa"), QStringLiteral("gitvqa")); }

QString videoFilter()
{
    return MainWindow::tr("Videos (*.mp4 *.m4v *.mov *.mkv *.webm *.avi *.mpg *.mpeg *.ts *.mts *.m2ts *.wmv *.flv "
                          "*.3gp *.ogv);;All files (*)");
}

} // namespace

MainWindow::MainWindow(const Options& options, QWidget* parent)
    : QMainWindow(parent), m_options(options), m_settings(AppSettings::load())
{
    setWindowTitle(tr("gitvqa"));
    setAcceptDrops(true);
    setAccessibleName(tr("gitvqa"));
    setAccessibleDescription(tr("Ask questions about a video"));

    m_actions = new Actions(this);
    m_player = new PlayerPane(*m_actions, this);
    m_chatPane = new ChatPane(this);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(m_player);
    m_splitter->addWidget(m_chatPane);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setAccessibleName(tr("Player and chat"));
    setCentralWidget(m_splitter);

    m_status = new WorkerStatus(statusBar());
    m_models = new ModelController(this);
    m_models->setPreEncoding(m_settings.preEncode);
    m_chat = new ChatController(*m_models, *m_chatPane, *m_player, options.transcriptFolder, this);
    m_chat->setSettings(m_settings);
    m_scan = new ScanController(*m_models, *m_chat, *m_chatPane, *m_player, this);
    m_scan->setSettings(m_settings);
    m_player->setWindowWidth(m_settings.windowSeconds);

    buildMenus();
    connectParts();
    connectModel();
    setTabOrder(m_player->timeline(), m_player->controls()->firstControl());
    setTabOrder(m_player->controls()->lastControl(), m_chatPane->questionEdit());
    setTabOrder(m_chatPane->questionEdit(), m_chatPane->sendButton());
    restoreLayout();
    updateScope();
    updateCanAsk();

    auto* download = new QPushButton(tr("Download a Model…"), this);
    download->setAccessibleName(tr("Download a model"));
    download->setAccessibleDescription(tr("Open the model manager to download or pick a model"));
    connect(download, &QPushButton::clicked, this, [this] { showModelManager(ModelCatalog::defaultRepoId()); });
    m_chatPane->noModelPanel()->addButton(download);

    if (options.loadModel) {
        // First run without a model: open File → Models… with the default model selected for download.
        if (!m_models->load(m_settings, options.modelDir) && options.offerModelManager)
            QTimer::singleShot(0, this, [this] { showModelManager(ModelCatalog::defaultRepoId()); });
    } else {
        m_chatPane->setNoModel(true, ModelController::problemWith(QString()));
    }
}

MainWindow::~MainWindow()
{
    // The controllers go first, while the panes they talk to still exist; the service joins its worker here.
    delete m_scan; // saves a running scan as stopped, in the chat's transcript
    m_scan = nullptr;
    delete m_chat;
    m_chat = nullptr;
    m_player->disconnect(this);
    delete m_models;
    m_models = nullptr;
}

void MainWindow::buildMenus()
{
    Actions& a = *m_actions;
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(a.get(ActionId::OpenVideo));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setAccessibleName(tr("Recent videos"));
    rebuildRecentMenu();
    file->addAction(a.get(ActionId::ExportTranscript));
    file->addSeparator();
    file->addAction(a.get(ActionId::ManageModels));
    file->addAction(a.get(ActionId::Settings));
    file->addSeparator();
    file->addAction(a.get(ActionId::Quit));

    QMenu* playback = menuBar()->addMenu(tr("&Playback"));
    for (ActionId id : {ActionId::PlayPause, ActionId::SeekBack, ActionId::SeekForward, ActionId::FrameBack,
                        ActionId::FrameForward})
        playback->addAction(a.get(id));
    playback->addSeparator();
    for (ActionId id : {ActionId::ShuttleBack, ActionId::ShuttlePause, ActionId::ShuttleForward, ActionId::NormalSpeed})
        playback->addAction(a.get(id));
    playback->addSeparator();
    playback->addAction(a.get(ActionId::Mute));
    playback->addAction(a.get(ActionId::VolumeUp));
    playback->addAction(a.get(ActionId::VolumeDown));
    playback->addSeparator();
    playback->addAction(a.get(ActionId::GoToTime));
    playback->addAction(a.get(ActionId::PreviousMarker));
    playback->addAction(a.get(ActionId::NextMarker));

    QMenu* segment = menuBar()->addMenu(tr("&Segment"));
    for (ActionId id : {ActionId::MarkIn, ActionId::MarkOut, ActionId::ClearSegment})
        segment->addAction(a.get(id));
    segment->addSeparator();
    segment->addAction(a.get(ActionId::ScanVideo));

    // The chat's commands act on the exchange the focus is in, else the newest; the pane's context menu has them too.
    QMenu* chat = menuBar()->addMenu(tr("&Chat"));
    for (ActionId id : {ActionId::StopAnswer, ActionId::RegenerateAnswer, ActionId::CopyAnswer, ActionId::EditQuestion})
        chat->addAction(a.get(id));
    chat->addSeparator();
    chat->addAction(a.get(ActionId::UndoRemove));
    chat->addAction(a.get(ActionId::ClearTranscript));
    m_chatPane->addActions(chat->actions());
    m_chatPane->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(a.get(ActionId::StopAnswer), &QAction::triggered, this, [this] { m_chat->stopStreaming(); });
    connect(a.get(ActionId::RegenerateAnswer), &QAction::triggered, this, [this] {
        if (const QString id = m_chatPane->currentEntryId(); !id.isEmpty())
            m_chat->regenerate(id);
    });
    connect(a.get(ActionId::CopyAnswer), &QAction::triggered, this,
            [this] { m_chatPane->copyAnswer(m_chatPane->currentEntryId()); });
    connect(a.get(ActionId::EditQuestion), &QAction::triggered, this, [this] {
        setVideoFullScreen(false);
        m_chatPane->editQuestion(m_chatPane->currentEntryId());
    });
    connect(a.get(ActionId::UndoRemove), &QAction::triggered, this, [this] { m_chat->undo(); });
    connect(a.get(ActionId::ClearTranscript), &QAction::triggered, this, [this] { m_chat->clearTranscript(); });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(a.get(ActionId::FullScreen));
    view->addAction(a.get(ActionId::FocusQuestion));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(a.get(ActionId::KeyboardShortcuts));
    help->addAction(a.get(ActionId::About));

    connect(a.get(ActionId::OpenVideo), &QAction::triggered, this, &MainWindow::showOpenDialog);
    connect(a.get(ActionId::Quit), &QAction::triggered, this, &QWidget::close);
    connect(a.get(ActionId::Settings), &QAction::triggered, this, &MainWindow::showSettings);
    connect(a.get(ActionId::ManageModels), &QAction::triggered, this, [this] { showModelManager(); });
    connect(a.get(ActionId::ExportTranscript), &QAction::triggered, this,
            [this] { exportTranscript(this, m_player->videoPath(), m_chat->transcript().exchanges()); });
    connect(a.get(ActionId::KeyboardShortcuts), &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(a.get(ActionId::FullScreen), &QAction::toggled, this, &MainWindow::setVideoFullScreen);
    connect(a.get(ActionId::ClearSegment), &QAction::triggered, this, &MainWindow::escape);
    connect(a.get(ActionId::ScanVideo), &QAction::triggered, this, [this] {
        setVideoFullScreen(false);
        m_scan->showDialog(m_chatPane->questionEdit()->question());
    });
    connect(a.get(ActionId::FocusQuestion), &QAction::triggered, this, [this] {
        setVideoFullScreen(false);
        m_chatPane->focusQuestion();
    });
    connect(a.get(ActionId::About), &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About gitvqa"),
                           tr("<p><b>gitvqa %1</b></p><p>Ask questions about a video with Microsoft's GIT model "
                              "(git-base-msrvtt-qa), computed on this computer.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::connectParts()
{
    PlayerPane* p = m_player;
    connect(p, &PlayerPane::videoOpened, this, [this](const QString& path) {
        setWindowTitle(tr("%1 — gitvqa").arg(QFileInfo(path).fileName()));
        RecentFiles::add(path);
        rebuildRecentMenu();
        m_chatPane->clearNotice();
        m_scan->closeVideo(); // into the old video's transcript, before the chat switches to the new one
        m_chat->openVideo(path);
        m_scan->openVideo(path);
        updateCanAsk();
    });
    connect(p, &PlayerPane::videoFailed, m_chatPane, &ChatPane::showNotice);
    connect(p, &PlayerPane::scopeChanged, this, &MainWindow::updateScope);
    connect(p, &PlayerPane::settled, this, &MainWindow::preEncodeIfUseful);
    connect(p, &PlayerPane::fullScreenRequested, this, [this] { setVideoFullScreen(!m_videoFullScreen); });

    connect(m_chatPane, &ChatPane::seekRequested, p->player(), &VideoPlayer::seek);
    connect(m_chatPane, &ChatPane::chooseModelFolderRequested, this, &MainWindow::chooseModelFolder);
    connect(m_chatPane, &ChatPane::leaveQuestionRequested, this, [this] {
        if (!m_chat->stopStreaming()) // Esc in the question box stops a streaming answer first
            m_player->timeline()->setFocus(Qt::ShortcutFocusReason);
    });
    connect(m_chat, &ChatController::markersChanged, p->timeline(), &TimelineWidget::setMarkers);
    connect(p->timeline(), &TimelineWidget::markerActivated, m_chatPane, &ChatPane::revealEntry);
    connect(m_chat, &ChatController::activity, m_status, &WorkerStatus::setActivity);
    connect(m_chat, &ChatController::idle, m_status, &WorkerStatus::clearActivity);
    connect(m_scan, &ScanController::activity, m_status, &WorkerStatus::setActivity);
    connect(m_scan, &ScanController::idle, m_status, &WorkerStatus::clearActivity);
    // With the Scan toggle on, the question box starts a scan of that question instead of asking it.
    disconnect(m_chatPane, &ChatPane::askRequested, m_chat, &ChatController::ask);
    connect(m_chatPane, &ChatPane::askRequested, this, [this](const QString& question) {
        if (m_scan->scanMode())
            m_scan->showDialog(question);
        else
            m_chat->ask(question);
    });
}

void MainWindow::connectModel()
{
    ModelController* m = m_models;
    connect(m, &ModelController::loading, this, [this](double f, const QString& stage) {
        Q_UNUSED(stage);
        m_status->setActivity(tr("Loading model %1 %").arg(std::lround(f * 100)), f);
        updateCanAsk();
    });
    connect(m, &ModelController::loaded, this, &MainWindow::onModelLoaded);
    connect(m, &ModelController::loadFailed, this, [this](const QString& message, bool kept) {
        m_status->clearActivity();
        if (kept)
            m_chatPane->showNotice(tr("The model could not be loaded, so the previous one is still in use. %1").arg(message));
        else
            m_chatPane->setNoModel(true, message);
        updateCanAsk();
    });
    connect(m, &ModelController::missing, this, [this](const QString& reason) {
        m_status->setModelText(tr("No model"));
        m_chatPane->setNoModel(true, reason);
        updateCanAsk();
    });
    connect(m, &ModelController::deviceFallback, m_chatPane, &ChatPane::showNotice);
    connect(m, &ModelController::segmentPreEncoded, this, [this](const QString& video, double start, double end, bool already) {
        if (!already && video == m_player->videoPath())
            m_status->flash(tr("Segment %1 prepared: the next question about it starts sooner").arg(timeSpan(start, end)));
    });
}

void MainWindow::onModelLoaded(const LoadedModel& model)
{
    m_status->clearActivity();
    m_status->setModel(model.name, model.device, model.dtype, model.threads);
    m_chatPane->setNoModel(false);
    // e.g. bfloat16 chosen in Settings on a CPU that only emulates it: the engine's own words.
    const std::string precision = precisionWarning(model.device.toStdString(), model.dtype.toStdString());
    if (!precision.empty())
        m_chatPane->showNotice(QString::fromStdString(precision));
    updateCanAsk();
    preEncodeIfUseful();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = RecentFiles::load();
    for (int i = 0; i < files.size(); ++i) {
        const QString path = files[i];
        QAction* a = m_recentMenu->addAction(tr("&%1 %2").arg(i + 1 < 10 ? QString::number(i + 1) : QStringLiteral("1&0"),
                                                              QFileInfo(path).fileName()));
        a->setToolTip(QDir::toNativeSeparators(path));
        a->setStatusTip(QDir::toNativeSeparators(path));
        connect(a, &QAction::triggered, this, [this, path] { openVideo(path); });
    }
    if (!files.isEmpty()) {
        m_recentMenu->addSeparator();
        connect(m_recentMenu->addAction(tr("&Clear List")), &QAction::triggered, this, [this] {
            RecentFiles::clear();
            rebuildRecentMenu();
        });
    }
    m_recentMenu->setEnabled(!files.isEmpty());
}

bool MainWindow::openVideo(const QString& path)
{
    const QFileInfo info(path);
    if (!info.isFile()) {
        m_chatPane->showNotice(tr("“%1” does not exist or is not a file. Check the name, or open another video with "
                                  "File → Open Video….").arg(QDir::toNativeSeparators(path)));
        if (RecentFiles::load().contains(info.absoluteFilePath())) {
            RecentFiles::remove(info.absoluteFilePath());
            rebuildRecentMenu();
        }
        return false;
    }
    setVideoFullScreen(false);
    m_player->openVideo(info.absoluteFilePath());
    return true;
}

void MainWindow::showOpenDialog()
{
    const QStringList recent = RecentFiles::load();
    const QString start = recent.isEmpty() ? QDir::homePath() : QFileInfo(recent.first()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Video"), start, videoFilter());
    if (!path.isEmpty())
        openVideo(path);
}

void MainWindow::updateCanAsk()
{
    if (!m_player->player()->hasVideo())
        m_chatPane->setCanAsk(false, tr("Open a video first (File → Open Video…), then ask about it."));
    else if (!m_models->hasModel() && !m_models->isLoading())
        m_chatPane->setCanAsk(false, tr("There is no model to answer with. Choose the model folder first."));
    else
        m_chatPane->setCanAsk(true);
}

void MainWindow::updateScope()
{
    if (!m_player->player()->hasVideo()) {
        m_chatPane->setScope(QString());
        return;
    }
    const auto span = m_player->scopeSpan();
    const QString range = timeSpan(span.first, span.second);
    m_chatPane->setScope(m_player->hasMarkedSegment()
                             ? tr("Next question is about the marked segment %1 (Esc clears it).").arg(range)
                             : tr("Next question is about %1, %2 s around the playhead (I and O mark a segment).")
                                   .arg(range)
                                   .arg(m_settings.windowSeconds));
}

void MainWindow::preEncodeIfUseful()
{
    if (!m_settings.preEncode || !m_models->hasModel() || !m_player->player()->hasVideo() || m_player->player()->isPlaying())
        return;
    m_models->preEncode(m_player->videoPath(), m_player->segmentToAsk());
}

void MainWindow::escape()
{
    // Esc: stop the answer streaming in, else leave full screen, else forget the segment.
    if (m_chat->stopStreaming())
        return;
    if (m_videoFullScreen)
        setVideoFullScreen(false);
    else
        m_player->clearSegment();
}

void MainWindow::setVideoFullScreen(bool on)
{
    if (on == m_videoFullScreen)
        return;
    m_videoFullScreen = on;
    // The window itself goes full screen with only the video, timeline and controls in it: the shortcuts keep
    // working because the focus never leaves this window (QVideoWidget::setFullScreen would open another).
    if (on) {
        m_wasMaximized = isMaximized();
        m_splitterBeforeFullScreen = m_splitter->saveState();
        m_chatPane->hide();
        menuBar()->hide();
        statusBar()->hide();
        showFullScreen();
    } else {
        m_chatPane->show();
        menuBar()->show();
        statusBar()->show();
        if (m_wasMaximized)
            showMaximized();
        else
            showNormal();
        m_splitter->restoreState(m_splitterBeforeFullScreen);
    }
    const QSignalBlocker block(m_actions->get(ActionId::FullScreen));
    m_actions->get(ActionId::FullScreen)->setChecked(on);
}

void MainWindow::applySettings(const AppSettings& settings)
{
    const AppSettings old = m_settings;
    m_settings = settings;
    m_settings.save();
    m_chat->setSettings(m_settings);
    m_scan->setSettings(m_settings);
    m_models->setPreEncoding(m_settings.preEncode);
    m_player->setWindowWidth(m_settings.windowSeconds);
    if (m_settings.modelChoiceDiffers(old) || !m_models->hasModel()) {
        m_options.modelDir.clear(); // a folder chosen in Settings replaces the command line's for this run too
        m_models->load(m_settings);
    }
    updateScope();
    updateCanAsk();
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(m_settings, m_models->deviceChoices(), m_models->hasModel() ? m_models->model().frames : 0, this);
    if (dialog.exec() == QDialog::Accepted)
        applySettings(dialog.settings());
}

void MainWindow::showShortcuts()
{
    ShortcutsDialog dialog(*m_actions, this);
    dialog.exec();
}

void MainWindow::chooseModelFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose the model folder"),
                                                          m_settings.modelDir.isEmpty() ? QDir::homePath() : m_settings.modelDir);
    if (dir.isEmpty())
        return;
    AppSettings s = m_settings;
    s.modelDir = dir;
    const QString problem = ModelController::problemWith(dir);
    if (!problem.isEmpty()) {
        m_chatPane->setNoModel(!m_models->hasModel(), problem);
        if (m_models->hasModel())
            m_chatPane->showNotice(problem);
        return;
    }
    applySettings(s);
}

void MainWindow::showModelManager(const QString& preselectRepo)
{
    if (!m_modelManager) {
        m_modelManager = new ModelManagerDialog(m_settings.modelDir, this);
        m_modelManager->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_modelManager, &ModelManagerDialog::useModelRequested, this, &MainWindow::useModel);
        connect(m_modelManager, &QObject::destroyed, this, [this] { m_modelManager = nullptr; });
    }
    if (!preselectRepo.isEmpty())
        m_modelManager->preselectDownload(preselectRepo);
    else if (m_models->hasModel())
        m_modelManager->selectModel(m_models->model().dir);
    m_modelManager->show();
    m_modelManager->raise();
    m_modelManager->activateWindow();
}

void MainWindow::useModel(const QString& dir)
{
    AppSettings s = m_settings;
    s.modelDir = dir;
    if (s.modelDir == m_settings.modelDir && m_models->hasModel() && m_options.modelDir.isEmpty())
        return; // already the model in use
    m_options.modelDir.clear();
    m_settings.modelDir.clear(); // differs now, so applySettings reloads even when the same folder is chosen again
    applySettings(s);
}

void MainWindow::restoreLayout()
{
    QSettings s = appSettings();
    if (!restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 760);
    if (!m_splitter->restoreState(s.value(QStringLiteral("window/splitter")).toByteArray()))
        m_splitter->setSizes({780, 500});
}

void MainWindow::saveLayout() const
{
    QSettings s = appSettings();
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/splitter"), m_videoFullScreen ? m_splitterBeforeFullScreen : m_splitter->saveState());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    // The last transcript save is waited for; when it failed, the user may save a copy elsewhere (or cancel).
    if (!confirmCloseWithUnsavedTranscript(this, m_chat->transcript())) {
        event->ignore();
        return;
    }
    if (m_videoFullScreen)
        setVideoFullScreen(false);
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile()) {
            event->acceptProposedAction();
            return;
        }
    }
}

void MainWindow::dropEvent(QDropEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile()) {
            event->acceptProposedAction();
            openVideo(url.toLocalFile());
            return;
        }
    }
}

} // namespace gitvqa
