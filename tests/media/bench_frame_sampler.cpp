// Timing of the sampler on the workload the app has: six frames from a 10-second window of an H.264 clip, decoded and
// converted to RGB. Not a ctest (timings depend on the machine); run it by hand:
//
//   bench_frame_sampler [CLIP_DIR]     (default: $TMPDIR/gitvqa-bench; clips are made there with ffmpeg once)
//
// Clips: 12 s of testsrc2, x264 preset ultrafast, keyint 250 (so a 10 s window needs ~220 decoded frames), 25 fps,
// at 1920x1080 (~13 Mbit/s) and 3840x2160; plus a 1080p one with temporal noise (~57 Mbit/s) as a stress case, and
// one with preset veryfast (B-frames, CABAC, deblocking: the common case for camera and web video).

#include "media/frame_sampler.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace {

bool makeClip(const QString& file, const QString& size, bool noise, const char* preset = "ultrafast")
{
    if (QFileInfo::exists(file))
        return true;
    std::printf("making %s ...\n", qPrintable(file));
    std::fflush(stdout);
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start(QStringLiteral("ffmpeg"),
            {"-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
             QString("testsrc2=s=%1:r=25:d=12%2").arg(size, noise ? ",noise=alls=8:allf=t" : ""), "-c:v", "libx264", "-preset",
             preset, "-x264-params", "keyint=250:min-keyint=25", "-pix_fmt", "yuv420p", file});
    return p.waitForFinished(600000) && p.exitCode() == 0;
}

double ms(const QElapsedTimer& t) { return t.nsecsElapsed() / 1e6; }

void bench(const QString& file, const char* label, bool dropUnseen = true)
{
    std::string error;
    std::vector<double> open, sample, warm, thumb;
    gitvqa::SamplerStats stats;
    for (int run = 0; run < 5; ++run) {
        QElapsedTimer t;
        t.start();
        auto s = gitvqa::FrameSampler::open(file.toStdString(), &error);
        if (!s) {
            std::printf("%s: %s\n", label, error.c_str());
            return;
        }
        open.push_back(ms(t));
        s->setDropUnseenFrames(dropUnseen);
        t.restart();
        const auto frames = s->sampleAround(6.0, 10.0, 6, &error); // window [1, 11]
        sample.push_back(ms(t));
        if (frames.size() != 6) {
            std::printf("%s: %s\n", label, error.c_str());
            return;
        }
        if (run == 0 || s->lastStats().decodeMs + s->lastStats().convertMs < stats.decodeMs + stats.convertMs)
            stats = s->lastStats();
        t.restart();
        s->sampleAround(6.0, 10.0, 6, &error);
        warm.push_back(ms(t));
        t.restart();
        s->thumbnailAt(7.5, 320, &error);
        thumb.push_back(ms(t));
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    std::printf("%-16s open %6.1f ms | 6 frames of a 10 s window: median %7.1f ms, min %7.1f ms (best run: decode %.1f ms "
                "for %lld frames, %d seek(s); convert %.1f ms) | same window again: %.2f ms | thumbnail 320 px: %.1f ms\n",
                label, median(open), median(sample), *std::min_element(sample.begin(), sample.end()), stats.decodeMs,
                static_cast<long long>(stats.framesDecoded), stats.seeks, stats.convertMs, median(warm),
                median(thumb));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QDir::temp().filePath("gitvqa-bench");
    QDir().mkpath(dir);
    if (QStandardPaths::findExecutable("ffmpeg").isEmpty()) {
        std::fprintf(stderr, "ffmpeg CLI not on PATH: cannot make the clips\n");
        return 77;
    }
    const QString hd = QDir(dir).filePath("bench_1080p.mp4");
    const QString noisy = QDir(dir).filePath("bench_1080p_noise.mp4");
    const QString uhd = QDir(dir).filePath("bench_2160p.mp4");
    const QString bframes = QDir(dir).filePath("bench_1080p_veryfast.mp4");
    if (!makeClip(hd, "1920x1080", false) || !makeClip(noisy, "1920x1080", true) || !makeClip(uhd, "3840x2160", false)
        || !makeClip(bframes, "1920x1080", false, "veryfast")) {
        std::fprintf(stderr, "could not make the clips\n");
        return 1;
    }
    bench(hd, "1920x1080");
    bench(uhd, "3840x2160");
    bench(noisy, "1920x1080 noise");
    bench(bframes, "1080p B-frames");
    bench(bframes, "  (no B drop)", false);
    return 0;
}
