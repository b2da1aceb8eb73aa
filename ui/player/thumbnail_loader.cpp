#include "ui/player/thumbnail_loader.h"

#include "media/frame_sampler.h"

#include <QPointer>

#include <atomic>
#include <mutex>

namespace gitvqa {

// The sampler polls the job's flag (also while opening: a pipe or stalled share never holds up the destructor).
struct ThumbnailLoader::Job {
    std::atomic_bool cancelled{false};

    void cancel() { cancelled = true; }
    CancelCheck check() const
    {
        return [this] { return cancelled.load(); };
    }
};

ThumbnailLoader::ThumbnailLoader(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<gitvqa::VideoFacts>();
    // One thread: thumbnails are a nicety and must not compete with the inference worker for the cores.
    m_pool.setMaxThreadCount(1);
}

ThumbnailLoader::~ThumbnailLoader()
{
    cancel();
    m_pool.waitForDone();
}

void ThumbnailLoader::cancel()
{
    if (m_job)
        m_job->cancel();
    m_job.reset();
}

bool ThumbnailLoader::waitForDone(int msecs) { return m_pool.waitForDone(msecs); }

QVector<double> ThumbnailLoader::thumbnailTimes(double duration, int count)
{
    QVector<double> times;
    if (duration <= 0 || count <= 0)
        return times;
    // Bit-reversed order of the slots: 0, n/2, n/4, 3n/4, ... so every part of the strip gets a picture early.
    int bits = 0;
    while ((1 << bits) < count)
        ++bits;
    for (int i = 0; i < (1 << bits); ++i) {
        int r = 0;
        for (int b = 0; b < bits; ++b)
            if (i & (1 << b))
                r |= 1 << (bits - 1 - b);
        if (r < count)
            times.append((r + 0.5) * duration / count);
    }
    return times;
}

void ThumbnailLoader::open(const QString& path, int count, int maxWidth)
{
    cancel();
    auto job = std::make_shared<Job>();
    m_job = job;
    QPointer<ThumbnailLoader> self(this);
    // Results are posted back as queued calls on this object: dropped if it is gone, ignored if superseded.
    auto post = [self, job](auto&& fn) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, job, fn] {
                if (self && self->m_job == job)
                    fn(self.data());
            },
            Qt::QueuedConnection);
    };
    m_pool.start([job, path, count, maxWidth, post] {
        std::string error;
        // No cache outlives the job: a file re-exported at the same path is read afresh when it is opened again.
        std::unique_ptr<FrameSampler> sampler = FrameSampler::open(path.toStdString(), &error, nullptr, job->check());
        if (!sampler) {
            const QString message = QString::fromStdString(error);
            if (!job->cancelled)
                post([path, message](ThumbnailLoader* l) { Q_EMIT l->failed(path, message); });
            return;
        }
        const VideoInfo& info = sampler->info();
        VideoFacts facts;
        facts.path = path;
        facts.duration = info.duration;
        facts.frameRate = info.frameRate;
        facts.width = info.width;
        facts.height = info.height;
        facts.codec = QString::fromStdString(info.codecName);
        facts.hasAudio = info.hasAudio;
        post([facts](ThumbnailLoader* l) { Q_EMIT l->opened(facts); });

        for (double t : thumbnailTimes(info.duration, count)) {
            if (job->cancelled)
                break;
            std::optional<RgbImage> rgb = sampler->thumbnailAt(t, maxWidth, &error, job->check());
            if (!rgb || rgb->isNull())
                continue; // a damaged spot: the strip keeps a gap there
            const QImage image =
                QImage(rgb->pixels.data(), rgb->width, rgb->height, rgb->width * 3, QImage::Format_RGB888).copy();
            post([t, image](ThumbnailLoader* l) { Q_EMIT l->thumbnailReady(t, image); });
        }
        if (!job->cancelled)
            post([](ThumbnailLoader* l) { Q_EMIT l->finished(); });
    });
}

} // namespace gitvqa
