#include "ui/player/timeline_widget.h"

#include "service/segment_spec.h"
#include "ui/time_text.h"

#include <QAccessible>
#include <QApplication>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QStyle>
#include <QStyleOptionFocusRect>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace gitvqa {

namespace {

constexpr int kSide = 8;        // room for the playhead handle at both ends
constexpr int kTop = 6;
constexpr int kBufferBar = 4;
constexpr int kMarkerRow = 10;
constexpr int kGap = 3;
constexpr int kEdgeGrab = 5;    // pixels either side of a segment edge that grab it

QColor withAlpha(QColor c, int alpha)
{
    c.setAlpha(alpha);
    return c;
}

} // namespace

TimelineWidget::TimelineWidget(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAccessibleName(tr("Timeline"));
    setAccessibleDescription(tr("Click or drag to seek. The marked segment is a band: drag its edges to resize it, "
                                "its middle to move it. Markers below the pictures are earlier questions; click one "
                                "to jump there, or press Page Up and Page Down (Ctrl+Left, Ctrl+Right) to go from "
                                "one to the next and Enter to show its answer."));
}

QSize TimelineWidget::sizeHint() const { return {640, 84}; }

QSize TimelineWidget::minimumSizeHint() const { return {160, 84}; }

QRect TimelineWidget::stripRect() const
{
    const int h = height() - kTop - kGap - kBufferBar - kGap - kMarkerRow - 2;
    return QRect(kSide, kTop, std::max(1, width() - 2 * kSide), std::max(8, h));
}

QRect TimelineWidget::markerRect() const
{
    const QRect s = stripRect();
    return QRect(s.left(), s.bottom() + 1 + kGap + kBufferBar + kGap, s.width(), kMarkerRow);
}

double TimelineWidget::xForTime(double seconds) const
{
    const QRect s = stripRect();
    if (m_duration <= 0)
        return s.left();
    return s.left() + std::clamp(seconds / m_duration, 0.0, 1.0) * s.width();
}

double TimelineWidget::timeForX(double x) const
{
    const QRect s = stripRect();
    if (m_duration <= 0 || s.width() <= 0)
        return 0.0;
    return std::clamp((x - s.left()) / s.width(), 0.0, 1.0) * m_duration;
}

void TimelineWidget::setDuration(double seconds)
{
    m_duration = std::max(0.0, seconds);
    if (m_hasSegment)
        setSegment(m_segStart, m_segEnd);
    update();
}

void TimelineWidget::setPosition(double seconds)
{
    if (seconds == m_position)
        return;
    const int oldX = qRound(xForTime(m_position));
    m_position = seconds;
    const int newX = qRound(xForTime(m_position));
    if (oldX != newX || !m_hasSegment)
        update();
}

void TimelineWidget::setBufferedRanges(const QList<QPair<double, double>>& ranges)
{
    m_buffered = ranges;
    update();
}

void TimelineWidget::setThumbnail(double seconds, const QImage& image)
{
    m_thumbnails.insert(seconds, image);
    update(stripRect());
}

void TimelineWidget::clearThumbnails()
{
    m_thumbnails.clear();
    update();
}

void TimelineWidget::setWindowWidth(double seconds)
{
    m_windowWidth = std::max(0.0, seconds);
    update();
}

void TimelineWidget::setMarkers(const QVector<TimelineMarker>& markers)
{
    const QString chosen = m_chosenMarker >= 0 && m_chosenMarker < m_markers.size() ? m_markers[m_chosenMarker].id : QString();
    m_markers = markers;
    m_hoverMarker = -1;
    m_chosenMarker = -1;
    for (int i = 0; i < m_markers.size(); ++i)
        if (!chosen.isEmpty() && m_markers[i].id == chosen)
            m_chosenMarker = i;
    if (m_chosenMarker < 0)
        setAccessibleName(tr("Timeline"));
    update();
}

QString TimelineWidget::markerAccessibleName(int index) const
{
    if (index < 0 || index >= m_markers.size())
        return {};
    // The number counts in time order, as the keys walk them.
    int rank = 1;
    for (const TimelineMarker& m : m_markers)
        if (m.start < m_markers[index].start)
            ++rank;
    const TimelineMarker& m = m_markers[index];
    return tr("Question %1 of %2, %3: %4").arg(rank).arg(m_markers.size()).arg(timeSpan(m.start, m.end), m.question);
}

