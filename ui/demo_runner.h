#pragma once
// Drives the real window for demos and the README screenshot (gitvqa-app --ask "…" --screenshot FILE): waits for
// the model and the video, optionally seeks and marks a segment, asks, waits for the answer, saves a picture of the
// window and quits. Deterministic, unlike driving the window with synthetic X events.

#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QTimer>

namespace gitvqa {

class MainWindow;

class DemoRunner : public QObject {
    Q_OBJECT
public:
    struct Script {
        QStringList questions;     // asked one after the other, each once the previous answer is in
        double at = -1.0;          // seek here first (seconds); < 0 leaves the playhead
        // Before the i-th question, mark segments[i] (start < end) or, with start < 0, clear the segment; questions
        // beyond the list keep whatever is marked.
        QVector<QPair<double, double>> segments;
        QString screenshot;        // PNG to write once the answer is in ("" = none)
        bool quit = true;          // quit afterwards (exit code 0 on success)
        int timeoutMs = 180000;
    };

    DemoRunner(MainWindow& window, const Script& script, QObject* parent = nullptr);
    void start();

    // The window as it is on screen. Under X11 the screen is read back, because QVideoWidget's frames are drawn
    // in a native child window that QWidget::grab() cannot see; elsewhere the widgets paint themselves.
    static QImage grabWindow(QWidget& window);

Q_SIGNALS:
    void done(bool ok, const QString& message);

private:
    void step();
    void askNext();
    void finish(bool ok, const QString& message);

    MainWindow& m_window;
    Script m_script;
    enum class Phase { WaitReady, Settle, Asking, Capture, Done } m_phase = Phase::WaitReady;
    QString m_entry;
    int m_asked = 0;
    QTimer m_poll;
    QTimer m_timeout;
};

} // namespace gitvqa
