#pragma once
// The window: the player pane and the chat pane side by side, menus built from the registered actions, the status
// bar, drag and drop, recent files, full screen, and the wiring between the parts. Remembers its geometry and the
// splitter position.

#include "ui/settings/app_settings.h"

#include <QMainWindow>

class QMenu;
class QSplitter;

namespace gitvqa {

class Actions;
class ChatController;
class ChatPane;
class ModelController;
class ModelManagerDialog;
class PlayerPane;
class ScanController;
class WorkerStatus;
struct LoadedModel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    struct Options {
        QString modelDir;          // for this run only (command line --model); the settings keep theirs
        QString transcriptFolder;  // "" = the session store's default
        bool loadModel = true;     // false: start without loading (tests of the no-model state)
        bool offerModelManager = false; // no model found at startup: open File → Models… with the default model
    };

    explicit MainWindow(const Options& options, QWidget* parent = nullptr);
    explicit MainWindow(QWidget* parent = nullptr) : MainWindow(Options{}, parent) {}
    ~MainWindow() override;

    bool openVideo(const QString& path);

    Actions& actions() const { return *m_actions; }
    PlayerPane* playerPane() const { return m_player; }
    ChatPane* chatPane() const { return m_chatPane; }
    ChatController* chat() const { return m_chat; }
    ScanController* scan() const { return m_scan; }
    ModelController* models() const { return m_models; }
    WorkerStatus* workerStatus() const { return m_status; }
    QSplitter* splitter() const { return m_splitter; }
    QMenu* recentMenu() const { return m_recentMenu; }
    ModelManagerDialog* modelManager() const { return m_modelManager; }

    const AppSettings& settings() const { return m_settings; }
    // Saves the settings and applies them; reloads the model when the model, device, precision or threads changed.
    void applySettings(const AppSettings& settings);

    bool isVideoFullScreen() const { return m_videoFullScreen; }
    void setVideoFullScreen(bool on);

public Q_SLOTS:
    void showOpenDialog();
    void showSettings();
    void showShortcuts();
    void chooseModelFolder();
    // File → Models…: non-modal, one at a time; `preselectRepo` is highlighted in the download list.
    void showModelManager(const QString& preselectRepo = QString());
    // Makes `dir` the model (saved as `model/dir`, as Settings and the CLI read it) and reloads it on the worker.
    void useModel(const QString& dir);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildMenus();
    void connectParts();
    void connectModel();
    void rebuildRecentMenu();
    void updateCanAsk();
    void updateScope();
    void preEncodeIfUseful();
    void escape();
    void restoreLayout();
    void saveLayout() const;
    void onModelLoaded(const LoadedModel& model);

    Options m_options;
    AppSettings m_settings;
    Actions* m_actions = nullptr;
    PlayerPane* m_player = nullptr;
    ChatPane* m_chatPane = nullptr;
    QSplitter* m_splitter = nullptr;
    ModelController* m_models = nullptr;
    ChatController* m_chat = nullptr;
    ScanController* m_scan = nullptr;
    WorkerStatus* m_status = nullptr;
    QMenu* m_recentMenu = nullptr;
    bool m_videoFullScreen = false;
    bool m_wasMaximized = false;
    QByteArray m_splitterBeforeFullScreen;
    ModelManagerDialog* m_modelManager = nullptr;
};

} // namespace gitvqa
