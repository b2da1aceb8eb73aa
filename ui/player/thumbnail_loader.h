#pragma once
// Opens a video with a FrameSampler of its own, on a pool thread, and reports what it is (duration, frame rate)
// and small pictures along it for the timeline. The inference worker has its own samplers; the GUI thread never
// decodes. A new open() or cancel() stops the work in progress within one thumbnail.

#include <QImage>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <memory>

namespace gitvqa {

struct VideoFacts {
    QString path;
    double duration = 0.0;
    double frameRate = 0.0;
    int width = 0;
    int height = 0;
    QString codec;
    bool hasAudio = false;
};

class ThumbnailLoader : public QObject {
    Q_OBJECT
public:
    explicit ThumbnailLoader(QObject* parent = nullptr);
    ~ThumbnailLoader() override; // cancels and waits for the pool thread

    // `count` thumbnails at the centres of equal parts of the video, at most `maxWidth` pixels wide, delivered
    // coarse to fine so the whole strip fills early.
    void open(const QString& path, int count, int maxWidth = 160);
    void cancel();
    bool waitForDone(int msecs = -1);

    // The times open() uses: centres of `count` equal parts of [0, duration], in coarse-to-fine order.
    static QVector<double> thumbnailTimes(double duration, int count);

Q_SIGNALS:
    void opened(const gitvqa::VideoFacts& facts);
    void failed(const QString& path, const QString& message);
    void thumbnailReady(double seconds, const QImage& image);
    void finished();

private:
    struct Job;
    QThreadPool m_pool;
    std::shared_ptr<Job> m_job;
};

} // namespace gitvqa

Q_DECLARE_METATYPE(gitvqa::VideoFacts)
