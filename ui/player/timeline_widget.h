#pragma once
// The strip under the video: thumbnails along the whole video, what is buffered, the playhead, the marked segment
// (a band whose edges and middle can be dragged), the window that will be sampled around the playhead when nothing
// is marked (faint), and a marker for every question asked (hover: the question; click: jump there).
// Painted with palette roles only, so it follows the light or dark look.

#include <QImage>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QVector>
#include <QWidget>

namespace gitvqa {

struct TimelineMarker {
    QString id;
    double start = 0.0;
    double end = 0.0;
    QString question;
};

class TimelineWidget : public QWidget {
    Q_OBJECT
public:
    static constexpr double kMinSegment = 0.2; // seconds

    explicit TimelineWidget(QWidget* parent = nullptr);

    void setDuration(double seconds);
    double duration() const { return m_duration; }
    void setPosition(double seconds);
    double position() const { return m_position; }
    void setBufferedRanges(const QList<QPair<double, double>>& ranges);
    void setThumbnail(double seconds, const QImage& image);
    void clearThumbnails();
    int thumbnailCount() const { return m_thumbnails.size(); }
    void setWindowWidth(double seconds);
    double windowWidth() const { return m_windowWidth; }
    void setMarkers(const QVector<TimelineMarker>& markers);
    const QVector<TimelineMarker>& markers() const { return m_markers; }
    // Markers from the keyboard: the one before/after the chosen marker (or the playhead when none is chosen)
    // becomes the chosen one, the playhead jumps to it and its name is announced; activate shows its exchange.
    void stepMarker(int direction); // -1 previous, +1 next
    void activateChosenMarker();
    int chosenMarker() const { return m_chosenMarker; } // index into markers(), -1 none
    QString markerAccessibleName(int index) const;      // "Question 2 of 3, 00:12–00:22: what is shown?"

    // The marked segment; setting it clamps to the video and emits segmentChanged.
    bool hasSegment() const { return m_hasSegment; }
    double segmentStart() const { return m_segStart; }
    double segmentEnd() const { return m_segEnd; }
    void setSegment(double start, double end);
    void clearSegment();

    // The window sampled around the playhead, shifted inside the video as the sampler does.
    QPair<double, double> playheadWindow() const;

    // Geometry, public so tests can aim the mouse where a person would.
    double xForTime(double seconds) const;
    double timeForX(double x) const;
    QRect stripRect() const;
    QRect markerRect() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void seekRequested(double seconds);  // click or drag on the strip
    void scrubFinished(double seconds);  // the mouse was released after seeking
    void segmentChanged();               // set, cleared, or moved by dragging
    void segmentEditFinished();          // a drag of the band ended
    void markerActivated(const QString& id);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    bool event(QEvent* event) override;

private:
    enum class Drag { None, Scrub, PendingMove, Move, Start, End };
    enum class Hit { Nothing, Strip, StartEdge, EndEdge, Band, Marker };

    Hit hitTest(const QPoint& p, int* marker = nullptr) const;
    void updateCursor(const QPoint& p);
    void paintThumbnails(QPainter& p, const QRect& strip) const;
    void paintMarkers(QPainter& p) const;
    QString markerToolTip(const TimelineMarker& m) const;

    double m_duration = 0.0;
    double m_position = 0.0;
    QList<QPair<double, double>> m_buffered;
    QMap<double, QImage> m_thumbnails;
    double m_windowWidth = 10.0;
    QVector<TimelineMarker> m_markers;
    bool m_hasSegment = false;
    double m_segStart = 0.0;
    double m_segEnd = 0.0;

    Drag m_drag = Drag::None;
    QPoint m_pressPos;
    double m_pressStart = 0.0, m_pressEnd = 0.0;
    int m_hoverMarker = -1;
    int m_chosenMarker = -1; // picked with the keyboard; drawn like the hovered one
};

} // namespace gitvqa
