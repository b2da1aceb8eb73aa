#include "ui/player/player_osd.h"

#include <QAccessible>

namespace gitvqa {

PlayerOsd::PlayerOsd(QWidget* over, QWidget* parent) : QLabel(parent), m_over(over)
{
    setObjectName(QStringLiteral("player_osd"));
    setAccessibleName(tr("Player message"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setMargin(8);
    // Light text on a dark translucent box reads on any picture, in the light and the dark theme alike.
    setStyleSheet(QStringLiteral("QLabel { color: white; background: rgba(0, 0, 0, 170); border-radius: 4px; }"));
    hide();
    m_hide.setSingleShot(true);
    m_hide.setInterval(kShowMs);
    connect(&m_hide, &QTimer::timeout, this, &QWidget::hide);
}

void PlayerOsd::showMessage(const QString& text)
{
    setText(text);
    adjustSize();
    const QPoint corner = m_over ? m_over->geometry().topLeft() : QPoint();
    move(corner + QPoint(12, 12));
    show();
    raise();
    m_hide.start();
    QAccessibleEvent event(this, QAccessible::NameChanged);
    QAccessible::updateAccessibility(&event);
}

} // namespace gitvqa
