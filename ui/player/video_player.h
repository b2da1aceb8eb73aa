#pragma once
// The window's player: QMediaPlayer + QAudioOutput, and the position the rest of the UI believes in.
//
// Why a position model of its own: QMediaPlayer reports positions late (and, around a seek, sometimes the old one),
// ignores setPosition() before the media is loaded, and has no frame-step API in Qt 6.4. Here a seek takes effect at
// once for everyone (timeline, time chip, the segment a question pins), is replayed when the media finishes loading,
// and stale reports from before the seek are ignored. Frame steps pause and jump to the next frame's start time.

#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QTimer>

class QAudioOutput;
class QMediaPlayer;

namespace gitvqa {

class VideoPlayer : public QObject {
    Q_OBJECT
public:
    static constexpr double kMinRate = 0.25;
    static constexpr double kMaxRate = 2.0;
    static constexpr double kSeekStep = 5.0; // seconds, ←/→

    explicit VideoPlayer(QObject* parent = nullptr);
    ~VideoPlayer() override;

    void setVideoOutput(QObject* output); // a QVideoWidget
    QMediaPlayer* mediaPlayer() const { return m_player; }

    void open(const QString& path);
    void close();
    QString path() const { return m_path; }
    bool hasVideo() const { return !m_path.isEmpty(); }
    bool isLoaded() const { return m_loaded; }

    double position() const { return m_position; }
    double duration() const { return m_duration; }
    double frameRate() const;
    bool isPlaying() const { return m_playing; }
    double rate() const { return m_rate; }
    int volume() const; // 0..100
    bool isMuted() const;
    // Ranges of the media that can play without waiting, seconds.
    QList<QPair<double, double>> bufferedRanges() const;

    // Facts from the FFmpeg sampler, which knows them exactly and before the player does.
    void setStreamFacts(double duration, double frameRate);

public Q_SLOTS:
    void play();
    void pause();
    void togglePlay();
    void seek(double seconds);
    void seekBy(double delta);
    void stepFrames(int frames);
    void setRate(double rate);
    void shuttleForward(); // L
    void shuttleBack();    // J
    void setVolume(int percent);
    void setMuted(bool muted);

Q_SIGNALS:
    void positionChanged(double seconds);
    void durationChanged(double seconds);
    void playingChanged(bool playing);
    void rateChanged(double rate);
    void volumeChanged(int percent);
    void mutedChanged(bool muted);
    void bufferedChanged();
    void loaded();                   // the first frame is on screen (paused)
    void seeked(double seconds);     // the user moved the playhead (not playback)
    void errorOccurred(const QString& message);

private:
    void onPlayerPosition(qint64 ms);
    void onStatus(int status);
    void setPositionInternal(double seconds);
    void applySeek();

    QMediaPlayer* m_player = nullptr;
    QAudioOutput* m_audio = nullptr;
    QString m_path;
    bool m_loaded = false;
    bool m_playing = false;
    double m_position = 0.0;
    double m_duration = 0.0;
    double m_streamFrameRate = 0.0;
    double m_rate = 1.0;
    qint64 m_pendingSeekMs = -1; // a seek whose arrival the player has not confirmed yet
    QTimer m_seekSettle;         // gives up waiting for that confirmation
};

} // namespace gitvqa
