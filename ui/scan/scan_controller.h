#pragma once
// Scan in the window: one question (or a description) over the whole video or the marked segment, window by
// window. Starts and stops scans on the service, streams the results into the scan lane under the timeline and into
// a summary exchange in the chat, reports progress and time left to the status bar, saves the scan (kind "scan" or
// "describe", with every window) in the transcript that regular answers use, and resumes a stopped scan.
// One scan runs at a time: starting another stops the running one (saved as stopped, Resume offered), as a new
// search replaces the old one in a player or editor; queueing would leave the user waiting on a scan they moved on
// from. A scan read back from the transcript keeps its range and window geometry (saved in its decoding options),
// so a stopped one resumes with only the windows it had not done.

#include "ui/settings/app_settings.h"
#include "ui/scan/scan_dialog.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>

class QToolButton;

namespace gitvqa {

class ChatController;
class ChatPane;
class ModelController;
class PlayerPane;
class ScanLane;
class ScanSummaryWidget;
struct ScanWindowResult;

class ScanController : public QObject {
    Q_OBJECT
public:
    // Puts the scan lane under the player's timeline and the Scan toggle next to the question box.
    ScanController(ModelController& models, ChatController& chat, ChatPane& pane, PlayerPane& player,
                   QObject* parent = nullptr);
    ~ScanController() override;

    void setSettings(const AppSettings& settings) { m_settings = settings; }
    // After the chat opened the video's transcript: shows the scans saved in it.
    void openVideo(const QString& path);
    // Before another video's transcript is opened: a running scan stops and is saved in its own video's transcript.
    void closeVideo();

    ScanLane* lane() const { return m_lane; }
    QToolButton* scanToggle() const { return m_toggle; }
    bool scanMode() const;
    ScanOptions defaultOptions(const QString& question = QString()) const;

    bool isRunning() const { return !m_current.isEmpty(); }
    QString currentId() const { return m_current; }
    QStringList scanIds() const { return m_order; }
    ScanSummaryWidget* summary(const QString& id) const;
    int windowCount(const QString& id) const;

public Q_SLOTS:
    // Opens the scan dialog with `question`; starts the scan when accepted.
    void showDialog(const QString& question = QString());
    // Starts a scan of the marked segment, else the whole video; returns the exchange id ("" when it cannot start).
    QString start(const gitvqa::ScanOptions& options);
    void stop(const QString& id = QString());
    bool resume(const QString& id);

Q_SIGNALS:
    void activity(const QString& text, double fraction);
    void idle();
    void windowDone(const QString& id, int index);
    void finished(const QString& id, bool cancelled);

private:
    struct Run;
    void launch(Run& run);
    void addSummary(Run& run);
    void refresh(Run& run);
    void endRun(Run& run); // the run in progress ended (finished, stopped or failed): save it and tell the window
    void stopRunningNow(); // cancels the run in progress and ends it as stopped, without waiting for the service
    void save(Run& run, bool final);
    void showOnLane(const Run& run);
    void onPlanned(quint64 request, int windows);
    void onWindow(quint64 request, const ScanWindowResult& window);
    void onProgress(quint64 request, int done, int total, double secondsLeft);
    void onFinished(quint64 request, bool cancelled);
    void onFailed(quint64 request, const QString& message);
    void clearAll();
    void restoreSaved(); // the scans in the chat's transcript that are not shown yet

    ModelController& m_models;
    ChatController& m_chat;
    ChatPane& m_pane;
    PlayerPane& m_player;
    ScanLane* m_lane = nullptr;
    QToolButton* m_toggle = nullptr;
    AppSettings m_settings;
    QString m_video;
    QStringList m_order;
    QHash<QString, std::shared_ptr<Run>> m_runs;
    QString m_current;       // the exchange being scanned
    quint64 m_request = 0;   // its service request
};

} // namespace gitvqa
