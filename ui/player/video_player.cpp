#include "ui/player/video_player.h"

#include <QAudioOutput>
#include <QFileInfo>
#include <QMediaMetaData>
#include <QMediaPlayer>
#include <QMediaTimeRange>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace gitvqa {

namespace {

constexpr double kRates[] = {0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0};
constexpr double kFallbackFrameRate = 25.0;
constexpr qint64 kSeekToleranceMs = 250; // a report this close to the target confirms the seek

} // namespace

VideoPlayer::VideoPlayer(QObject* parent) : QObject(parent)
{
    m_player = new QMediaPlayer(this);
    m_audio = new QAudioOutput(this);
    m_player->setAudioOutput(m_audio);
    m_seekSettle.setSingleShot(true);
    m_seekSettle.setInterval(1000);
    connect(&m_seekSettle, &QTimer::timeout, this, [this] { m_pendingSeekMs = -1; });

    connect(m_player, &QMediaPlayer::positionChanged, this, &VideoPlayer::onPlayerPosition);
    connect(m_player, &QMediaPlayer::durationChanged, this, [this](qint64 ms) {
        if (ms > 0 && m_duration <= 0) {
            m_duration = ms / 1000.0;
            Q_EMIT durationChanged(m_duration);
        }
    });
    connect(m_player, &QMediaPlayer::mediaStatusChanged, this, [this](QMediaPlayer::MediaStatus s) { onStatus(s); });
    connect(m_player, &QMediaPlayer::playbackStateChanged, this, [this](QMediaPlayer::PlaybackState s) {
        const bool playing = s == QMediaPlayer::PlayingState;
        if (playing != m_playing) {
            m_playing = playing;
            Q_EMIT playingChanged(playing);
        }
    });
    connect(m_player, &QMediaPlayer::bufferProgressChanged, this, [this] { Q_EMIT bufferedChanged(); });
    connect(m_player, &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error error, const QString& text) {
        if (error == QMediaPlayer::NoError)
            return;
        // Named, because with Qt 6.7+'s asynchronous loading this report can be the first (or only) one the user
        // sees about the file, before the sampler's own.
        Q_EMIT errorOccurred(tr("“%1” cannot be played (%2). Check that the file is a complete video; "
                                "Qt Multimedia's FFmpeg backend plays what FFmpeg can decode.")
                                 .arg(QFileInfo(m_path).fileName(), text.isEmpty() ? tr("unknown error") : text));
    });
    connect(m_audio, &QAudioOutput::volumeChanged, this, [this] { Q_EMIT volumeChanged(volume()); });
    connect(m_audio, &QAudioOutput::mutedChanged, this, &VideoPlayer::mutedChanged);
}

VideoPlayer::~VideoPlayer()
{
    // The FFmpeg backend's threads must stop before the outputs they write to go away; what stop() reports (a last
    // position) must not reach listeners that may be half destroyed already.
    m_player->disconnect(this);
    blockSignals(true);
    m_player->stop();
}

void VideoPlayer::setVideoOutput(QObject* output) { m_player->setVideoOutput(output); }

void VideoPlayer::open(const QString& path)
{
    m_path = QFileInfo(path).absoluteFilePath();
    m_loaded = false;
    m_pendingSeekMs = -1;
    m_duration = 0.0;
    m_streamFrameRate = 0.0;
    setPositionInternal(0.0);
    Q_EMIT durationChanged(0.0);
    setRate(1.0);
    const QUrl url = QUrl::fromLocalFile(m_path);
    // setSource() with the URL already set only calls stop(). Qt 6.4's backend then reported LoadedMedia again;
    // Qt 6.8's reports nothing, so a reopened file never counted as loaded (nor showed its first frame). Clearing
    // the source first makes every open a real load, whatever the Qt version.
    if (m_player->source() == url)
        m_player->setSource(QUrl());
    m_player->setSource(url);
}

void VideoPlayer::close()
{
    m_player->stop();
    m_player->setSource(QUrl());
    m_path.clear();
    m_loaded = false;
    m_duration = 0.0;
    setPositionInternal(0.0);
    Q_EMIT durationChanged(0.0);
}

void VideoPlayer::onStatus(int status)
{
    switch (static_cast<QMediaPlayer::MediaStatus>(status)) {
    case QMediaPlayer::LoadedMedia:
        if (!m_loaded) {
            m_loaded = true;
            // Qt 6.4 shows nothing in the stopped state; paused shows the frame at the position.
            m_player->pause();
            if (m_position > 0)
                applySeek();
            Q_EMIT bufferedChanged();
            Q_EMIT loaded();
        }
        break;
    case QMediaPlayer::EndOfMedia:
        if (m_duration > 0)
            setPositionInternal(m_duration);
        break;
    case QMediaPlayer::InvalidMedia:
        m_loaded = false;
        break;
    default:
        break;
    }
}

