#pragma once
// The status bar's account of the worker: which model runs where (model · device · dtype), and what the worker is
// doing now ("Loading model 40 %", "Encoding segment 00:35–00:45", "Answering, 12.3 tokens/s"), with a progress bar
// that appears only for work that lasts longer than half a second, so quick answers do not flicker it.

#include <QObject>
#include <QTimer>

class QLabel;
class QProgressBar;
class QStatusBar;

namespace gitvqa {

class WorkerStatus : public QObject {
    Q_OBJECT
public:
    static constexpr int kProgressDelayMs = 500;

    explicit WorkerStatus(QStatusBar* bar);

    void setModel(const QString& name, const QString& device, const QString& dtype, int threads);
    void setModelText(const QString& text);
    QString modelText() const;

    // Something began or moved on; fraction in [0, 1], or < 0 when there is no measure (busy indicator).
    void setActivity(const QString& text, double fraction = -1.0);
    void clearActivity();
    // A short note while nothing runs ("Segment 00:35–00:45 prepared"); work in progress replaces it.
    void flash(const QString& text, int ms = 4000);
    QString activityText() const;
    bool isProgressVisible() const;
    QProgressBar* progressBar() const { return m_progress; }

private:
    void applyFraction();

    QLabel* m_activity = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_model = nullptr;
    QTimer m_delay;
    QTimer m_flash;
    double m_fraction = -1.0;
    bool m_active = false;
};

} // namespace gitvqa
