#pragma once
// The left side of the window: the video, the timeline and the controls, plus the marked segment. Owns the player
// and the timeline's thumbnail loader, and turns the playback and segment actions into player calls.

#include "service/segment_spec.h"
#include "ui/player/thumbnail_loader.h"

#include <QWidget>

class QLabel;
class QStackedWidget;
class QVideoWidget;

namespace gitvqa {

class Actions;
class GoToTimeBar;
class PlayerControls;
class PlayerOsd;
class TimelineWidget;
class VideoPlayer;

class PlayerPane : public QWidget {
    Q_OBJECT
public:
    static constexpr int kThumbnails = 48;

    explicit PlayerPane(Actions& actions, QWidget* parent = nullptr);
    ~PlayerPane() override;

    VideoPlayer* player() const { return m_player; }
    TimelineWidget* timeline() const { return m_timeline; }
    PlayerControls* controls() const { return m_controls; }
    QVideoWidget* videoWidget() const { return m_video; }
    ThumbnailLoader* thumbnails() const { return m_thumbnails; }
    GoToTimeBar* goToTimeBar() const { return m_goTo; }
    PlayerOsd* osd() const { return m_osd; }

    static constexpr int kVolumeStep = 5; // percent, as mpv's 9/0 (2) and VLC's Ctrl+↑/↓ (5) step

    void openVideo(const QString& path);
    QString videoPath() const;
    const VideoFacts& facts() const { return m_facts; }

    void setWindowWidth(double seconds);
    // What a question asked now is about: the marked segment, else the window around the playhead.
    SegmentSpec segmentToAsk() const;
    // The same, as the span the sampler will use, for the hint above the question box.
    QPair<double, double> scopeSpan() const;
    bool hasMarkedSegment() const;

public Q_SLOTS:
    void markIn();
    void markOut();
    void clearSegment();
    void showGoToTime();
    void changeVolume(int delta); // and shows the new volume over the video

Q_SIGNALS:
    void videoOpened(const QString& path);
    void videoFactsKnown(const gitvqa::VideoFacts& facts);
    void videoFailed(const QString& message);
    void scopeChanged();            // the segment a question would be about moved
    void settled();                 // paused, scrubbed or marked: a good moment to pre-encode
    void fullScreenRequested();     // double-click on the video

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void connectActions(Actions& actions);

    VideoPlayer* m_player = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_placeholder = nullptr;
    QVideoWidget* m_video = nullptr;
    TimelineWidget* m_timeline = nullptr;
    PlayerControls* m_controls = nullptr;
    ThumbnailLoader* m_thumbnails = nullptr;
    GoToTimeBar* m_goTo = nullptr;
    PlayerOsd* m_osd = nullptr;
    bool m_samplerFailed = false; // the sampler could not read the open video (its message is on show)
    VideoFacts m_facts;
};

} // namespace gitvqa
