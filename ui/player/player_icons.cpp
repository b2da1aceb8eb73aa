#include "ui/player/player_icons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace gitvqa {

namespace {

constexpr int kSize = 20; // logical pixels; drawn at 2x for high-density screens

void draw(QPainter& p, PlayerIcon which, const QColor& c)
{
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    QPainterPath path;
    switch (which) {
    case PlayerIcon::Play:
        path.moveTo(6, 4);
        path.lineTo(16, 10);
        path.lineTo(6, 16);
        path.closeSubpath();
        p.drawPath(path);
        break;
    case PlayerIcon::Pause:
        p.drawRoundedRect(QRectF(5, 4, 3.5, 12), 1, 1);
        p.drawRoundedRect(QRectF(11.5, 4, 3.5, 12), 1, 1);
        break;
    case PlayerIcon::FrameBack:
        p.drawRect(QRectF(4, 5, 2, 10));
        path.moveTo(16, 5);
        path.lineTo(7.5, 10);
        path.lineTo(16, 15);
        path.closeSubpath();
        p.drawPath(path);
        break;
    case PlayerIcon::FrameForward:
        p.drawRect(QRectF(14, 5, 2, 10));
        path.moveTo(4, 5);
        path.lineTo(12.5, 10);
        path.lineTo(4, 15);
        path.closeSubpath();
        p.drawPath(path);
        break;
    case PlayerIcon::Volume:
    case PlayerIcon::Muted:
        path.moveTo(3, 8);
        path.lineTo(6, 8);
        path.lineTo(10, 4.5);
        path.lineTo(10, 15.5);
        path.lineTo(6, 12);
        path.lineTo(3, 12);
        path.closeSubpath();
        p.drawPath(path);
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(c, 1.6, Qt::SolidLine, Qt::RoundCap));
        if (which == PlayerIcon::Volume) {
            p.drawArc(QRectF(8, 6.5, 6, 7), -50 * 16, 100 * 16);
            p.drawArc(QRectF(7.5, 4, 9.5, 12), -50 * 16, 100 * 16);
        } else {
            p.drawLine(QPointF(12.5, 7.5), QPointF(17, 12.5));
            p.drawLine(QPointF(17, 7.5), QPointF(12.5, 12.5));
        }
        break;
    case PlayerIcon::FullScreen:
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(c, 1.8, Qt::SolidLine, Qt::SquareCap));
        for (const QPointF& corner : {QPointF(4, 4), QPointF(16, 4), QPointF(4, 16), QPointF(16, 16)}) {
            const double dx = corner.x() < 10 ? 4 : -4, dy = corner.y() < 10 ? 4 : -4;
            p.drawLine(corner, corner + QPointF(dx, 0));
            p.drawLine(corner, corner + QPointF(0, dy));
        }
        break;
    }
}

QPixmap render(PlayerIcon which, const QColor& color)
{
    QPixmap pixmap(kSize * 2, kSize * 2);
    pixmap.setDevicePixelRatio(2.0);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    draw(p, which, color);
    return pixmap;
}

} // namespace

QIcon playerIcon(PlayerIcon which, const QPalette& palette)
{
    QIcon icon;
    icon.addPixmap(render(which, palette.color(QPalette::Active, QPalette::ButtonText)), QIcon::Normal);
    icon.addPixmap(render(which, palette.color(QPalette::Disabled, QPalette::ButtonText)), QIcon::Disabled);
    icon.addPixmap(render(which, palette.color(QPalette::Active, QPalette::Highlight)), QIcon::Active);
    return icon;
}

} // namespace gitvqa
