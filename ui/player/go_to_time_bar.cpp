#include "ui/player/go_to_time_bar.h"

#include "service/clock_time.h"
#include "ui/time_text.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>

#include <algorithm>

namespace gitvqa {

GoToTimeBar::GoToTimeBar(QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("go_to_time_bar"));
    auto* label = new QLabel(tr("Go to time:"), this);
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("go_to_time_edit"));
    m_edit->setPlaceholderText(tr("1:23, 83 or 1:02:03.5"));
    m_edit->setAccessibleName(tr("Go to time"));
    m_edit->setAccessibleDescription(tr("Type a time as seconds or minutes:seconds or hours:minutes:seconds, then "
                                        "press Enter; Esc closes"));
    m_edit->setMaximumWidth(160);
    label->setBuddy(m_edit);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("go_to_time_hint"));
    m_hint->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addWidget(m_edit);
    layout->addWidget(m_hint, 1);
    m_edit->installEventFilter(this);
    connect(m_edit, &QLineEdit::returnPressed, this, &GoToTimeBar::accept);
    connect(m_edit, &QLineEdit::textEdited, m_hint, &QLabel::clear);
    hide();
}

QString GoToTimeBar::hint() const { return m_hint->text(); }

void GoToTimeBar::open(double current, double duration)
{
    m_duration = duration;
    m_hint->setText(duration > 0 ? tr("of %1").arg(preciseTimestamp(duration)) : QString());
    m_edit->setText(preciseTimestamp(current));
    show();
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void GoToTimeBar::accept()
{
    double t = 0;
    if (!parseClockTime(m_edit->text(), &t)) {
        m_hint->setText(tr("“%1” is not a time: type e.g. 1:23, 83 or 1:02:03.5").arg(m_edit->text()));
        m_edit->selectAll();
        return;
    }
    if (m_duration > 0)
        t = std::min(t, m_duration);
    Q_EMIT seekRequested(t);
    close();
}

void GoToTimeBar::close()
{
    hide();
    Q_EMIT closed();
}

bool GoToTimeBar::eventFilter(QObject* watched, QEvent* event)
{
    // Esc belongs to this box while it is open (the window's Esc would clear the marked segment instead).
    if (watched == m_edit && (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)
        && static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
        event->accept();
        if (event->type() == QEvent::KeyPress)
            close();
        return true;
    }
    return QFrame::eventFilter(watched, event);
}

} // namespace gitvqa
