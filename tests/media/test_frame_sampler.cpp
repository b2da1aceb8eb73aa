// FFmpeg frame sampler: window math, cache, exact frame choice across codecs/containers, rotation, non-square
// pixels, colour, broken inputs. Every clip is made here with the ffmpeg CLI, so no reference data is needed.
//
// Frames carry their own number: a 4x3 grid of black/white cells (scaled up with nearest neighbour), top-left always
// white and bottom-right always black (so a wrong rotation cannot read as a valid number), the other ten cells the
// bits of the frame number. Big flat cells survive every lossy codec used here.

#include "media/frame_cache.h"
#include "media/frame_converter.h"
#include "media/frame_sampler.h"
#include "media/sample_window.h"

extern "C" {
#include <libavutil/log.h>
}

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <functional>
#include <thread>

using namespace gitvqa;

namespace {

const char* const kCodeFilter
    = "nullsrc=s=4x3:r=%1:d=%2,format=yuv444p,"
      "geq=lum='if(eq(X+4*Y,0),235,if(eq(X+4*Y,11),16,if(bitand(N,pow(2,X+4*Y-1)),235,16)))':cb=128:cr=128,"
      "scale=%3:%4:flags=neighbor";

QString codeSource(double fps, double seconds, int w = 160, int h = 120)
{
    return QString::fromLatin1(kCodeFilter).arg(fps).arg(seconds).arg(w).arg(h);
}

// Reads the frame number from an image whose coded picture was turned clockwise by `rotation` for display.
// Returns -1 when the orientation markers are wrong.
int readCode(const RgbImage& img, int rotation = 0)
{
    if (img.isNull())
        return -2;
    auto lumaAt = [&](double u, double v) { // u, v in [0, 1] of the coded picture
        double x = u, y = v;
        if (rotation == 90) { x = 1.0 - v; y = u; }
        else if (rotation == 180) { x = 1.0 - u; y = 1.0 - v; }
        else if (rotation == 270) { x = v; y = 1.0 - u; }
        const int px = std::clamp(static_cast<int>(x * img.width), 0, img.width - 1);
        const int py = std::clamp(static_cast<int>(y * img.height), 0, img.height - 1);
        const std::uint8_t* p = img.row(py) + 3 * px;
        return (p[0] + p[1] + p[2]) / 3;
    };
    auto cell = [&](int c) {
        const double cu = (c % 4 + 0.5) / 4.0, cv = (c / 4 + 0.5) / 3.0;
        int sum = 0;
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx)
                sum += lumaAt(cu + dx * 0.04, cv + dy * 0.05);
        return sum / 9 > 128;
    };
    if (!cell(0) || cell(11))
        return -1;
    int n = 0;
    for (int bit = 0; bit < 10; ++bit)
        n |= cell(bit + 1) ? (1 << bit) : 0;
    return n;
}

std::array<int, 3> centrePixel(const RgbImage& img)
{
    const std::uint8_t* p = img.row(img.height / 2) + 3 * (img.width / 2);
    return {p[0], p[1], p[2]};
}

} // namespace

