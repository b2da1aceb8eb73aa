#include "ui/player/player_pane.h"

#include "service/core_messages.h"

#include "ui/actions.h"
#include "ui/player/go_to_time_bar.h"
#include "ui/player/player_osd.h"
#include "ui/player/player_controls.h"
#include "ui/player/timeline_widget.h"
#include "ui/player/video_player.h"

#include <QAction>
#include <QEvent>
#include <QFileInfo>
#include <QLabel>
#include <QShortcut>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QVideoWidget>

#include <algorithm>
#include <utility>

namespace gitvqa {

PlayerPane::PlayerPane(Actions& actions, QWidget* parent) : QWidget(parent)
{
    m_player = new VideoPlayer(this);
    m_thumbnails = new ThumbnailLoader(this);

    m_placeholder = new QLabel(this);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setText(tr("<p style='font-size:large'>Open a video to begin</p>"
                              "<p>File → Open Video… (%1), or drop a video file here.</p>")
                               .arg(actions.get(ActionId::OpenVideo)->shortcut().toString(QKeySequence::NativeText)));
    m_placeholder->setAccessibleName(tr("No video open"));
    m_placeholder->setAccessibleDescription(tr("Open a video with File, Open Video, or drop a video file on the window"));
    m_placeholder->setAutoFillBackground(true);
    m_placeholder->setBackgroundRole(QPalette::Base);

    m_video = new QVideoWidget(this);
    m_video->setAccessibleName(tr("Video"));
    m_video->setAccessibleDescription(tr("The video being watched. Double-click for full screen."));
    m_video->setMinimumSize(320, 180);
    m_video->setFocusPolicy(Qt::StrongFocus); // Tab or a click gives it the keys: ↑/↓ for the volume
    m_video->installEventFilter(this);
    m_player->setVideoOutput(m_video);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_video);
    m_stack->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);

    m_timeline = new TimelineWidget(this);
    m_controls = new PlayerControls(actions, this);
    m_goTo = new GoToTimeBar(this);
    m_osd = new PlayerOsd(m_stack, this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_goTo);
    layout->addWidget(m_timeline);
    layout->addWidget(m_controls);

    VideoPlayer* p = m_player;
    connect(p, &VideoPlayer::positionChanged, m_timeline, &TimelineWidget::setPosition);
    connect(p, &VideoPlayer::positionChanged, m_controls, &PlayerControls::setPosition);
    connect(p, &VideoPlayer::durationChanged, m_timeline, &TimelineWidget::setDuration);
    connect(p, &VideoPlayer::durationChanged, m_controls, &PlayerControls::setDuration);
    connect(p, &VideoPlayer::playingChanged, m_controls, &PlayerControls::setPlaying);
    connect(p, &VideoPlayer::rateChanged, m_controls, &PlayerControls::setRate);
    connect(p, &VideoPlayer::volumeChanged, m_controls, &PlayerControls::setVolume);
    connect(p, &VideoPlayer::mutedChanged, m_controls, &PlayerControls::setMuted);
    connect(p, &VideoPlayer::bufferedChanged, this, [this] { m_timeline->setBufferedRanges(m_player->bufferedRanges()); });
    connect(p, &VideoPlayer::durationChanged, this, [this] { m_timeline->setBufferedRanges(m_player->bufferedRanges()); });
    // Two readers report an unreadable file: the player and the FFmpeg sampler (thumbnails). Their order differs
    // between Qt versions (6.8 loads asynchronously and often reports first); the sampler's reason is the more
    // exact one, so it always shows and a player report after it is dropped.
    connect(p, &VideoPlayer::errorOccurred, this, [this](const QString& message) {
        if (!m_samplerFailed)
            Q_EMIT videoFailed(message);
    });
    connect(m_controls, &PlayerControls::rateRequested, p, &VideoPlayer::setRate);
    connect(m_controls, &PlayerControls::volumeRequested, p, &VideoPlayer::setVolume);
    connect(m_timeline, &TimelineWidget::seekRequested, p, &VideoPlayer::seek);
    connect(m_goTo, &GoToTimeBar::seekRequested, p, &VideoPlayer::seek);
    connect(m_goTo, &GoToTimeBar::closed, this, [this] { m_timeline->setFocus(Qt::OtherFocusReason); });

    // Without a marked segment, the question's window follows the playhead.
    connect(p, &VideoPlayer::positionChanged, this, [this] {
        if (!m_timeline->hasSegment())
            Q_EMIT scopeChanged();
    });
    connect(m_timeline, &TimelineWidget::segmentChanged, this, &PlayerPane::scopeChanged);
    connect(m_timeline, &TimelineWidget::segmentChanged, this, &PlayerPane::settled);
    connect(p, &VideoPlayer::playingChanged, this, [this](bool playing) {
        if (!playing)
            Q_EMIT settled();
    });
    connect(p, &VideoPlayer::seeked, this, [this] {
        if (!m_player->isPlaying())
            Q_EMIT settled();
    });
    connect(p, &VideoPlayer::loaded, this, &PlayerPane::settled);

    connect(m_thumbnails, &ThumbnailLoader::opened, this, [this](const VideoFacts& facts) {
        m_facts = facts;
        m_player->setStreamFacts(facts.duration, facts.frameRate);
        Q_EMIT videoFactsKnown(facts);
    });
    connect(m_thumbnails, &ThumbnailLoader::thumbnailReady, m_timeline, &TimelineWidget::setThumbnail);
    connect(m_thumbnails, &ThumbnailLoader::failed, this, [this](const QString& path, const QString& message) {
        m_samplerFailed = true;
        Q_EMIT videoFailed(tr("“%1” cannot be read: %2 Choose another file, or convert this one with FFmpeg.")
                               .arg(QFileInfo(path).fileName(), translateCoreMessage(message)));
    });

    connectActions(actions);
    setAccessibleName(tr("Player"));
}