void TimelineWidget::stepMarker(int direction)
{
    if (m_markers.isEmpty())
        return;
    // From the chosen marker, else from the playhead; equal starts are ordered by their index, so none is skipped.
    const bool fromChosen = m_chosenMarker >= 0 && m_chosenMarker < m_markers.size();
    const double from = fromChosen ? m_markers[m_chosenMarker].start : m_position;
    const int fromIndex = fromChosen ? m_chosenMarker : (direction > 0 ? -1 : int(m_markers.size()));
    constexpr double eps = 1e-3;
    auto after = [&](int i) { // marker i comes after the starting point in time order
        const double t = m_markers[i].start;
        return fromChosen ? (t > from + eps || (std::abs(t - from) <= eps && i > fromIndex)) : t > from + eps;
    };
    auto before = [&](int i) {
        const double t = m_markers[i].start;
        return fromChosen ? (t < from - eps || (std::abs(t - from) <= eps && i < fromIndex)) : t < from - eps;
    };
    int best = -1;
    for (int i = 0; i < m_markers.size(); ++i) {
        if (direction > 0 ? !after(i) : !before(i))
            continue;
        if (best < 0) {
            best = i;
            continue;
        }
        const double t = m_markers[i].start, b = m_markers[best].start;
        if (direction > 0 ? (t < b - eps || (std::abs(t - b) <= eps && i < best)) : (t > b + eps || (std::abs(t - b) <= eps && i > best)))
            best = i;
    }
    if (best < 0)
        return; // already at the first or last: stay there
    m_chosenMarker = best;
    setAccessibleName(tr("Timeline, %1").arg(markerAccessibleName(best)));
    QAccessibleEvent event(this, QAccessible::NameChanged);
    QAccessible::updateAccessibility(&event);
    update();
    Q_EMIT seekRequested(m_markers[best].start);
}

void TimelineWidget::activateChosenMarker()
{
    if (m_chosenMarker >= 0 && m_chosenMarker < m_markers.size())
        Q_EMIT markerActivated(m_markers[m_chosenMarker].id);
}

void TimelineWidget::setSegment(double start, double end)
{
    if (end < start)
        std::swap(start, end);
    start = std::max(0.0, start);
    if (m_duration > 0) {
        end = std::min(end, m_duration);
        start = std::min(start, std::max(0.0, m_duration - kMinSegment));
    }
    end = std::max(end, start + kMinSegment);
    if (m_hasSegment && start == m_segStart && end == m_segEnd)
        return;
    m_hasSegment = true;
    m_segStart = start;
    m_segEnd = end;
    update();
    Q_EMIT segmentChanged();
}

void TimelineWidget::clearSegment()
{
    if (!m_hasSegment)
        return;
    m_hasSegment = false;
    update();
    Q_EMIT segmentChanged();
}

QPair<double, double> TimelineWidget::playheadWindow() const
{
    const double w = m_duration > 0 ? std::min(m_windowWidth, m_duration) : m_windowWidth;
    double start = m_position - w / 2;
    if (m_duration > 0)
        start = std::min(start, m_duration - w);
    start = std::max(0.0, start);
    return {start, start + w};
}

TimelineWidget::Hit TimelineWidget::hitTest(const QPoint& p, int* marker) const
{
    if (m_duration <= 0)
        return Hit::Nothing;
    const QRect rows = markerRect().adjusted(-kSide, -kGap, kSide, 2);
    if (rows.contains(p)) {
        for (int i = int(m_markers.size()) - 1; i >= 0; --i) {
            const double x0 = xForTime(m_markers[i].start) - 3, x1 = std::max(xForTime(m_markers[i].end), x0 + 6) + 3;
            if (p.x() >= x0 && p.x() <= x1) {
                if (marker)
                    *marker = i;
                return Hit::Marker;
            }
        }
        return Hit::Strip;
    }
    if (m_hasSegment) {
        const double xs = xForTime(m_segStart), xe = xForTime(m_segEnd);
        // The nearer edge wins when a short band makes both grabbable.
        const double ds = std::abs(p.x() - xs), de = std::abs(p.x() - xe);
        if (std::min(ds, de) <= kEdgeGrab)
            return ds < de ? Hit::StartEdge : Hit::EndEdge;
        if (p.x() > xs && p.x() < xe)
            return Hit::Band;
    }
    return Hit::Strip;
}

void TimelineWidget::updateCursor(const QPoint& p)
{
    switch (hitTest(p)) {
    case Hit::StartEdge:
    case Hit::EndEdge: setCursor(Qt::SizeHorCursor); break;
    case Hit::Band: setCursor(Qt::OpenHandCursor); break;
    case Hit::Marker: setCursor(Qt::PointingHandCursor); break;
    default: unsetCursor(); break;
    }
}

