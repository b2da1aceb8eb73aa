#include "ui/player/player_controls.h"

#include "service/segment_spec.h"
#include "ui/actions.h"
#include "ui/player/player_icons.h"
#include "ui/time_text.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QEvent>
#include <QToolButton>

#include <cmath>

namespace gitvqa {

namespace {

constexpr double kSpeeds[] = {0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0};

} // namespace

PlayerControls::PlayerControls(const Actions& actions, QWidget* parent) : QWidget(parent), m_actions(actions)
{
    setAccessibleName(tr("Player controls"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    updateIcons();

    auto addButton = [&](ActionId id, const QString& name, bool textBeside = false) {
        auto* b = new QToolButton(this);
        b->setDefaultAction(actions.get(id));
        b->setAutoRaise(true);
        if (textBeside)
            b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        b->setAccessibleName(name);
        b->setAccessibleDescription(actions.get(id)->toolTip());
        layout->addWidget(b);
        m_buttons.append(b);
        return b;
    };
    addButton(ActionId::FrameBack, tr("Previous frame"));
    addButton(ActionId::PlayPause, tr("Play or pause"));
    addButton(ActionId::FrameForward, tr("Next frame"));

    m_time = new QLabel(this);
    m_time->setAccessibleName(tr("Playback position"));
    m_time->setAccessibleDescription(tr("Current time and length of the video"));
    m_time->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont mono = m_time->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    m_time->setFont(mono);
    layout->addWidget(m_time);
    updateTime();
    layout->addSpacing(8);

    QToolButton* in = addButton(ActionId::MarkIn, tr("Mark segment start"), true);
    in->setText(tr("[ In"));
    QToolButton* out = addButton(ActionId::MarkOut, tr("Mark segment end"), true);
    out->setText(tr("Out ]"));
    layout->addStretch(1);

    m_speed = new QComboBox(this);
    for (double v : kSpeeds)
        m_speed->addItem(tr("%1×").arg(v), v);
    m_speed->setCurrentIndex(3);
    m_speed->setAccessibleName(tr("Playback speed"));
    m_speed->setAccessibleDescription(tr("From a quarter of normal speed to twice normal speed"));
    m_speed->setToolTip(tr("Playback speed (L plays faster, J slower)"));
    connect(m_speed, &QComboBox::activated, this, [this](int index) { Q_EMIT rateRequested(m_speed->itemData(index).toDouble()); });
    layout->addWidget(m_speed);

    addButton(ActionId::Mute, tr("Mute"));
    m_volume = new QSlider(Qt::Horizontal, this);
    m_volume->setRange(0, 100);
    m_volume->setValue(100);
    m_volume->setFixedWidth(90);
    m_volume->setAccessibleName(tr("Volume"));
    m_volume->setAccessibleDescription(tr("Sound volume in percent"));
    m_volume->setToolTip(tr("Volume"));
    connect(m_volume, &QSlider::valueChanged, this, &PlayerControls::volumeRequested);
    layout->addWidget(m_volume);
    addButton(ActionId::FullScreen, tr("Full screen"));
}

QWidget* PlayerControls::firstControl() const { return m_buttons.first(); }

QWidget* PlayerControls::lastControl() const { return m_buttons.last(); }

void PlayerControls::updateIcons()
{
    const QPalette& pal = palette();
    m_actions.get(ActionId::FrameBack)->setIcon(playerIcon(PlayerIcon::FrameBack, pal));
    m_actions.get(ActionId::FrameForward)->setIcon(playerIcon(PlayerIcon::FrameForward, pal));
    m_actions.get(ActionId::FullScreen)->setIcon(playerIcon(PlayerIcon::FullScreen, pal));
    m_actions.get(ActionId::PlayPause)->setIcon(playerIcon(m_playing ? PlayerIcon::Pause : PlayerIcon::Play, pal));
    m_actions.get(ActionId::Mute)->setIcon(playerIcon(m_muted ? PlayerIcon::Muted : PlayerIcon::Volume, pal));
}

void PlayerControls::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        updateIcons();
    QWidget::changeEvent(event);
}

void PlayerControls::setPlaying(bool playing)
{
    m_playing = playing;
    updateIcons();
}

void PlayerControls::setPosition(double seconds)
{
    m_position = seconds;
    updateTime();
}

void PlayerControls::setDuration(double seconds)
{
    m_duration = seconds;
    updateTime();
}

void PlayerControls::updateTime()
{
    m_time->setText(tr("%1 / %2").arg(preciseTimestamp(m_position), formatTimestamp(m_duration)));
}

void PlayerControls::setRate(double rate)
{
    int best = 0;
    for (int i = 0; i < m_speed->count(); ++i)
        if (std::abs(m_speed->itemData(i).toDouble() - rate) < std::abs(m_speed->itemData(best).toDouble() - rate))
            best = i;
    m_speed->setCurrentIndex(best);
}

void PlayerControls::setVolume(int percent)
{
    const QSignalBlocker block(m_volume);
    m_volume->setValue(percent);
}

void PlayerControls::setMuted(bool muted)
{
    m_muted = muted;
    m_actions.get(ActionId::Mute)->setChecked(muted);
    updateIcons();
}

} // namespace gitvqa
