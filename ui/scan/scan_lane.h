#pragma once
// The scan lane under the timeline: one band per scanned window coloured by its answer (distinct hues, one per
// answer, in order of first appearance), a heat strip of p(yes) / (p(yes) + p(no)) for yes/no questions, and a
// legend mapping answers to colours. Hover: the window's answer (for a description, the caption); click: jump there.
// Lined up with the timeline's strip when it is given one; Qt only.

#include <QColor>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QVector>
#include <QWidget>

#include <optional>

namespace gitvqa {

class TimelineWidget;

struct ScanLaneWindow {
    int index = 0;
    double start = 0.0;
    double end = 0.0;
    QString answer;
    std::optional<double> yesShare;
};

class ScanLane : public QWidget {
    Q_OBJECT
public:
    explicit ScanLane(TimelineWidget* timeline = nullptr, QWidget* parent = nullptr);

    void setDuration(double seconds); // used when there is no timeline
    double duration() const;
    // yesNo: draw the heat strip; describe: the windows are chapters (captions in the tooltip).
    void begin(bool yesNo, bool describe);
    void setWindow(const ScanLaneWindow& window); // adds, or replaces the one with the same index
    void clear();
    const QVector<ScanLaneWindow>& windows() const { return m_windows; }
    bool isYesNo() const { return m_yesNo; }

    // Distinct answers and their colours, in order of first appearance.
    QVector<QPair<QString, QColor>> legend() const;
    QColor colorFor(const QString& answer) const;

    // Geometry, public so tests can aim the mouse.
    double xForTime(double seconds) const;
    QRect bandRect() const;
    QRect heatRect() const; // empty without the heat strip
    int windowAt(const QPoint& p) const;
    QString toolTipFor(int i) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void seekRequested(double seconds);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    QPair<double, double> stripSpan() const; // left and right x of the time axis in this widget
    void relayout();

    QPointer<TimelineWidget> m_timeline;
    double m_duration = 0.0;
    QVector<ScanLaneWindow> m_windows;
    QStringList m_answers; // distinct, in order of first appearance
    bool m_yesNo = false;
    bool m_describe = false;
};

} // namespace gitvqa
