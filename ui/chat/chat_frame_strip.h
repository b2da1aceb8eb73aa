#pragma once
// The frames a question was answered from, side by side under it, scaled down to whatever width the chat has.
// Hover shows when each frame is from; a click jumps there.

#include <QImage>
#include <QVector>
#include <QWidget>

namespace gitvqa {

class ChatFrameStrip : public QWidget {
    Q_OBJECT
public:
    static constexpr int kHeight = 44;

    explicit ChatFrameStrip(QWidget* parent = nullptr);

    void setFrames(const QVector<QImage>& images, const QVector<double>& times);
    int frameCount() const { return int(m_images.size()); }
    double frameTime(int i) const { return m_times.value(i); }
    QRect frameRect(int i) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void frameActivated(double seconds);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;

private:
    int frameAt(const QPoint& p) const;

    QVector<QImage> m_images;
    QVector<double> m_times;
    int m_current = 0; // the frame Enter jumps to when the strip has the keyboard focus
};

} // namespace gitvqa
