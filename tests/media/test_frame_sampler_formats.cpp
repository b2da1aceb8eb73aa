// FFmpeg frame sampler, what it is given: exact frame choice across codecs and containers, rotation and non-square
// pixels (display geometry), variable frame rate, streams without a duration, start offsets, colour matrices and
// ranges, 10-bit. Every clip is made here with the ffmpeg CLI (sampler_test_clips.h), so no reference data is needed.

#include "sampler_test_clips.h"

#include "media/frame_converter.h"
#include "media/frame_sampler.h"

#include <QTest>

#include <cmath>
#include <cstdint>

using namespace gitvqa;
using namespace gitvqa::testing;

class TestFrameSamplerFormats : public QObject, private SamplerClips {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initClips("test_frame_sampler_formats"); }

    // ---- pure logic, no FFmpeg ----

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
        GITVQA_REQUIRE_FFMPEG();
        QFETCH(QString, name);
        QFETCH(QStringList, args);
        checkClip(codedClip(name, 25, 4, args), 25, 100);
    }

    void oneSecondClip()
    {
        GITVQA_REQUIRE_FFMPEG();
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
        GITVQA_REQUIRE_FFMPEG();
        QFETCH(int, tag);
        QFETCH(int, clockwise);
        const QString plain = codedClip("phone.mp4", 30, 2, {"-c:v", "libx264", "-g", "15"});
        const QString file = path(QString("phone_rot%1.mp4").arg(tag));
        // FFmpeg 7's CLI keeps a `rotate` tag as plain metadata, without a display matrix (players ignore it too);
        // its -display_rotation input option writes the matrix, in the same (counter-clockwise) sense. FFmpeg 5.1
        // has no such option and turns the tag into the matrix.
        if (!ffmpeg({"-display_rotation", QString::number(tag), "-i", plain, "-c", "copy", file}))
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
        GITVQA_REQUIRE_FFMPEG();
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
        GITVQA_REQUIRE_FFMPEG();
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
        GITVQA_REQUIRE_FFMPEG();
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
        GITVQA_REQUIRE_FFMPEG();
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
        // Untagged: FFmpeg 7's scale filter tags its output with the matrix it used (5.1 did not); setparams clears it.
        QTest::newRow("bt601-untagged-sd") << "c601.mkv"
                                           << "scale=out_color_matrix=bt601:out_range=tv,format=yuv420p,setparams=colorspace=unknown"
                                           << QStringList{"-c:v", "libx264", "-qp", "0"} << 64
                                           << "bt470bg (assumed)" << false;
        // HD and untagged is still BT.601, as FFmpeg itself encodes and decodes it (not the players' HD guess).
        QTest::newRow("bt601-untagged-hd") << "c601hd.mkv"
                                           << "scale=out_color_matrix=bt601:out_range=tv,format=yuv420p,setparams=colorspace=unknown"
                                           << QStringList{"-c:v", "libx264", "-qp", "0"} << 720
                                           << "bt470bg (assumed)" << false;
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
        GITVQA_REQUIRE_FFMPEG();
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
        GITVQA_REQUIRE_FFMPEG();
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
};

QTEST_MAIN(TestFrameSamplerFormats)
#include "test_frame_sampler_formats.moc"
