#pragma once
// Playback → Go to Time (Ctrl+G): a one-line box above the timeline that takes "1:23", "83" or "1:02:03.5"
// (parseClockTime, the CLI's reader). Enter jumps there, Esc closes it; a time it cannot read stays in the box with
// a hint, so nothing typed is lost. Not a modal dialog: the video stays in view and keeps playing.

#include <QFrame>

class QLabel;
class QLineEdit;

namespace gitvqa {

class GoToTimeBar : public QFrame {
    Q_OBJECT
public:
    explicit GoToTimeBar(QWidget* parent = nullptr);

    // Shows the box with `current` filled in and selected, and takes the focus.
    void open(double current, double duration);
    QLineEdit* edit() const { return m_edit; }
    QString hint() const;

Q_SIGNALS:
    void seekRequested(double seconds);
    void closed(); // Enter with a valid time, or Esc: the focus goes back to the timeline

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void accept();
    void close();

    QLineEdit* m_edit = nullptr;
    QLabel* m_hint = nullptr;
    double m_duration = 0.0;
};

} // namespace gitvqa
