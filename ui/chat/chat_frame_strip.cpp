#include "ui/chat/chat_frame_strip.h"

#include "ui/time_text.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPolygon>
#include <QStyle>
#include <QStyleOptionFocusRect>
#include <QToolTip>

#include <algorithm>

namespace gitvqa {

namespace {

constexpr int kGap = 3;

} // namespace

ChatFrameStrip::ChatFrameStrip(QWidget* parent) : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setCursor(Qt::PointingHandCursor);
    setAccessibleName(tr("Frames the model saw"));
}

void ChatFrameStrip::setFrames(const QVector<QImage>& images, const QVector<double>& times,
                               const QVector<double>& clampedFrom)
{
    m_images = images;
    m_times = times;
    m_clampedFrom = clampedFrom;
    m_current = 0;
    QStringList when;
    for (int i = 0; i < times.size(); ++i)
        when << (frameClamped(i) ? tr("%1 (for %2)").arg(preciseTimestamp(times[i]), preciseTimestamp(m_clampedFrom.value(i)))
                                 : preciseTimestamp(times[i]));
    setAccessibleDescription(images.isEmpty() ? QString()
                                              : tr("%n frame(s), at %1. Left and Right choose one, Enter jumps there.",
                                                   nullptr, int(images.size()))
                                                    .arg(when.join(QStringLiteral(", "))));
    setVisible(!images.isEmpty());
    updateGeometry();
    update();
}

QString ChatFrameStrip::frameDescription(int i) const
{
    const QString frame = tr("Frame %1 of %2, at %3").arg(i + 1).arg(m_images.size()).arg(preciseTimestamp(m_times.value(i)));
    if (!frameClamped(i))
        return frame;
    return tr("%1 (asked for %2: the video's first decodable frame, as the file starts before its first keyframe)")
        .arg(frame, preciseTimestamp(m_clampedFrom.value(i)));
}

QSize ChatFrameStrip::sizeHint() const
{
    if (m_images.isEmpty())
        return {0, 0};
    const QImage& f = m_images.first();
    const int w = f.height() > 0 ? kHeight * f.width() / f.height() : kHeight * 16 / 9;
    return {int(m_images.size()) * (w + kGap), kHeight};
}

QSize ChatFrameStrip::minimumSizeHint() const { return {m_images.isEmpty() ? 0 : 60, kHeight}; }

QRect ChatFrameStrip::frameRect(int i) const
{
    const int n = int(m_images.size());
    if (i < 0 || i >= n)
        return {};
    const QImage& f = m_images[i];
    const double aspect = f.height() > 0 ? double(f.width()) / f.height() : 16.0 / 9.0;
    // As large as the height allows, narrower when the chat is narrow.
    const double w = std::min(kHeight * aspect, (width() - (n - 1) * kGap) / double(n));
    const double h = std::min<double>(kHeight, w / aspect);
    return QRect(int(i * (w + kGap)), int((kHeight - h) / 2), std::max(1, int(w)), std::max(1, int(h)));
}

int ChatFrameStrip::frameAt(const QPoint& p) const
{
    for (int i = 0; i < m_images.size(); ++i)
        if (frameRect(i).adjusted(0, -kHeight, kGap, kHeight).contains(p))
            return i;
    return -1;
}

void ChatFrameStrip::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    for (int i = 0; i < m_images.size(); ++i) {
        const QRect r = frameRect(i);
        p.drawImage(r, m_images[i]);
        p.setPen(palette().color(QPalette::Mid));
        p.setBrush(Qt::NoBrush); // the previous frame's corner mark left its brush: the outline must not fill
        p.drawRect(r.adjusted(0, 0, -1, -1));
        if (frameClamped(i)) {
            // A corner mark: this picture is later than the time it was asked for (see the tooltip).
            const int s = std::max(6, r.height() / 4);
            const QPoint c = r.topRight();
            p.setPen(Qt::NoPen);
            p.setBrush(palette().color(QPalette::Highlight));
            p.drawPolygon(QPolygon({c, c + QPoint(-s, 0), c + QPoint(0, s)}));
        }
    }
    if (hasFocus() && m_current < m_images.size()) {
        QStyleOptionFocusRect option;
        option.initFrom(this);
        option.rect = frameRect(m_current).adjusted(-1, -1, 1, 1);
        style()->drawPrimitive(QStyle::PE_FrameFocusRect, &option, &p, this);
    }
}

void ChatFrameStrip::mousePressEvent(QMouseEvent* event)
{
    const int i = frameAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && i >= 0) {
        m_current = i;
        Q_EMIT frameActivated(m_times.value(i));
        return;
    }
    QWidget::mousePressEvent(event);
}

void ChatFrameStrip::keyPressEvent(QKeyEvent* event)
{
    const int n = int(m_images.size());
    switch (event->key()) {
    case Qt::Key_Left: m_current = std::max(0, m_current - 1); update(); return;
    case Qt::Key_Right: m_current = std::min(n - 1, m_current + 1); update(); return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_current < n)
            Q_EMIT frameActivated(m_times.value(m_current));
        return;
    default: QWidget::keyPressEvent(event);
    }
}

bool ChatFrameStrip::event(QEvent* event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        // While the strip has the focus its arrows choose a frame instead of seeking the player.
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (static_cast<QKeyEvent*>(event)->modifiers() == Qt::NoModifier
            && (key == Qt::Key_Left || key == Qt::Key_Right || key == Qt::Key_Return || key == Qt::Key_Enter
                || key == Qt::Key_Space)) {
            event->accept();
            return true;
        }
    }
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int i = frameAt(help->pos());
        if (i >= 0)
            QToolTip::showText(help->globalPos(), frameDescription(i), this, frameRect(i));
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace gitvqa