void TimelineWidget::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || m_duration <= 0) {
        QWidget::mousePressEvent(event);
        return;
    }
    const QPoint p = event->position().toPoint();
    m_pressPos = p;
    m_pressStart = m_segStart;
    m_pressEnd = m_segEnd;
    int marker = -1;
    switch (hitTest(p, &marker)) {
    case Hit::Marker:
        m_drag = Drag::None;
        Q_EMIT markerActivated(m_markers[marker].id);
        Q_EMIT seekRequested(m_markers[marker].start);
        break;
    case Hit::StartEdge: m_drag = Drag::Start; break;
    case Hit::EndEdge: m_drag = Drag::End; break;
    case Hit::Band: m_drag = Drag::PendingMove; break;
    default:
        m_drag = Drag::Scrub;
        Q_EMIT seekRequested(timeForX(p.x()));
        break;
    }
    event->accept();
}

void TimelineWidget::mouseMoveEvent(QMouseEvent* event)
{
    const QPoint p = event->position().toPoint();
    if (m_drag == Drag::None) {
        updateCursor(p);
        int marker = -1;
        const int hover = hitTest(p, &marker) == Hit::Marker ? marker : -1;
        if (hover != m_hoverMarker) {
            m_hoverMarker = hover;
            update(markerRect().adjusted(-kSide, -2, kSide, 2));
        }
        return;
    }
    const double t = timeForX(p.x());
    switch (m_drag) {
    case Drag::Scrub: Q_EMIT seekRequested(t); break;
    case Drag::Start: setSegment(std::min(t, m_segEnd - kMinSegment), m_segEnd); break;
    case Drag::End: setSegment(m_segStart, std::max(t, m_segStart + kMinSegment)); break;
    case Drag::PendingMove:
        if (std::abs(p.x() - m_pressPos.x()) < QApplication::startDragDistance())
            break;
        m_drag = Drag::Move;
        setCursor(Qt::ClosedHandCursor);
        Q_FALLTHROUGH();
    case Drag::Move: {
        const double length = m_pressEnd - m_pressStart;
        double start = m_pressStart + (t - timeForX(m_pressPos.x()));
        start = std::clamp(start, 0.0, std::max(0.0, m_duration - length));
        setSegment(start, start + length);
        break;
    }
    case Drag::None: break;
    }
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent* event)
{
    const Drag drag = m_drag;
    m_drag = Drag::None;
    const QPoint p = event->position().toPoint();
    switch (drag) {
    case Drag::Scrub: Q_EMIT scrubFinished(timeForX(p.x())); break;
    case Drag::PendingMove:
        // A click inside the band seeks, like anywhere else on the strip.
        Q_EMIT seekRequested(timeForX(p.x()));
        Q_EMIT scrubFinished(timeForX(p.x()));
        break;
    case Drag::Start:
    case Drag::End:
    case Drag::Move: Q_EMIT segmentEditFinished(); break;
    case Drag::None: break;
    }
    updateCursor(p);
}

void TimelineWidget::leaveEvent(QEvent* event)
{
    if (m_hoverMarker >= 0) {
        m_hoverMarker = -1;
        update();
    }
    QWidget::leaveEvent(event);
}

QString TimelineWidget::markerToolTip(const TimelineMarker& m) const
{
    return tr("%1: %2").arg(timeSpan(m.start, m.end), m.question.toHtmlEscaped());
}

