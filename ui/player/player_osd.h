#pragma once
// A short message over the video ("Volume 55 %"), as mpv and VLC show one: it stays for a moment and fades out of
// the way by itself, so a key that changes something invisible still shows what it did.

#include <QLabel>
#include <QTimer>

namespace gitvqa {

class PlayerOsd : public QLabel {
    Q_OBJECT
public:
    static constexpr int kShowMs = 1500;

    // Shown over `over` (a sibling in the same parent): its top-left corner.
    PlayerOsd(QWidget* over, QWidget* parent);

    void showMessage(const QString& text);

private:
    QWidget* m_over = nullptr;
    QTimer m_hide;
};

} // namespace gitvqa
