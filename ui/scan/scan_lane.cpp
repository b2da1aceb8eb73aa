#include "ui/scan/scan_lane.h"

#include "ui/time_text.h"
#include "ui/player/timeline_widget.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace gitvqa {

namespace {
constexpr int kBand = 14;
constexpr int kHeat = 8;
constexpr int kGap = 2;
constexpr int kSide = 6; // without a timeline
} // namespace

ScanLane::ScanLane(TimelineWidget* timeline, QWidget* parent) : QWidget(parent), m_timeline(timeline)
{
    setAccessibleName(tr("Scan results"));
    setAccessibleDescription(tr("The answer for every scanned window; click a window to jump there"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setVisible(false);
}

void ScanLane::setDuration(double seconds)
{
    m_duration = std::max(0.0, seconds);
    update();
}

double ScanLane::duration() const
{
    if (m_timeline && m_timeline->duration() > 0)
        return m_timeline->duration();
    double d = m_duration;
    for (const ScanLaneWindow& w : m_windows)
        d = std::max(d, w.end);
    return d;
}

void ScanLane::begin(bool yesNo, bool describe)
{
    m_windows.clear();
    m_answers.clear();
    m_yesNo = yesNo && !describe;
    m_describe = describe;
    relayout();
}

void ScanLane::clear()
{
    m_windows.clear();
    m_answers.clear();
    m_yesNo = m_describe = false;
    relayout();
}

void ScanLane::setWindow(const ScanLaneWindow& window)
{
    auto it = std::find_if(m_windows.begin(), m_windows.end(),
                           [&](const ScanLaneWindow& w) { return w.index == window.index; });
    if (it != m_windows.end())
        *it = window;
    else
        m_windows.insert(std::upper_bound(m_windows.begin(), m_windows.end(), window,
                                          [](const ScanLaneWindow& a, const ScanLaneWindow& b) { return a.index < b.index; }),
                         window);
    m_answers.clear();
    for (const ScanLaneWindow& w : m_windows)
        if (!m_answers.contains(w.answer))
            m_answers.append(w.answer);
    relayout();
}

void ScanLane::relayout()
{
    setVisible(!m_windows.isEmpty());
    setFixedHeight(sizeHint().height());
    updateGeometry();
    update();
}

QColor ScanLane::colorFor(const QString& answer) const
{
    const int i = std::max(0, int(m_answers.indexOf(answer)));
    // Golden-ratio steps around the hue circle keep neighbours apart; lighter on dark backgrounds.
    const double hue = std::fmod(0.08 + i * 0.618033988749895, 1.0);
    const bool dark = palette().color(QPalette::Base).lightnessF() < 0.5;
    return QColor::fromHsvF(float(hue), dark ? 0.5f : 0.65f, dark ? 0.9f : 0.8f);
}

QVector<QPair<QString, QColor>> ScanLane::legend() const
{
    QVector<QPair<QString, QColor>> out;
    for (const QString& a : m_answers)
        out.append({a, colorFor(a)});
    return out;
}

QPair<double, double> ScanLane::stripSpan() const
{
    if (m_timeline && m_timeline->isVisible()) {
        const QRect s = m_timeline->stripRect();
        const int offset = m_timeline->mapTo(window(), QPoint(0, 0)).x() - mapTo(window(), QPoint(0, 0)).x();
        return {double(s.left() + offset), double(s.left() + offset + s.width())};
    }
    return {double(kSide), double(std::max(kSide + 1, width() - kSide))};
}

double ScanLane::xForTime(double seconds) const
{
    const auto [left, right] = stripSpan();
    const double d = duration();
    if (d <= 0)
        return left;
    return left + std::clamp(seconds / d, 0.0, 1.0) * (right - left);
}

QRect ScanLane::bandRect() const
{
    const auto [left, right] = stripSpan();
    return QRect(int(left), kGap, std::max(1, int(right - left)), kBand);
}

QRect ScanLane::heatRect() const
{
    if (!m_yesNo)
        return {};
    const QRect b = bandRect();
    return QRect(b.left(), b.bottom() + 1 + kGap, b.width(), kHeat);
}

int ScanLane::windowAt(const QPoint& p) const
{
    const QRect b = bandRect();
    const QRect area = m_yesNo ? b.united(heatRect()) : b;
    if (p.y() < area.top() || p.y() > area.bottom())
        return -1;
    // Later windows win where windows overlap (stride < width): they start nearer to the point.
    for (int i = int(m_windows.size()) - 1; i >= 0; --i) {
        const ScanLaneWindow& w = m_windows[i];
        if (p.x() >= xForTime(w.start) && p.x() <= xForTime(w.end))
            return i;
    }
    return -1;
}

QString ScanLane::toolTipFor(int i) const
{
    if (i < 0 || i >= m_windows.size())
        return {};
    const ScanLaneWindow& w = m_windows[i];
    QString text = tr("%1: %2").arg(timeSpan(w.start, w.end), w.answer.isEmpty() ? tr("(no answer)") : w.answer);
    if (w.yesShare)
        text += QLatin1Char('\n') + tr("yes %1 %").arg(std::lround(*w.yesShare * 100));
    return text;
}

QSize ScanLane::sizeHint() const
{
    int h = kGap + kBand + kGap;
    if (m_yesNo)
        h += kHeat + kGap;
    h += fontMetrics().height() + kGap; // legend
    return QSize(400, h);
}

QSize ScanLane::minimumSizeHint() const { return QSize(100, sizeHint().height()); }

void ScanLane::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const QRect band = bandRect();
    p.fillRect(band, palette().color(QPalette::AlternateBase));
    for (const ScanLaneWindow& w : m_windows) {
        const int x0 = int(std::floor(xForTime(w.start))), x1 = int(std::ceil(xForTime(w.end)));
        p.fillRect(QRect(x0, band.top(), std::max(1, x1 - x0), band.height()), colorFor(w.answer));
        if (m_describe) { // chapter boundaries
            p.setPen(palette().color(QPalette::Base));
            p.drawLine(x0, band.top(), x0, band.bottom());
        }
    }
    if (m_yesNo) {
        const QRect heat = heatRect();
        const QColor base = palette().color(QPalette::Base);
        const QColor hot = palette().color(QPalette::Highlight);
        p.fillRect(heat, base);
        for (const ScanLaneWindow& w : m_windows) {
            if (!w.yesShare)
                continue;
            const double f = std::clamp(*w.yesShare, 0.0, 1.0);
            const QColor c = QColor::fromRgbF(base.redF() + (hot.redF() - base.redF()) * f,
                                              base.greenF() + (hot.greenF() - base.greenF()) * f,
                                              base.blueF() + (hot.blueF() - base.blueF()) * f);
            const int x0 = int(std::floor(xForTime(w.start))), x1 = int(std::ceil(xForTime(w.end)));
            p.fillRect(QRect(x0, heat.top(), std::max(1, x1 - x0), heat.height()), c);
        }
    }
    // Legend: a swatch and the answer, left to right, elided when the row is full.
    int x = band.left();
    const int y = (m_yesNo ? heatRect().bottom() : band.bottom()) + 1 + kGap;
    const int h = fontMetrics().height();
    p.setPen(palette().color(QPalette::WindowText));
    for (const auto& [answer, color] : legend()) {
        if (x >= width() - kSide)
            break;
        p.fillRect(QRect(x, y + h / 4, h / 2, h / 2), color);
        x += h / 2 + 4;
        const QString text = fontMetrics().elidedText(answer.isEmpty() ? tr("(no answer)") : answer, Qt::ElideRight,
                                                      m_describe ? 160 : 120);
        p.drawText(QRect(x, y, width() - x, h), Qt::AlignLeft | Qt::AlignVCenter, text);
        x += fontMetrics().horizontalAdvance(text) + 12;
    }
}

void ScanLane::mousePressEvent(QMouseEvent* event)
{
    const int i = windowAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && i >= 0) {
        Q_EMIT seekRequested(m_windows[i].start);
        event->accept();
        return;
    }
    QWidget::mousePressEvent(event);
}

bool ScanLane::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int i = windowAt(help->pos());
        if (i >= 0)
            QToolTip::showText(help->globalPos(), toolTipFor(i), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace gitvqa