bool TimelineWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        int marker = -1;
        const Hit hit = hitTest(help->pos(), &marker);
        if (hit == Hit::Marker)
            QToolTip::showText(help->globalPos(), markerToolTip(m_markers[marker]), this);
        else if (m_duration > 0)
            QToolTip::showText(help->globalPos(), formatTimestamp(timeForX(help->pos().x())), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void TimelineWidget::paintThumbnails(QPainter& p, const QRect& strip) const
{
    if (m_thumbnails.isEmpty())
        return;
    const QImage& first = m_thumbnails.first();
    const double aspect = first.height() > 0 ? double(first.width()) / first.height() : 16.0 / 9.0;
    const int tileW = std::max(8, int(std::lround(strip.height() * aspect)));
    p.save();
    p.setClipRect(strip);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    for (int x = strip.left(); x < strip.right(); x += tileW) {
        const double t = timeForX(x + tileW / 2.0);
        // The nearest thumbnail in time: until all have arrived, neighbours stand in.
        auto it = m_thumbnails.lowerBound(t);
        if (it == m_thumbnails.end() || (it != m_thumbnails.begin() && t - std::prev(it).key() < it.key() - t))
            it = std::prev(it);
        p.drawImage(QRect(x, strip.top(), tileW, strip.height()), it.value());
    }
    p.restore();
}

void TimelineWidget::paintMarkers(QPainter& p) const
{
    const QRect row = markerRect();
    const QColor base = palette().color(QPalette::Link);
    for (int i = 0; i < m_markers.size(); ++i) {
        const TimelineMarker& m = m_markers[i];
        const double x0 = xForTime(m.start);
        const double x1 = std::max(xForTime(m.end), x0 + 6);
        const QRectF r(x0, row.top() + 2, x1 - x0, row.height() - 3);
        p.setPen(Qt::NoPen);
        const bool lit = i == m_hoverMarker || (i == m_chosenMarker && hasFocus());
        p.setBrush(withAlpha(base, lit ? 255 : 150));
        p.drawRoundedRect(r, 2, 2);
        // A tick where the question starts, the spot a click jumps to.
        p.setBrush(withAlpha(palette().color(QPalette::WindowText), lit ? 220 : 120));
        p.drawRect(QRectF(x0, row.top(), 1.5, row.height()));
    }
}

void TimelineWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = palette();
    const QRect strip = stripRect();

    p.setPen(Qt::NoPen);
    p.setBrush(pal.color(QPalette::Base));
    p.drawRoundedRect(QRectF(strip).adjusted(-1, -1, 1, 1), 3, 3);
    if (m_duration <= 0) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(strip, Qt::AlignCenter, tr("No video"));
        return;
    }
    paintThumbnails(p, strip);

    const auto band = [&](double a, double b) {
        return QRectF(xForTime(a), strip.top(), std::max(1.0, xForTime(b) - xForTime(a)), strip.height());
    };
    const QColor hi = pal.color(QPalette::Highlight);
    // Outside what a question would be about, the pictures are veiled: strongly around a marked segment, faintly
    // around the window that follows the playhead.
    const auto veilOutside = [&](const QRectF& inside, int alpha) {
        p.setPen(Qt::NoPen);
        p.setBrush(withAlpha(pal.color(QPalette::Base), alpha));
        p.drawRect(QRectF(strip.left(), strip.top(), inside.left() - strip.left(), strip.height()));
        p.drawRect(QRectF(inside.right(), strip.top(), strip.right() + 1 - inside.right(), strip.height()));
    };
    if (m_hasSegment) {
        const QRectF r = band(m_segStart, m_segEnd);
        veilOutside(r, 170);
        p.setBrush(withAlpha(hi, 50));
        p.setPen(QPen(hi, 2));
        p.drawRect(r);
        p.setPen(Qt::NoPen);
        p.setBrush(hi);
        for (double x : {r.left(), r.right()})
            p.drawRoundedRect(QRectF(x - 2.5, strip.top() - 2, 5, strip.height() + 4), 2, 2);
    } else {
        const auto w = playheadWindow();
        const QRectF r = band(w.first, w.second);
        veilOutside(r, 90);
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(withAlpha(hi, 160), 1, Qt::DashLine));
        p.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5));
    }

    // Track: buffered in a mid tone, played in the highlight colour.
    const QRectF track(strip.left(), strip.bottom() + 1 + kGap, strip.width(), kBufferBar);
    p.setPen(Qt::NoPen);
    p.setBrush(withAlpha(pal.color(QPalette::WindowText), 35));
    p.drawRoundedRect(track, 2, 2);
    p.setBrush(withAlpha(pal.color(QPalette::WindowText), 80));
    for (const auto& r : m_buffered)
        p.drawRoundedRect(QRectF(xForTime(r.first), track.top(), xForTime(r.second) - xForTime(r.first), track.height()), 2, 2);
    p.setBrush(hi);
    p.drawRoundedRect(QRectF(track.left(), track.top(), xForTime(m_position) - track.left(), track.height()), 2, 2);

    paintMarkers(p);

    // Playhead: the window text colour contrasts with both the band and the pictures' frame.
    const double x = xForTime(m_position);
    const QColor head = pal.color(QPalette::WindowText);
    p.setPen(QPen(pal.color(QPalette::Base), 3));
    p.drawLine(QPointF(x, strip.top()), QPointF(x, track.bottom()));
    p.setPen(QPen(head, 1.5));
    p.drawLine(QPointF(x, strip.top()), QPointF(x, track.bottom()));
    QPainterPath handle;
    handle.moveTo(x - 6, 0);
    handle.lineTo(x + 6, 0);
    handle.lineTo(x, kTop + 2);
    handle.closeSubpath();
    p.setPen(Qt::NoPen);
    p.setBrush(head);
    p.drawPath(handle);

    if (hasFocus()) {
        QStyleOptionFocusRect option;
        option.initFrom(this);
        option.rect = rect().adjusted(1, 1, -1, -1);
        style()->drawPrimitive(QStyle::PE_FrameFocusRect, &option, &p, this);
    }
}

} // namespace gitvqa
