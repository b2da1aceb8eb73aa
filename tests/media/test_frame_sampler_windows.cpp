// FFmpeg frame sampler, how it gets there: window math, the frame cache, window shifts at the edges, the seek rule,
// dropped B-frames, random requests, cache hits, thumbnails and samplers on several threads. Every clip is made here
// with the ffmpeg CLI (sampler_test_clips.h), so no reference data is needed.

#include "sampler_test_clips.h"

#include "media/frame_cache.h"
#include "media/frame_sampler.h"
#include "media/sample_window.h"

#include <QElapsedTimer>
#include <QTest>

#include <atomic>
#include <cmath>
#include <cstdint>
#include <memory>
#include <thread>

using namespace gitvqa;
using namespace gitvqa::testing;

class TestFrameSamplerWindows : public QObject, private SamplerClips {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initClips("test_frame_sampler_windows"); }

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

    // ---- windows, seeking, caching, threads ----

    void windowShiftAtEdges()
    {
        GITVQA_REQUIRE_FFMPEG();
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
        GITVQA_REQUIRE_FFMPEG();
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
        GITVQA_REQUIRE_FFMPEG();
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
        GITVQA_REQUIRE_FFMPEG();
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
        GITVQA_REQUIRE_FFMPEG();
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
        GITVQA_REQUIRE_FFMPEG();
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
        GITVQA_REQUIRE_FFMPEG();
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
};

QTEST_MAIN(TestFrameSamplerWindows)
#include "test_frame_sampler_windows.moc"