class TestFrameSampler : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    bool haveFfmpeg_ = false;

    QString path(const QString& name) const { return dir_.filePath(name); }

    // Runs ffmpeg; the output goes to `stdoutFile` when given (for muxing to a non-seekable pipe).
    bool ffmpeg(const QStringList& args, const QString& stdoutFile = {}, QByteArray* out = nullptr)
    {
        QProcess p;
        p.setProgram(QStringLiteral("ffmpeg"));
        p.setArguments(QStringList{"-hide_banner", "-loglevel", "error", "-nostdin", "-y"} + args);
        if (!stdoutFile.isEmpty())
            p.setStandardOutputFile(stdoutFile);
        p.start();
        if (!p.waitForFinished(180000)) {
            p.kill();
            p.waitForFinished();
            qWarning("ffmpeg timed out: %s", qPrintable(args.join(' ')));
            return false;
        }
        if (out)
            *out = p.readAllStandardOutput();
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            qWarning("ffmpeg failed (%s): %s", qPrintable(args.join(' ')), p.readAllStandardError().constData());
            return false;
        }
        return true;
    }

    // A numbered clip: `fps` frames per second for `seconds`, encoded with `codecArgs` into `name`.
    QString codedClip(const QString& name, double fps, double seconds, const QStringList& codecArgs,
                      const QString& extraFilter = {}, int w = 160, int h = 120)
    {
        const QString file = path(name);
        if (QFile::exists(file))
            return file;
        QString graph = codeSource(fps, seconds, w, h);
        if (!extraFilter.isEmpty())
            graph += "," + extraFilter;
        if (!ffmpeg(QStringList{"-f", "lavfi", "-i", graph} + codecArgs + QStringList{file}))
            return {};
        return file;
    }

    void requireFfmpeg()
    {
        if (!haveFfmpeg_)
            QSKIP("ffmpeg CLI not on PATH: cannot make test clips");
    }

    // For each sampled frame: the number drawn in it is the frame shown at the requested time (last pts <= t),
    // and the reported pts and index agree with it.
    void checkFrames(const std::vector<SampledFrame>& frames, const std::vector<double>& framePts, int rotation = 0)
    {
        QVERIFY(!frames.empty());
        for (const SampledFrame& f : frames) {
            int expected = 0;
            for (int n = 0; n < static_cast<int>(framePts.size()); ++n)
                if (framePts[n] <= f.requestedTime + 1e-6)
                    expected = n;
            const int code = readCode(f.image, rotation);
            if (code != expected)
                qWarning("t=%.4f pts=%.4f index=%lld code=%d expected=%d", f.requestedTime, f.pts,
                         static_cast<long long>(f.frameIndex), code, expected);
            QCOMPARE(code, expected);
            QVERIFY2(std::abs(f.pts - framePts[expected]) < 2e-3, qPrintable(QString::number(f.pts)));
            const double next = expected + 1 < static_cast<int>(framePts.size()) ? framePts[expected + 1] : 1e9;
            QVERIFY(f.pts <= f.requestedTime + 1e-6 || expected == 0);
            QVERIFY(f.requestedTime < next + 1e-6);
        }
    }

    static std::vector<double> cfrPts(double fps, int count)
    {
        std::vector<double> pts;
        for (int n = 0; n < count; ++n)
            pts.push_back(n / fps);
        return pts;
    }

    // Opens, samples a few windows (start, middle, end) and checks every frame.
    void checkClip(const QString& file, double fps, int frameCount, int rotation = 0)
    {
        QVERIFY(!file.isEmpty());
        std::string error;
        auto sampler = FrameSampler::open(file.toStdString(), &error);
        QVERIFY2(sampler, error.c_str());
        const VideoInfo& info = sampler->info();
        QVERIFY2(std::abs(info.duration - frameCount / fps) < 1.5 / fps, qPrintable(QString::number(info.duration)));
        QVERIFY(std::abs(info.frameRate - fps) < 0.01 * fps || info.frameRate > 0);
        const std::vector<double> pts = cfrPts(fps, frameCount);
        const double d = frameCount / fps;
        for (double t : {0.2, d / 2, d - 0.1, d * 0.37}) {
            const auto frames = sampler->sampleAround(t, std::min(2.0, d), 6, &error);
            QVERIFY2(!frames.empty(), error.c_str());
            QCOMPARE(static_cast<int>(frames.size()), 6);
            checkFrames(frames, pts, rotation);
            if (QTest::currentTestFailed())
                return;
            for (const SampledFrame& f : frames) {
                QCOMPARE(f.image.width, info.width);
                QCOMPARE(f.image.height, info.height);
                int expected = 0;
                for (int n = 0; n < frameCount; ++n)
                    if (pts[n] <= f.requestedTime + 1e-6)
                        expected = n;
                QCOMPARE(f.frameIndex, static_cast<std::int64_t>(expected));
            }
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        // The broken-input tests make FFmpeg log hundreds of decoder complaints; GITVQA_FFMPEG_LOG=1 shows them.
        if (qEnvironmentVariableIsEmpty("GITVQA_FFMPEG_LOG"))
            av_log_set_level(AV_LOG_QUIET);
        haveFfmpeg_ = !QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty();
        if (!haveFfmpeg_)
            std::fprintf(stderr, "\n*** test_frame_sampler: ffmpeg CLI not on PATH; every clip-based test is "
                                 "SKIPPED (only the pure window/cache tests run). ***\n\n");
    }

    // ---- pure logic, no FFmpeg ----

    void windowMath()
    {
        TimeWindow w = windowAround(0.2, 4.0, 10.0);
        QCOMPARE(w.start, 0.0);
        QCOMPARE(w.end, 4.0);
        w = windowAround(9.9, 4.0, 10.0);
        QCOMPARE(w.start, 6.0);
        QCOMPARE(w.end, 10.0);
        w = windowAround(5.0, 4.0, 10.0);
        QCOMPARE(w.start, 3.0);
        QCOMPARE(w.end, 7.0);
        w = windowAround(0.5, 10.0, 1.0); // shorter video: the whole of it
        QCOMPARE(w.start, 0.0);
        QCOMPARE(w.end, 1.0);
        w = fitWindow(-1.0, 3.0, 10.0);
        QCOMPARE(w.start, 0.0);
        QCOMPARE(w.end, 4.0);
        w = fitWindow(8.0, 12.0, 10.0);
        QCOMPARE(w.start, 6.0);
        QCOMPARE(w.end, 10.0);
        w = windowAround(100.0, 4.0, 0.0); // unknown duration: only the start is clamped
        QCOMPARE(w.start, 98.0);
        w = windowAround(1.0, 4.0, 0.0);
        QCOMPARE(w.start, 0.0);
        QCOMPARE(w.end, 4.0);

        const std::vector<double> t = sampleTimes({0.0, 6.0}, 3);
        QCOMPARE(t.size(), std::size_t{3});
        QCOMPARE(t[0], 1.0);
        QCOMPARE(t[1], 3.0);
        QCOMPARE(t[2], 5.0);
        QVERIFY(sampleTimes({0.0, 6.0}, 0).empty());
        const std::vector<double> one = sampleTimes({2.0, 2.0}, 2);
        QCOMPARE(one[0], 2.0);
        QCOMPARE(one[1], 2.0);
    }

    void cacheSpansAndLru()
    {
        auto image = [](int w) {
            auto img = std::make_shared<RgbImage>();
            img->width = w;
            img->height = 10;
            img->pixels.assign(static_cast<std::size_t>(w) * 30, 0);
            return img;
        };
        FrameCache cache(10000);
        cache.insert("a", 0, CachedFrame{1.0, 1.5, false, 25, true, image(100)});
        cache.insert("a", 0, CachedFrame{0.0, 0.04, true, 0, true, image(100)});
        cache.insert("a", 0, CachedFrame{5.0, 1e300, false, 125, false, image(100)});
        QVERIFY(cache.find("a", 0, 1.2).has_value());
        QCOMPARE(cache.find("a", 0, 1.2)->frameIndex, std::int64_t{25});
        QVERIFY(!cache.find("a", 0, 1.5).has_value()); // next frame's time: not this one
        QVERIFY(!cache.find("b", 0, 1.2).has_value());
        QVERIFY(!cache.find("a", 1, 1.2).has_value());
        QVERIFY(cache.find("a", 0, 7.0).has_value()); // last frame shows until the end
        QVERIFY(cache.find("a", 0, -0.5).has_value() || true); // clamped by callers; must not crash
        QCOMPARE(cache.find("a", 0, 0.01)->pts, 0.0);
        // 3000 bytes of pixels each + overhead: a fourth frame evicts the least recently used one (the 5.0 s one
        // was looked up last, then 0.0 s; 1.0 s is oldest).
        cache.find("a", 0, 0.01);
        cache.find("a", 0, 6.0);
        cache.insert("a", 0, CachedFrame{3.0, 3.04, false, 75, true, image(100)});
        QVERIFY(cache.stats().bytes <= 10000);
        QVERIFY(!cache.find("a", 0, 1.2).has_value());
        QVERIFY(cache.find("a", 0, 3.01).has_value());
        QVERIFY(cache.find("a", 0, 6.0).has_value());
        cache.insert("c", 0, CachedFrame{9.0, 9.04, false, 1, true, image(1000)}); // larger than the cap: ignored
        QVERIFY(!cache.find("c", 0, 9.01).has_value());
        QVERIFY(cache.stats().hits > 0 && cache.stats().misses > 0);
    }

    void displayGeometry()
    {
        int w = 0, h = 0;
        displaySize(160, 120, {2, 1, 0}, &w, &h);
        QCOMPARE(w, 320);
        QCOMPARE(h, 120);
        displaySize(160, 120, {1, 2, 90}, &w, &h);
        QCOMPARE(w, 240);
        QCOMPARE(h, 160);
        RgbImage img;
        img.width = 3;
        img.height = 2;
        img.pixels = {1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6}; // 1 2 3 / 4 5 6
        const RgbImage cw = rotateRgb(img, 90);                             // 4 1 / 5 2 / 6 3
        QCOMPARE(cw.width, 2);
        QCOMPARE(cw.height, 3);
        QCOMPARE(int(cw.pixels[0]), 4);
        QCOMPARE(int(cw.pixels[3]), 1);
        QCOMPARE(int(cw.pixels[15]), 3);
        const RgbImage ccw = rotateRgb(img, 270); // 3 6 / 2 5 / 1 4
        QCOMPARE(int(ccw.pixels[0]), 3);
        QCOMPARE(int(ccw.pixels[15]), 4);
        const RgbImage flip = rotateRgb(img, 180);
        QCOMPARE(int(flip.pixels[0]), 6);
    }

    // ---- codecs and containers ----

    void codecs_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("args");
        QTest::newRow("h264-mp4") << "h264.mp4" << QStringList{"-c:v", "libx264", "-g", "12", "-pix_fmt", "yuv420p"};
        QTest::newRow("vp9-webm") << "vp9.webm"
                                  << QStringList{"-c:v", "libvpx-vp9", "-g", "12", "-crf", "30", "-b:v", "0",
                                                 "-deadline", "realtime", "-cpu-used", "8"};
        QTest::newRow("mpeg4-avi") << "mpeg4.avi" << QStringList{"-c:v", "mpeg4", "-q:v", "4", "-g", "12"};
        QTest::newRow("mjpeg-mkv") << "mjpeg.mkv" << QStringList{"-c:v", "mjpeg", "-q:v", "5"};
        QTest::newRow("h264-mov-bframes") << "h264.mov" << QStringList{"-c:v", "libx264", "-g", "25", "-bf", "3"};
        QTest::newRow("hevc-mkv-bframes") << "hevc.mkv"
                                          << QStringList{"-c:v", "libx265", "-x265-params",
                                                         "log-level=error:keyint=25:bframes=4", "-preset", "fast"};
    }

    void codecs()
    {
        requireFfmpeg();
        QFETCH(QString, name);
        QFETCH(QStringList, args);
        checkClip(codedClip(name, 25, 4, args), 25, 100);
    }

    void oneSecondClip()
    {
        requireFfmpeg();
        const QString file = codedClip("one.mp4", 25, 1, {"-c:v", "libx264", "-g", "25"});
        checkClip(file, 25, 25);
        std::string error;
        auto s = FrameSampler::open(file.toStdString(), &error);
        QVERIFY(s);
        const auto frames = s->sampleAround(0.5, 10.0, 6, &error); // wider than the video: the whole video
        QCOMPARE(static_cast<int>(frames.size()), 6);
        QVERIFY(std::abs(frames[0].requestedTime - 1.0 / 12) < 1e-9);
        QVERIFY(std::abs(frames[5].requestedTime - 11.0 / 12) < 1e-9);
        checkFrames(frames, cfrPts(25, 25));
    }

    void rotation_data()
    {
        QTest::addColumn<int>("tag");
        QTest::addColumn<int>("clockwise");
        // FFmpeg 5.1 turns the `rotate` tag into a display matrix that its own CLI (autorotate) shows turned
        // counter-clockwise by the tag: rotate=90 displays like `transpose=cclock`. We must match FFmpeg/players,
        // and the comparison with ffmpeg's own autorotated output below pins this down.
        QTest::newRow("rotate=90") << 90 << 270;
        QTest::newRow("rotate=180") << 180 << 180;
        QTest::newRow("rotate=270") << 270 << 90;
    }

    void rotation()
    {
        requireFfmpeg();
        QFETCH(int, tag);
        QFETCH(int, clockwise);
        const QString plain = codedClip("phone.mp4", 30, 2, {"-c:v", "libx264", "-g", "15"});
        const QString file = path(QString("phone_rot%1.mp4").arg(tag));
        QVERIFY(ffmpeg({"-i", plain, "-c", "copy", "-metadata:s:v", QString("rotate=%1").arg(tag), file}));
        std::string error;
        auto s = FrameSampler::open(file.toStdString(), &error);
        QVERIFY2(s, error.c_str());
        QCOMPARE(s->info().rotation, clockwise);
        if (clockwise != 180) {
            QCOMPARE(s->info().width, 120); // portrait
            QCOMPARE(s->info().height, 160);
        }
        checkClip(file, 30, 60, clockwise);

        // Same picture as the ffmpeg CLI shows (it autorotates): frame 17 as raw RGB.
        QByteArray raw;
        QVERIFY(ffmpeg({"-i", file, "-vf", "select=eq(n\\,17)", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt",
                        "rgb24", "-"},
                       {}, &raw));
        const auto frames = s->sampleAt({17.2 / 30}, &error);
        QCOMPARE(static_cast<int>(frames.size()), 1);
        const RgbImage& mine = frames[0].image;
        QCOMPARE(raw.size(), static_cast<int>(mine.pixels.size()));
        long diff = 0;
        for (int i = 0; i < raw.size(); ++i)
            diff += std::abs(static_cast<int>(static_cast<std::uint8_t>(raw[i])) - mine.pixels[i]);
        QVERIFY2(diff / raw.size() < 6, qPrintable(QString::number(diff / double(raw.size()))));
    }

    void nonSquarePixels()
    {
        requireFfmpeg();
        const QString wide = codedClip("sar2.mp4", 25, 2, {"-c:v", "libx264", "-g", "10"}, "setsar=2");
        std::string error;
        auto s = FrameSampler::open(wide.toStdString(), &error);
        QVERIFY2(s, error.c_str());
        QCOMPARE(s->info().sarNum, 2);
        QCOMPARE(s->info().width, 320);
        QCOMPARE(s->info().height, 120);
        checkClip(wide, 25, 50);
        const QString tall = codedClip("sar05.mkv", 25, 2, {"-c:v", "libx264", "-g", "10"}, "setsar=1/2");
        s = FrameSampler::open(tall.toStdString(), &error);
        QVERIFY2(s, error.c_str());
        QCOMPARE(s->info().width, 160);
        QCOMPARE(s->info().height, 240);
        checkClip(tall, 25, 50);
    }

    void variableFrameRate()
    {
        requireFfmpeg();
        // 25 frames at 25 fps, then 30 frames at 10 fps: pts n/25 for n < 25, then 1 + (n-25)/10.
        const QString file = codedClip("vfr.mkv", 25, 2.2, {"-fps_mode", "passthrough", "-c:v", "libx264", "-g", "20"},
                                       "settb=1/1000,setpts='if(lt(N,25),N/25,1+(N-25)/10)/TB'");
        QVERIFY(!file.isEmpty());
        std::vector<double> pts;
        for (int n = 0; n < 55; ++n)
            pts.push_back(n < 25 ? n / 25.0 : 1.0 + (n - 25) / 10.0);
        std::string error;
        auto s = FrameSampler::open(file.toStdString(), &error);
        QVERIFY2(s, error.c_str());
        QVERIFY2(std::abs(s->info().duration - 4.0) < 0.15, qPrintable(QString::number(s->info().duration)));
        for (double t : {0.5, 1.0, 2.0, 3.9}) {
            auto frames = s->sampleAround(t, 1.0, 7, &error);
            QVERIFY2(!frames.empty(), error.c_str());
            checkFrames(frames, pts);
        }
        checkFrames(s->sampleAt({0.0, 0.999, 1.0, 1.05, 1.1, 3.95}, &error), pts);
    }

    void noDurationInContainer_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("pipe");
        QTest::newRow("raw-h264") << "raw.h264" << QStringList{"-c:v", "libx264", "-g", "12", "-f", "h264"} << false;
        QTest::newRow("raw-h264-bframes") << "rawb.264" << QStringList{"-c:v", "libx264", "-g", "25", "-bf", "2", "-f", "h264"} << false;
        QTest::newRow("streamed-webm") << "streamed.webm"
                                       << QStringList{"-c:v", "libvpx-vp9", "-g", "12", "-deadline", "realtime",
                                                      "-cpu-used", "8", "-f", "webm", "-"}
                                       << true;
        QTest::newRow("streamed-mkv") << "streamed.mkv"
                                      << QStringList{"-c:v", "libx264", "-g", "12", "-f", "matroska", "-"} << true;
    }

    void noDurationInContainer()
    {
        requireFfmpeg();
        QFETCH(QString, name);
        QFETCH(QStringList, args);
        QFETCH(bool, pipe);
        const QString file = path(name);
        QStringList all{"-f", "lavfi", "-i", codeSource(25, 3)};
        all += args;
        if (!pipe)
            all << file;
        QVERIFY(ffmpeg(all, pipe ? file : QString()));
        std::string error;
        auto s = FrameSampler::open(file.toStdString(), &error);
        QVERIFY2(s, error.c_str());
        QCOMPARE(int(s->info().durationSource), int(DurationSource::Scanned));
        QVERIFY2(std::abs(s->info().duration - 3.0) < 0.05, qPrintable(QString::number(s->info().duration)));
        checkClip(file, 25, 75);
    }

    void nonZeroStartTime()
    {
        requireFfmpeg();
        // MPEG-TS starts at 1.4 s by default; mkv with an explicit 10 s offset.
        const QString ts = codedClip("start.ts", 25, 3, {"-c:v", "libx264", "-g", "12", "-bf", "0"});
        const QString mkv = codedClip("offset.mkv", 25, 3, {"-c:v", "libx264", "-g", "12", "-output_ts_offset", "10"});
        for (const QString& file : {ts, mkv}) {
            std::string error;
            auto s = FrameSampler::open(file.toStdString(), &error);
            QVERIFY2(s, error.c_str());
            QVERIFY2(s->info().startTime > 0.5, qPrintable(QString::number(s->info().startTime)));
            checkClip(file, 25, 75);
            const auto first = s->sampleAt({0.0}, &error);
            QCOMPARE(readCode(first.at(0).image), 0);
            QCOMPARE(first.at(0).pts, 0.0);
        }
    }

    // ---- colour ----

    void colour_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("size");
        QTest::addColumn<QString>("space");
        QTest::addColumn<bool>("full");
        const QStringList tag709{"-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709"};
        QTest::newRow("bt709-limited") << "c709tv.mp4" << "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p"
                                       << (QStringList{"-c:v", "libx264", "-qp", "0", "-color_range", "tv"} + tag709)
                                       << 64 << "bt709" << false;
        QTest::newRow("bt709-full") << "c709pc.mp4" << "scale=out_color_matrix=bt709:out_range=pc,format=yuv420p"
                                    << (QStringList{"-c:v", "libx264", "-qp", "0", "-color_range", "pc"} + tag709)
                                    << 64 << "bt709" << true;
        QTest::newRow("bt709-full-vp9") << "c709pc.webm" << "scale=out_color_matrix=bt709:out_range=pc,format=yuv420p"
                                        << (QStringList{"-c:v", "libvpx-vp9", "-lossless", "1", "-color_range", "pc"}
                                            + tag709)
                                        << 64 << "bt709" << true;
        QTest::newRow("bt601-untagged-sd") << "c601.mkv" << "scale=out_color_matrix=bt601:out_range=tv,format=yuv420p"
                                           << QStringList{"-c:v", "libx264", "-qp", "0"} << 64
                                           << "bt470bg (assumed)" << false;
        QTest::newRow("bt709-untagged-hd") << "c709hd.mkv" << "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p"
                                           << QStringList{"-c:v", "libx264", "-qp", "0"} << 720
                                           << "bt709 (assumed)" << false;
        QTest::newRow("bt2020-10bit") << "c2020.mkv"
                                      << "scale=out_color_matrix=bt2020:out_range=tv,format=yuv420p10le"
                                      << QStringList{"-c:v", "libx264", "-qp", "0", "-colorspace", "bt2020nc",
                                                     "-color_primaries", "bt2020", "-color_trc", "bt709"}
                                      << 64 << "bt2020nc" << false;
        QTest::newRow("bt709-10bit-full") << "c709pc10.mp4"
                                          << "scale=out_color_matrix=bt709:out_range=pc,format=yuv420p10le"
                                          << (QStringList{"-c:v", "libx264", "-qp", "0", "-color_range", "pc"} + tag709)
                                          << 64 << "bt709" << true;
    }

    // A solid colour comes back within a few levels: wrong matrix (601 vs 709) is off by >10, wrong range by >20.
    void colour()
    {
        requireFfmpeg();
        QFETCH(QString, name);
        QFETCH(QString, filter);
        QFETCH(QStringList, args);
        QFETCH(int, size);
        QFETCH(QString, space);
        QFETCH(bool, full);
        const QString file = path(name);
        const QString src = QString("color=c=0xC83C1E:s=%1x%2:r=25:d=0.2,format=rgb24").arg(size * 16 / 9 / 2 * 2).arg(size);
        QVERIFY(ffmpeg(QStringList{"-f", "lavfi", "-i", src, "-vf", filter} + args + QStringList{file}));
        std::string error;
        auto s = FrameSampler::open(file.toStdString(), &error);
        QVERIFY2(s, error.c_str());
        QCOMPARE(QString::fromStdString(s->info().colorSpace), space);
        QCOMPARE(s->info().fullRange, full);
        const auto frames = s->sampleAt({0.1}, &error);
        QVERIFY2(!frames.empty(), error.c_str());
        const auto rgb = centrePixel(frames[0].image);
        qInfo("%s (%s): %d %d %d", qPrintable(name), s->info().pixelFormat.c_str(), rgb[0], rgb[1], rgb[2]);
        const int expected[3] = {200, 60, 30};
        for (int c = 0; c < 3; ++c)
            QVERIFY2(std::abs(rgb[c] - expected[c]) <= 3,
                     qPrintable(QString("got %1 %2 %3").arg(rgb[0]).arg(rgb[1]).arg(rgb[2])));
    }

    void tenBit_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("args");
        QTest::newRow("h264-10bit") << "ten.mkv" << QStringList{"-c:v", "libx264", "-g", "12", "-pix_fmt", "yuv420p10le"};
        QTest::newRow("vp9-10bit") << "ten.webm"
                                   << QStringList{"-c:v", "libvpx-vp9", "-g", "12", "-pix_fmt", "yuv420p10le",
                                                  "-deadline", "realtime", "-cpu-used", "8", "-crf", "30", "-b:v", "0"};
    }

    void tenBit()
    {
        requireFfmpeg();
        QFETCH(QString, name);
        QFETCH(QStringList, args);
        const QString file = codedClip(name, 25, 2, args);
        std::string error;
        auto s = FrameSampler::open(file.toStdString(), &error);
        QVERIFY2(s, error.c_str());
        QCOMPARE(s->info().bitDepth, 10);
        QCOMPARE(QString::fromStdString(s->info().pixelFormat), QString("yuv420p10le"));
        checkClip(file, 25, 50);
    }

    // ---- windows, seeking, caching, threads ----

    void windowShiftAtEdges()
    {
        requireFfmpeg();
        const QString file = codedClip("ten_s.mp4", 25, 10, {"-c:v", "libx264", "-g", "25"});
        std::string error;
        auto s = FrameSampler::open(file.toStdString(), &error);
        QVERIFY2(s, error.c_str());
        const TimeWindow w = s->windowAround(0.2, 4.0);
        QCOMPARE(w.start, 0.0);
        QCOMPARE(w.end, 4.0);
        auto frames = s->sampleAround(0.2, 4.0, 4, &error);
        QCOMPARE(static_cast<int>(frames.size()), 4);
        QCOMPARE(frames[0].requestedTime, 0.5);
        QCOMPARE(frames[3].requestedTime, 3.5);
        checkFrames(frames, cfrPts(25, 250));
        frames = s->sampleAround(9.9, 4.0, 4, &error);
        QCOMPARE(frames[0].requestedTime, 6.5);
        QCOMPARE(frames[3].requestedTime, 9.5);
        checkFrames(frames, cfrPts(25, 250));
        frames = s->sampleRange(8.0, 12.0, 4, &error);
        QCOMPARE(frames[0].requestedTime, 6.5);
        checkFrames(frames, cfrPts(25, 250));
        QVERIFY(s->sampleRange(3.0, 2.0, 4, &error).empty());
        QVERIFY(!error.empty());
        QVERIFY(s->sampleAround(1.0, 1.0, 0, &error).empty());
    }

    void seekRule()
    {
        requireFfmpeg();
        // 40 s at 10 fps, a keyframe every second.
        const QString file = codedClip("long.mp4", 10, 40, {"-c:v", "libx264", "-g", "10", "-bf", "0"});
        std::string error;
        auto s = FrameSampler::open(file.toStdString(), &error);
        QVERIFY2(s, error.c_str());
        const auto pts = cfrPts(10, 400);
        // Short window: at most one seek, sequential decoding inside it.
        auto frames = s->sampleAround(20.0, 1.0, 6, &error);
        checkFrames(frames, pts);
        QVERIFY2(s->lastStats().seeks <= 1, qPrintable(QString::number(s->lastStats().seeks)));
        QVERIFY(s->lastStats().framesDecoded <= 25);
        // Long window, sparse targets: a seek per target beats decoding 40 s.
        frames = s->sampleRange(0.0, 40.0, 6, &error);
        checkFrames(frames, pts);
        QVERIFY(s->lastStats().seeks <= 6);
        QVERIFY2(s->lastStats().framesDecoded < 6 * 12, qPrintable(QString::number(s->lastStats().framesDecoded)));
        // Going backwards works too.
        frames = s->sampleAround(3.0, 2.0, 5, &error);
        checkFrames(frames, pts);
    }

    // B-frames nobody will see are not decoded, and that never changes which frame comes back.
    void droppedBFrames()
    {
        requireFfmpeg();
        const QString file = codedClip("bframes.mp4", 25, 4, {"-c:v", "libx264", "-g", "100", "-bf", "3"});
        const auto pts = cfrPts(25, 100);
        std::string error;
        auto s = FrameSampler::open(file.toStdString(), &error);
        QVERIFY2(s, error.c_str());
        auto frames = s->sampleRange(0.0, 4.0, 4, &error); // 0.5 ... 3.5: ~90 frames to go through
        checkFrames(frames, pts);
        for (const SampledFrame& f : frames)
            QCOMPARE(f.frameIndex, std::int64_t(std::llround(f.pts * 25)));
        qInfo("frames decoded for 4 targets over 3.5 s (88 frames): %lld", (long long)s->lastStats().framesDecoded);
        QVERIFY(s->lastStats().framesDecoded < 80);
        // Requests that continue from where the last one stopped, onto frames that were dropped for it.
        for (double t : {1.0, 1.05, 1.1, 1.13, 2.0, 2.03, 2.06, 2.09}) {
            frames = s->sampleAt({t}, &error);
            checkFrames(frames, pts);
            QCOMPARE(frames.at(0).frameIndex, std::int64_t(std::floor(t * 25 + 1e-6)));
        }
    }

    // Random requests, in random order, on B-frame clips: every answer is the displayed frame.
    void randomRequests_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("args");
        QTest::newRow("h264-b3-pyramid") << "bframes.mp4" << QStringList{"-c:v", "libx264", "-g", "100", "-bf", "3"};
        QTest::newRow("h264-b16-gop30") << "b16.mkv" << QStringList{"-c:v", "libx264", "-g", "30", "-bf", "16"};
        QTest::newRow("hevc") << "hevc.mkv"
                              << QStringList{"-c:v", "libx265", "-x265-params", "log-level=error:keyint=25:bframes=4",
                                             "-preset", "fast"};
    }

    void randomRequests()
    {
        requireFfmpeg();
        QFETCH(QString, name);
        QFETCH(QStringList, args);
        const QString file = codedClip(name, 25, 4, args);
        const auto pts = cfrPts(25, 100);
        std::string error;
        auto s = FrameSampler::open(file.toStdString(), &error, std::make_shared<FrameCache>(0)); // no cache
        QVERIFY2(s, error.c_str());
        std::uint32_t seed = 12345;
        auto rnd = [&seed] {
            seed = seed * 1664525u + 1013904223u;
            return (seed >> 8) / double(1 << 24);
        };
        for (int round = 0; round < 40; ++round) {
            std::vector<double> times;
            const int n = 1 + static_cast<int>(rnd() * 8);
            const double base = rnd() * 4.0, spread = rnd() < 0.5 ? 0.3 : 4.0;
            for (int i = 0; i < n; ++i)
                times.push_back(std::round((base + (rnd() - 0.5) * spread) * 100) / 100); // often exactly on a pts
            const auto frames = s->sampleAt(times, &error);
            QVERIFY2(frames.size() == times.size(), error.c_str());
            checkFrames(frames, pts);
            if (QTest::currentTestFailed())
                return;
        }
    }

    void cacheHit()
    {
        requireFfmpeg();
        const QString file = codedClip("h264.mp4", 25, 4, {"-c:v", "libx264", "-g", "12", "-pix_fmt", "yuv420p"});
        std::string error;
        auto s = FrameSampler::open(file.toStdString(), &error);
        QVERIFY2(s, error.c_str());
        const auto first = s->sampleAround(2.0, 2.0, 6, &error);
        QVERIFY(s->lastStats().framesDecoded > 0);
        QElapsedTimer timer;
        timer.start();
        const auto again = s->sampleAround(2.0, 2.0, 6, &error);
        const qint64 us = timer.nsecsElapsed() / 1000;
        QCOMPARE(s->lastStats().cacheHits, 6);
        QCOMPARE(s->lastStats().framesDecoded, std::int64_t{0});
        QCOMPARE(s->lastStats().seeks, 0);
        QVERIFY2(us < 20000, qPrintable(QString::number(us)));
        QCOMPARE(again.size(), first.size());
        for (std::size_t i = 0; i < again.size(); ++i) {
            QCOMPARE(again[i].pts, first[i].pts);
            QVERIFY(again[i].image.pixels == first[i].image.pixels);
        }
        // A shared cache serves a second sampler of the same file.
        auto other = FrameSampler::open(file.toStdString(), &error, s->cache());
        QVERIFY(other);
        other->sampleAround(2.0, 2.0, 6, &error);
        QCOMPARE(other->lastStats().cacheHits, 6);
    }

    void thumbnail()
    {
        requireFfmpeg();
        const QString file = codedClip("h264.mp4", 25, 4, {"-c:v", "libx264", "-g", "12", "-pix_fmt", "yuv420p"});
        std::string error;
        auto s = FrameSampler::open(file.toStdString(), &error);
        QVERIFY2(s, error.c_str());
        auto thumb = s->thumbnailAt(2.3, 80, &error);
        QVERIFY2(thumb, error.c_str());
        QCOMPARE(thumb->width, 80);
        QCOMPARE(thumb->height, 60);
        const int code = readCode(*thumb);
        QVERIFY2(code >= 0 && code <= 57 && code > 57 - 13, qPrintable(QString::number(code))); // keyframe <= t
        thumb = s->thumbnailAt(2.35, 80, &error); // same GOP: cached
        QVERIFY(thumb);
        QCOMPARE(s->lastStats().cacheHits, 1);
        // Exact sampling still right after thumbnails moved the decoder.
        checkFrames(s->sampleAround(1.0, 1.0, 4, &error), cfrPts(25, 100));
        thumb = s->thumbnailAt(1.1, 0, &error); // full size, served by the exact cache
        QVERIFY(thumb);
        QCOMPARE(thumb->width, 160);
    }

    void parallelSamplers()
    {
        requireFfmpeg();
        const QString file = codedClip("h264.mp4", 25, 4, {"-c:v", "libx264", "-g", "12", "-pix_fmt", "yuv420p"});
        std::atomic<int> failures{0};
        auto work = [&](double t) {
            for (int round = 0; round < 3; ++round) {
                std::string error;
                auto s = FrameSampler::open(file.toStdString(), &error);
                if (!s) {
                    ++failures;
                    return;
                }
                const auto frames = s->sampleAround(t + round * 0.3, 1.0, 5, &error);
                for (const SampledFrame& f : frames)
                    if (readCode(f.image) != static_cast<int>(std::floor(f.requestedTime * 25 + 1e-6)))
                        ++failures;
                if (frames.size() != 5)
                    ++failures;
            }
        };
        std::thread a(work, 0.7), b(work, 2.1), c(work, 3.0);
        a.join();
        b.join();
        c.join();
        QCOMPARE(failures.load(), 0);
    }

    // ---- broken inputs: a clear message each, no crash, no hang ----

    void brokenInputs()
    {
        std::string error;
        QVERIFY(!FrameSampler::open(path("missing.mp4").toStdString(), &error));
        qInfo("%s -> %s", qPrintable(QFileInfo(path("missing.mp4")).fileName()), error.c_str());
        QVERIFY2(error.find("not found") != std::string::npos, error.c_str());

        QVERIFY(!FrameSampler::open(dir_.path().toStdString(), &error));
        qInfo("%s -> %s", qPrintable(QFileInfo(dir_.path()).fileName()), error.c_str());
        QVERIFY2(error.find("folder") != std::string::npos, error.c_str());

        QFile empty(path("empty.mp4"));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        QVERIFY(!FrameSampler::open(empty.fileName().toStdString(), &error));
        qInfo("%s -> %s", qPrintable(QFileInfo(empty.fileName()).fileName()), error.c_str());
        QVERIFY2(error.find("empty") != std::string::npos, error.c_str());

        for (const QString& name : {QString("notes.txt"), QString("notes.mp4"), QString("notes")}) {
            QFile text(path(name));
            QVERIFY(text.open(QIODevice::WriteOnly));
            for (int i = 0; i < 200; ++i)
                text.write("This is not a video. Just some lines of plain text, nothing else.\n");
            text.close();
            QVERIFY2(!FrameSampler::open(text.fileName().toStdString(), &error), qPrintable(name));
            qInfo("%s -> %s", qPrintable(name), error.c_str());
            QVERIFY2(error.find("Not a video file") != std::string::npos, error.c_str());
            QVERIFY2(error.find("text file") != std::string::npos, error.c_str());
        }

        if (!haveFfmpeg_)
            QSKIP("ffmpeg CLI not on PATH: truncated and audio-only files not tested");

        const QString audio = path("sine.m4a");
        QVERIFY(ffmpeg({"-f", "lavfi", "-i", "sine=d=1", audio}));
        QVERIFY(!FrameSampler::open(audio.toStdString(), &error));
        qInfo("%s -> %s", qPrintable(QFileInfo(audio).fileName()), error.c_str());
        QCOMPARE(QString::fromStdString(error), QString("This file has no video stream (audio only)."));
        const QString wav = path("sine.wav");
        QVERIFY(ffmpeg({"-f", "lavfi", "-i", "sine=d=1", wav}));
        QVERIFY(!FrameSampler::open(wav.toStdString(), &error));
        qInfo("%s -> %s", qPrintable(QFileInfo(wav).fileName()), error.c_str());
        QCOMPARE(QString::fromStdString(error), QString("This file has no video stream (audio only)."));

        auto cut = [&](const QString& from, const QString& to, qint64 bytes) {
            QFile in(from);
            QVERIFY(in.open(QIODevice::ReadOnly));
            QFile out(to);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(in.read(bytes));
        };
        // moov at the end (ffmpeg's default): the first half has no index at all.
        const QString full = codedClip("h264.mp4", 25, 4, {"-c:v", "libx264", "-g", "12", "-pix_fmt", "yuv420p"});
        cut(full, path("half.mp4"), QFileInfo(full).size() / 2);
        QVERIFY(!FrameSampler::open(path("half.mp4").toStdString(), &error));
        qInfo("%s -> %s", qPrintable(QFileInfo(path("half.mp4")).fileName()), error.c_str());
        QVERIFY2(error.find("truncated") != std::string::npos, error.c_str());
        // moov in front (faststart): the index is intact but points past the end.
        const QString fast = codedClip("fast.mp4", 25, 4, {"-c:v", "libx264", "-g", "12", "-movflags", "+faststart"});
        cut(fast, path("fast_half.mp4"), QFileInfo(fast).size() / 2);
        QVERIFY(!FrameSampler::open(path("fast_half.mp4").toStdString(), &error));
        qInfo("%s -> %s", qPrintable(QFileInfo(path("fast_half.mp4")).fileName()), error.c_str());
        QVERIFY2(error.find("truncated") != std::string::npos, error.c_str());
        // Just the header: ftyp + moov, no picture data at all. Find the end of moov from the atom sizes.
        {
            QFile in(fast);
            QVERIFY(in.open(QIODevice::ReadOnly));
            const QByteArray bytes = in.readAll();
            qint64 pos = 0, headerEnd = 0;
            while (pos + 8 <= bytes.size()) {
                const quint32 size = (quint8(bytes[pos]) << 24) | (quint8(bytes[pos + 1]) << 16)
                                     | (quint8(bytes[pos + 2]) << 8) | quint8(bytes[pos + 3]);
                const QByteArray type = bytes.mid(pos + 4, 4);
                if (type == "mdat" || size < 8)
                    break;
                pos += size;
                headerEnd = pos;
            }
            QVERIFY(headerEnd > 0);
            cut(fast, path("header_only.mp4"), headerEnd);
            QVERIFY(!FrameSampler::open(path("header_only.mp4").toStdString(), &error));
        qInfo("%s -> %s", qPrintable(QFileInfo(path("header_only.mp4")).fileName()), error.c_str());
            QVERIFY2(error.find("truncated") != std::string::npos, error.c_str());
            cut(full, path("tiny.mp4"), 40);
            QVERIFY(!FrameSampler::open(path("tiny.mp4").toStdString(), &error));
        qInfo("%s -> %s", qPrintable(QFileInfo(path("tiny.mp4")).fileName()), error.c_str());
            QVERIFY2(!error.empty(), error.c_str());
        }
        // A cut mkv (no cues, duration in the header): opens, then refuses windows past the cut.
        const QString mkv = codedClip("cut_src.mkv", 25, 4, {"-c:v", "libx264", "-g", "12"});
        cut(mkv, path("cut.mkv"), QFileInfo(mkv).size() / 2);
        auto s = FrameSampler::open(path("cut.mkv").toStdString(), &error);
        qInfo("cut.mkv -> %s", s ? "opened" : error.c_str());
        if (s) {
            QVERIFY(s->sampleAround(3.8, 0.2, 2, &error).empty());
            qInfo("cut.mkv, window at 3.8 s -> %s", error.c_str());
            QVERIFY2(error.find("truncated") != std::string::npos, error.c_str());
            QVERIFY(!s->sampleAround(0.5, 0.5, 2, &error).empty());
        } else {
            QVERIFY2(error.find("truncated") != std::string::npos, error.c_str());
        }
        // Garbage in the middle of a file: must not crash or hang; frames may be damaged.
        {
            QFile in(full);
            QVERIFY(in.open(QIODevice::ReadOnly));
            QByteArray bytes = in.readAll();
            for (qint64 i = bytes.size() / 4; i < bytes.size() / 2; i += 7)
                bytes[i] = static_cast<char>(i * 131);
            QFile out(path("garbled.mp4"));
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(bytes);
            out.close();
            auto g = FrameSampler::open(out.fileName().toStdString(), &error);
            if (g) {
                const auto frames = g->sampleRange(0.0, 4.0, 8, &error); // either frames or an error; both are fine
                qInfo("garbled.mp4 -> %zu frames %s", frames.size(), frames.empty() ? error.c_str() : "");
            } else {
                qInfo("garbled.mp4 -> %s", error.c_str());
            }
        }
    }

    void cliFrames()
    {
#ifndef GITVQA_CLI
        QSKIP("gitvqa binary not built with this test");
#else
        requireFfmpeg();
        if (!QFile::exists(QStringLiteral(GITVQA_CLI)))
            QSKIP("gitvqa binary not built yet (cmake --build ... --target gitvqa)");
        if (!QFile::exists(path("sine.m4a")))
            QVERIFY(ffmpeg({"-f", "lavfi", "-i", "sine=d=1", path("sine.m4a")}));
        const QString file = codedClip("h264.mp4", 25, 4, {"-c:v", "libx264", "-g", "12", "-pix_fmt", "yuv420p"});
        const QString out = path("cli_out");
        QProcess p;
        p.start(QStringLiteral(GITVQA_CLI), {"frames", file, "--at", "2", "--window", "2", "--count", "5", "--out", out});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QFile json(QDir(out).filePath("frames.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(json.readAll()).object();
        const QJsonArray frames = root.value("frames").toArray();
        QCOMPARE(frames.size(), 5);
        QCOMPARE(root.value("video").toObject().value("width").toInt(), 160);
        for (const auto& v : frames) {
            const QJsonObject f = v.toObject();
            QVERIFY(QFile::exists(QDir(out).filePath(f.value("file").toString())));
            QVERIFY(f.value("pts").toDouble() <= f.value("requestedTime").toDouble() + 1e-6);
        }
        QCOMPARE(QDir(out).entryList({"*.png"}).size(), 5);

        p.start(QStringLiteral(GITVQA_CLI), {"frames", path("sine.m4a"), "--at", "1", "--out", out});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 4);
        p.start(QStringLiteral(GITVQA_CLI), {"frames", file, "--out", out});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
#endif
    }
};

QTEST_MAIN(TestFrameSampler)
#include "test_frame_sampler.moc"
