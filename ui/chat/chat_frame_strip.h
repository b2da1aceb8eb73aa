#pragma once
// The frames a question was answered from, side by side under it, scaled down to whatever width the chat has.
// Hover shows when each frame is from; a click jumps there. A frame asked for before the first decodable picture of
// a cut (it starts before its first keyframe) is marked, and its tooltip says which time it stands in for.

#include <QImage>
#include <QVector>
#include <QWidget>

namespace gitvqa {

class ChatFrameStrip : public QWidget {
    Q_OBJECT
public:
    static constexpr int kHeight = 44;

    explicit ChatFrameStrip(QWidget* parent = nullptr);

    // `clampedFrom` as Exchange::clampedFrom: parallel to `times`, the time asked for where a frame was clamped to
    // the video's first decodable frame, else -1 (empty: nothing was clamped).
    void setFrames(const QVector<QImage>& images, const QVector<double>& times, const QVector<double>& clampedFrom = {});
    int frameCount() const { return int(m_images.size()); }
    double frameTime(int i) const { return m_times.value(i); }
    bool frameClamped(int i) const { return m_clampedFrom.value(i, -1.0) >= 0.0; }
    // What the tooltip says about frame i, e.g. "Frame 1 of 6, at 0:02.20 (asked for 0:00.50: first decodable frame)".
    QString frameDescription(int i) const;
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
    QVector<double> m_clampedFrom;
    int m_current = 0; // the frame Enter jumps to when the strip has the keyboard focus
};

} // namespace gitvqa
