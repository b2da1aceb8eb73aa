#pragma once
// A scan's exchange in the chat: the question (or "Describe"), where the scan stands, and every distinct answer with
// its merged time ranges, each range a button that jumps the player there. Stop while it runs; Resume when stopped.

#include "service/scan_plan.h"

#include <QFrame>

class QLabel;
class QPushButton;
class QToolButton;
class QVBoxLayout;

namespace gitvqa {

class ScanSummaryWidget : public QFrame {
    Q_OBJECT
public:
    ScanSummaryWidget(const QString& id, const QString& question, bool describe, QWidget* parent = nullptr);

    QString id() const { return m_id; }
    void setRanges(const QVector<AnswerRange>& ranges);
    void setStatus(const QString& text);
    void setRunning(bool running, bool canResume);

    QString rangesText() const { return m_rangesText; }
    QString statusText() const;
    QList<QToolButton*> rangeButtons() const { return m_rangeButtons; }
    QPushButton* stopButton() const { return m_stop; }
    QPushButton* resumeButton() const { return m_resume; }

Q_SIGNALS:
    void seekRequested(double seconds);
    void stopRequested(const QString& id);
    void resumeRequested(const QString& id);

private:
    QString m_id;
    QLabel* m_status = nullptr;
    QWidget* m_rangesBox = nullptr;
    QVBoxLayout* m_rangesLayout = nullptr;
    QList<QToolButton*> m_rangeButtons;
    QPushButton* m_stop = nullptr;
    QPushButton* m_resume = nullptr;
    QString m_rangesText;
};

} // namespace gitvqa