void VideoPlayer::onPlayerPosition(qint64 ms)
{
    if (m_pendingSeekMs >= 0) {
        if (std::llabs(ms - m_pendingSeekMs) > kSeekToleranceMs)
            return; // from before the seek
        m_pendingSeekMs = -1;
        m_seekSettle.stop();
    }
    setPositionInternal(ms / 1000.0);
}

void VideoPlayer::setPositionInternal(double seconds)
{
    if (seconds == m_position)
        return;
    m_position = seconds;
    Q_EMIT positionChanged(seconds);
}

double VideoPlayer::frameRate() const
{
    if (m_streamFrameRate > 0)
        return m_streamFrameRate;
    const double meta = m_player->metaData().value(QMediaMetaData::VideoFrameRate).toDouble();
    return meta > 0 ? meta : kFallbackFrameRate;
}

int VideoPlayer::volume() const { return qRound(m_audio->volume() * 100.0f); }

bool VideoPlayer::isMuted() const { return m_audio->isMuted(); }

QList<QPair<double, double>> VideoPlayer::bufferedRanges() const
{
    QList<QPair<double, double>> ranges;
    if (!m_loaded)
        return ranges;
    for (const QMediaTimeRange::Interval& i : m_player->bufferedTimeRange().intervals())
        ranges.append({i.start() / 1000.0, i.end() / 1000.0});
    // The FFmpeg backend reports no ranges; a local file is all there.
    if (ranges.isEmpty() && m_player->source().isLocalFile() && m_duration > 0)
        ranges.append({0.0, m_duration});
    return ranges;
}

void VideoPlayer::setStreamFacts(double duration, double frameRate)
{
    m_streamFrameRate = frameRate;
    if (duration > 0 && std::abs(duration - m_duration) > 1e-3) {
        m_duration = duration;
        Q_EMIT durationChanged(duration);
        Q_EMIT bufferedChanged();
    }
}

void VideoPlayer::play()
{
    if (!hasVideo())
        return;
    if (m_duration > 0 && m_position >= m_duration - 1e-3)
        seek(0.0); // at the end, play starts over as players do
    m_player->play();
}

void VideoPlayer::pause()
{
    if (hasVideo())
        m_player->pause();
}

void VideoPlayer::togglePlay() { m_playing ? pause() : play(); }

void VideoPlayer::seek(double seconds)
{
    if (!hasVideo())
        return;
    double t = std::max(0.0, seconds);
    if (m_duration > 0)
        t = std::min(t, m_duration);
    setPositionInternal(t);
    if (m_loaded)
        applySeek();
    Q_EMIT seeked(t);
}

void VideoPlayer::applySeek()
{
    m_pendingSeekMs = std::llround(m_position * 1000.0);
    m_seekSettle.start();
    m_player->setPosition(m_pendingSeekMs);
}

void VideoPlayer::seekBy(double delta) { seek(m_position + delta); }

void VideoPlayer::stepFrames(int frames)
{
    if (!hasVideo())
        return;
    pause();
    const double fps = frameRate();
    // The frame on screen is the last one starting at or before the position.
    const double current = std::floor(m_position * fps + 1e-6);
    double target = std::max(0.0, current + frames);
    if (m_duration > 0)
        target = std::min(target, std::max(0.0, std::ceil(m_duration * fps) - 1.0));
    // Rounded up to the millisecond so the position lands on the frame, never just before it.
    seek(std::ceil(target / fps * 1000.0 - 1e-6) / 1000.0);
}

void VideoPlayer::setRate(double rate)
{
    rate = std::clamp(rate, kMinRate, kMaxRate);
    m_player->setPlaybackRate(rate);
    if (rate != m_rate) {
        m_rate = rate;
        Q_EMIT rateChanged(rate);
    }
}

void VideoPlayer::shuttleForward()
{
    if (!m_playing) {
        setRate(1.0);
        play();
        return;
    }
    for (double r : kRates) {
        if (r > m_rate + 1e-9) {
            setRate(r);
            return;
        }
    }
}

void VideoPlayer::shuttleBack()
{
    // Qt Multimedia cannot play backwards: J slows a fast-forward down, and otherwise jumps back.
    if (m_playing && m_rate > 1.0 + 1e-9) {
        double slower = 1.0;
        for (double r : kRates)
            if (r < m_rate - 1e-9 && r >= 1.0)
                slower = r;
        setRate(slower);
        return;
    }
    seekBy(-kSeekStep);
}

void VideoPlayer::setVolume(int percent) { m_audio->setVolume(std::clamp(percent, 0, 100) / 100.0f); }

void VideoPlayer::setMuted(bool muted) { m_audio->setMuted(muted); }

} // namespace gitvqa
