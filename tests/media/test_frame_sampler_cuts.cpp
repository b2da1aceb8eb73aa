// FFmpeg frame sampler on inputs a real pipeline produces and the happy-path suites do not: an MPEG-TS cut that
// starts before its first keyframe (as an HLS segmenter or a stream-copied cut writes it), and a named pipe that
// never delivers data (a "sleeping" share) whose open must end when the caller cancels (issue 13).

#include "sampler_test_clips.h"

#include "media/frame_sampler.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTest>

#include <atomic>
#include <chrono>
#include <thread>

#include <sys/stat.h>

using namespace gitvqa;
using namespace gitvqa::testing;

namespace {

constexpr double kFps = 25.0;

struct Packet {
    double pts = 0;
    bool key = false;
};

// The video packets of `file` in file order, from ffprobe: the ground truth the test checks the cut against.
QVector<Packet> probePackets(const QString& file)
{
    QProcess p;
    p.start(QStringLiteral("ffprobe"), {"-v", "error", "-select_streams", "v", "-show_entries", "packet=pts_time,flags",
                                        "-of", "csv=p=0", file});
    QVector<Packet> out;
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return out;
    for (const QByteArray& line : p.readAllStandardOutput().split('\n')) {
        const QList<QByteArray> f = line.trimmed().split(',');
        if (f.size() >= 2)
            out.append({f[0].toDouble(), f[1].contains('K')});
    }
    return out;
}

} // namespace

class TestFrameSamplerCuts : public QObject, private SamplerClips {
    Q_OBJECT

    // A 2.6 s MPEG-TS cut whose first keyframe comes 2.2 s after its first packet: numbered frames, a 3 s GOP, cut
    // with -c copy from inside the first GOP. -copyinkf keeps the leading non-key packets, as a segmenter does.
    QString hlsCut()
    {
        const QString full = codedClip("full.ts", kFps, 6,
                                       {"-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "75",
                                        "-keyint_min", "75", "-sc_threshold", "0", "-f", "mpegts"});
        if (full.isEmpty())
            return {};
        const QString cut = path("cut.ts");
        if (!QFile::exists(cut)
            && !ffmpeg({"-i", full, "-ss", "0.8", "-t", "2.6", "-c", "copy", "-copyinkf", "-f", "mpegts", cut}))
            return {};
        return cut;
    }

private Q_SLOTS:
    void initTestCase() { initClips("test_frame_sampler_cuts"); }

    void cutBeforeFirstKeyframeSamplesFromTheFirstDecodableFrame()
    {
        GITVQA_REQUIRE_FFMPEG();
        const QString cut = hlsCut();
        QVERIFY(!cut.isEmpty());
        // The clip really is what a segmenter makes: non-key packets first, the first keyframe after 2.1 s.
        const QVector<Packet> packets = probePackets(cut);
        QVERIFY(packets.size() > 50);
        QVERIFY(!packets.first().key);
        int firstKey = -1;
        for (int i = 0; i < packets.size() && firstKey < 0; ++i)
            if (packets[i].key)
                firstKey = i;
        QVERIFY(firstKey > 0);
        const double keyAfter = packets[firstKey].pts - packets.first().pts;
        qInfo("cut: %d packets, first keyframe %.2f s after the first packet", int(packets.size()), keyAfter);
        QVERIFY(keyAfter > 2.1);

        std::string error;
        auto s = FrameSampler::open(cut.toStdString(), &error);
        QVERIFY2(s, error.c_str()); // before the fix: "The file is truncated or corrupt" at the first request
        QVERIFY2(std::abs(s->info().firstFrameTime - keyAfter) < 0.02,
                 qPrintable(QString::number(s->info().firstFrameTime)));
        QVERIFY(std::abs(s->info().duration - 2.6) < 0.1);

        // Asking at 0.5 s (a window of 0-1 s) works and returns the first decodable frame, flagged as clamped.
        std::vector<SampledFrame> early = s->sampleAround(0.5, 1.0, 3, &error);
        QVERIFY2(early.size() == 3, error.c_str());
        const int keyCode = readCode(early.front().image);
        QVERIFY(keyCode > 0);
        for (const SampledFrame& f : early) {
            QVERIFY(f.clamped);
            QVERIFY(f.pts >= s->info().firstFrameTime - 1e-3);
            QCOMPARE(readCode(f.image), keyCode);
        }

        // A window straddling the keyframe: only the times before it are clamped, the rest are exact frames.
        std::vector<SampledFrame> across = s->sampleAt({1.0, keyAfter + 0.1, keyAfter + 0.3}, &error);
        QVERIFY2(across.size() == 3, error.c_str());
        QVERIFY(across[0].clamped);
        QVERIFY(!across[1].clamped && !across[2].clamped);
        QCOMPARE(readCode(across[1].image), keyCode + 2);
        QCOMPARE(readCode(across[2].image), keyCode + 7);

        // A question wholly after the keyframe has no clamped frames, also when served from the frame cache.
        for (int round = 0; round < 2; ++round) {
            std::vector<SampledFrame> late = s->sampleRange(keyAfter + 0.05, 2.55, 4, &error);
            QVERIFY2(late.size() == 4, error.c_str());
            for (const SampledFrame& f : late) {
                QVERIFY(!f.clamped);
                QVERIFY(f.pts <= f.requestedTime + 1e-6);
            }
        }
        // And a fresh sampler that starts with a late window, then goes back before the keyframe (seeks there).
        s = FrameSampler::open(cut.toStdString(), &error);
        QVERIFY(s);
        QVERIFY(!s->sampleAt({2.5}, &error).front().clamped);
        const std::vector<SampledFrame> back = s->sampleAt({1.5}, &error);
        QVERIFY2(back.size() == 1, error.c_str());
        QVERIFY(back.front().clamped);
        QCOMPARE(readCode(back.front().image), keyCode);
    }

    // A named pipe with a writer that never writes: FFmpeg's file protocol would block in read() for as long as the
    // writer lives. The open must end within a bound once the caller's cancel check says yes.
    void openOfASilentPipeEndsWhenCancelled()
    {
        const QString fifo = path("silent.ts");
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        // A real second process holds the write end (the shell opens it, so this process never blocks) and stays
        // silent for 8 s, then exits: without cancellation the open would last those 8 s.
        QProcess writer;
        writer.start(QStringLiteral("sh"), {"-c", QStringLiteral("exec sleep 8 > '%1'").arg(fifo)});
        QVERIFY(writer.waitForStarted());

        std::atomic_bool cancelled{false};
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            cancelled = true;
        });
        QElapsedTimer timer;
        timer.start();
        std::string error;
        auto s = FrameSampler::open(fifo.toStdString(), &error, nullptr, [&] { return cancelled.load(); });
        const qint64 ms = timer.elapsed();
        canceller.join();
        writer.kill();
        writer.waitForFinished();
        qInfo("open of a silent pipe returned after %lld ms: %s", ms, error.c_str());
        QVERIFY(!s);
        QVERIFY2(ms < 2000, qPrintable(QString::number(ms)));
        QVERIFY2(error.find("ancel") != std::string::npos, error.c_str());
    }
};

QTEST_GUILESS_MAIN(TestFrameSamplerCuts)
#include "test_frame_sampler_cuts.moc"