PlayerPane::~PlayerPane() { m_thumbnails->cancel(); }

void PlayerPane::connectActions(Actions& actions)
{
    VideoPlayer* p = m_player;
    auto on = [&](ActionId id, auto&& fn) { connect(actions.get(id), &QAction::triggered, this, fn); };
    on(ActionId::PlayPause, [p] { p->togglePlay(); });
    on(ActionId::SeekBack, [p] { p->seekBy(-VideoPlayer::kSeekStep); });
    on(ActionId::SeekForward, [p] { p->seekBy(VideoPlayer::kSeekStep); });
    on(ActionId::FrameBack, [p] { p->stepFrames(-1); });
    on(ActionId::FrameForward, [p] { p->stepFrames(1); });
    on(ActionId::ShuttleBack, [p] { p->shuttleBack(); });
    on(ActionId::ShuttlePause, [p] { p->pause(); });
    on(ActionId::ShuttleForward, [p] { p->shuttleForward(); });
    on(ActionId::NormalSpeed, [p] { p->setRate(1.0); });
    on(ActionId::Mute, [p](bool checked) { p->setMuted(checked); });
    on(ActionId::MarkIn, [this] { markIn(); });
    on(ActionId::MarkOut, [this] { markOut(); });
    on(ActionId::GoToTime, [this] { showGoToTime(); });
    on(ActionId::VolumeUp, [this] { changeVolume(kVolumeStep); });
    on(ActionId::VolumeDown, [this] { changeVolume(-kVolumeStep); });
    on(ActionId::PreviousMarker, [this] { m_timeline->stepMarker(-1); });
    on(ActionId::NextMarker, [this] { m_timeline->stepMarker(1); });
    on(ActionId::RevealMarker, [this] { m_timeline->activateChosenMarker(); });
    // The marker keys are the timeline's own (Actions::isWidgetOnly): they act while it has the focus.
    for (ActionId id : {ActionId::PreviousMarker, ActionId::NextMarker, ActionId::RevealMarker})
        m_timeline->addAction(actions.get(id));
    // Plain ↑/↓ change the volume only while the video has the focus; elsewhere they scroll and recall questions.
    for (auto [key, id] : {std::pair{Qt::Key_Up, ActionId::VolumeUp}, std::pair{Qt::Key_Down, ActionId::VolumeDown}}) {
        auto* shortcut = new QShortcut(QKeySequence(key), m_video, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
        QAction* action = actions.get(id);
        connect(shortcut, &QShortcut::activated, action, &QAction::trigger);
    }
}

void PlayerPane::showGoToTime()
{
    if (!m_player->hasVideo())
        return;
    m_goTo->open(m_player->position(), m_player->duration());
}

void PlayerPane::changeVolume(int delta)
{
    m_player->setVolume(m_player->volume() + delta);
    m_osd->showMessage(m_player->isMuted() ? tr("Volume %1 % (muted)").arg(m_player->volume())
                                           : tr("Volume %1 %").arg(m_player->volume()));
}

void PlayerPane::openVideo(const QString& path)
{
    m_timeline->clearSegment();
    m_timeline->clearThumbnails();
    m_timeline->setMarkers({});
    m_facts = VideoFacts{};
    m_samplerFailed = false;
    m_stack->setCurrentWidget(m_video);
    m_player->open(path);
    m_thumbnails->open(m_player->path(), kThumbnails);
    Q_EMIT videoOpened(m_player->path());
    Q_EMIT scopeChanged();
}

QString PlayerPane::videoPath() const { return m_player->path(); }

void PlayerPane::setWindowWidth(double seconds)
{
    m_timeline->setWindowWidth(seconds);
    Q_EMIT scopeChanged();
}

bool PlayerPane::hasMarkedSegment() const { return m_timeline->hasSegment(); }

SegmentSpec PlayerPane::segmentToAsk() const
{
    if (m_timeline->hasSegment())
        return SegmentSpec::range(m_timeline->segmentStart(), m_timeline->segmentEnd());
    return SegmentSpec::around(m_player->position(), m_timeline->windowWidth());
}

QPair<double, double> PlayerPane::scopeSpan() const
{
    if (m_timeline->hasSegment())
        return {m_timeline->segmentStart(), m_timeline->segmentEnd()};
    return m_timeline->playheadWindow();
}

void PlayerPane::markIn()
{
    if (!m_player->hasVideo())
        return;
    const double t = m_player->position();
    // A lone In gives a band one window long, so there is always something to ask about and to drag.
    double end = m_timeline->hasSegment() && m_timeline->segmentEnd() > t + TimelineWidget::kMinSegment
                     ? m_timeline->segmentEnd()
                     : t + m_timeline->windowWidth();
    if (m_player->duration() > 0)
        end = std::min(end, m_player->duration());
    m_timeline->setSegment(t, end);
}

void PlayerPane::markOut()
{
    if (!m_player->hasVideo())
        return;
    const double t = m_player->position();
    const double start = m_timeline->hasSegment() && m_timeline->segmentStart() < t - TimelineWidget::kMinSegment
                             ? m_timeline->segmentStart()
                             : std::max(0.0, t - m_timeline->windowWidth());
    m_timeline->setSegment(start, t);
}

void PlayerPane::clearSegment() { m_timeline->clearSegment(); }

bool PlayerPane::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_video && event->type() == QEvent::MouseButtonDblClick) {
        Q_EMIT fullScreenRequested();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace gitvqa
