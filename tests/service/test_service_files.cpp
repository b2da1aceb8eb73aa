// The service and its pipeline against files that change under it (issue 13, "never the wrong frames"): a video
// re-exported at the same path is read again, Stop racing the worker through more videos than it keeps open is safe,
// and Quit ends a video open on a silent named pipe and a model load without waiting for them.

#include "clip_maker.h"
#include "reference_data.h"

#include "media/frame_sampler.h"
#include "service/answer_pipeline.h"
#include "service/inference_service.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <thread>

#include <sys/stat.h>

using namespace gitvqa;
using gitvqa::testing::referencePath;

namespace {

QString tinyModel() { return referencePath(QStringLiteral("tiny-git-video")); }

// A clip of one flat colour, `seconds` long.
QString colourClip(const QString& dir, const QString& name, const QString& colour, double seconds)
{
    return gitvqa::testing::makeClip(dir, name,
                                     {"-f", "lavfi", "-i", QStringLiteral("color=c=%1:size=160x120:rate=25:duration=%2").arg(colour).arg(seconds),
                                      "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"});
}

// Is the thumbnail's centre mostly `channel` (0 red, 1 green, 2 blue)?
bool dominated(const QImage& image, int channel)
{
    const QColor c = image.pixelColor(image.width() / 2, image.height() / 2);
    const int v[3] = {c.red(), c.green(), c.blue()};
    return v[channel] > 180 && v[(channel + 1) % 3] < 80 && v[(channel + 2) % 3] < 80;
}

AskRequest question(const QString& video, const SegmentSpec& seg)
{
    AskRequest r;
    r.videoPath = video;
    r.segment = seg;
    r.question = QStringLiteral("what color is it?");
    r.generation.maxNewTokens = 3;
    return r;
}

} // namespace

class TestServiceFiles : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        GITVQA_REQUIRE_FFMPEG();
        QVERIFY(m_dir.isValid());
        m_model = ModelBundle::load(tinyModel(), EngineOptions{"cpu", "float32", 0});
        QVERIFY(m_model);
    }

    // Red, asked about; overwritten in place with a longer blue clip; asked again: blue frames, no reuse.
    void reexportedVideoIsReadAgain()
    {
        const QString video = colourClip(m_dir.path(), "export.mp4", "red", 4);
        QVERIFY(!video.isEmpty());
        AnswerPipeline pipeline;
        const AskRequest r = question(video, SegmentSpec::around(2.0, 2.0));
        const AnswerResult first = pipeline.answer(*m_model, r);
        QVERIFY(!first.contextReused);
        QVERIFY(dominated(first.segment.thumbnails.first(), 0));
        QVERIFY(std::abs(pipeline.videoInfo(video).duration - 4.0) < 0.1);
        QVERIFY(pipeline.answer(*m_model, r).contextReused); // unchanged file: reused, as before

        // The same path, written again (ffmpeg -y truncates and rewrites it: same inode, new size and time).
        QVERIFY(!colourClip(m_dir.path(), "export.mp4", "blue", 6).isEmpty());
        const int missesBefore = pipeline.cache().stats().misses;
        const AnswerResult second = pipeline.answer(*m_model, r);
        QVERIFY(!second.contextReused); // before the fix: reused, answered from the red frames
        QCOMPARE(pipeline.cache().stats().misses, missesBefore + 1);
        for (const QImage& t : second.segment.thumbnails)
            QVERIFY(dominated(t, 2));
        QVERIFY(std::abs(pipeline.videoInfo(video).duration - 6.0) < 0.1); // the sampler was opened again

        // Replaced by rename (how most editors export: write aside, then move over): same size and colour as
        // before would still be a different file.
        const QString aside = colourClip(m_dir.path(), "aside.mp4", "lime", 6);
        QVERIFY(!aside.isEmpty());
        QVERIFY(std::rename(QFile::encodeName(aside).constData(), QFile::encodeName(video).constData()) == 0);
        const AnswerResult third = pipeline.answer(*m_model, r);
        QVERIFY(!third.contextReused);
        QVERIFY(dominated(third.segment.thumbnails.first(), 1));
    }

    // Stop from other threads while the worker cycles through six videos (more than the four it keeps open): every
    // cancel lands on a request's own flag, never on a sampler the worker closed. Clean under the asan preset.
    void stopRacingThroughMoreVideosThanAreKeptOpen()
    {
        QStringList videos;
        for (int i = 0; i < 6; ++i)
            videos << gitvqa::testing::makeTestClip(m_dir.path(), QStringLiteral("v%1.mp4").arg(i),
                                                    i % 2 ? QStringLiteral("testsrc") : QStringLiteral("smptebars"), 3,
                                                    QStringLiteral("160x120"));
        for (const QString& v : videos)
            QVERIFY(!v.isEmpty());
        InferenceService service;
        service.setPreEncodingEnabled(false);
        QSignalSpy loaded(&service, &InferenceService::modelLoaded);
        service.loadModel(tinyModel(), EngineOptions{"cpu", "float32", 0});
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() > 0, 60000);

        std::atomic<quint64> latest{0};
        std::atomic_bool done{false};
        std::thread stopper([&] {
            while (!done) {
                if (const quint64 id = latest.load())
                    service.cancel(id);
                std::this_thread::yield();
            }
        });
        int finished = 0, failed = 0;
        QString otherError;
        // The service is the context, not the test object: the worker emits from its thread, so these run queued, and
        // one still queued when this function returns must die with the service rather than write to a dead stack
        // frame in the next test (CI: "stack smashing detected").
        connect(&service, &InferenceService::requestFinished, &service, [&](quint64, const AnswerResult&) { ++finished; });
        connect(&service, &InferenceService::requestFailed, &service, [&](quint64, const QString& m) {
            ++failed;
            if (m != QLatin1String("Cancelled."))
                otherError = m;
        });
        constexpr int kRequests = 48;
        for (int i = 0; i < kRequests; ++i) {
            const quint64 id = service.ask(question(videos[i % 6], SegmentSpec::around(1.0 + 0.1 * (i % 7), 1.0)));
            if (i % 3 == 0)
                latest = id; // every third one is stopped as it runs, the others race it to the sampler
            QTest::qWait(1);
        }
        QTRY_COMPARE_WITH_TIMEOUT(finished + failed, kRequests, 120000);
        done = true;
        stopper.join();
        QVERIFY2(otherError.isEmpty(), qPrintable(otherError));
        qInfo("%d finished, %d cancelled", finished, failed);
        // Still answering, from the right video.
        QSignalSpy ok(&service, &InferenceService::requestFinished);
        service.ask(question(videos[0], SegmentSpec::around(1.5, 1.0)));
        QTRY_VERIFY_WITH_TIMEOUT(ok.count() > 0, 60000);
    }

    // Quit while the worker opens a video on a "sleeping share": a named pipe whose writer (a second process) never
    // writes. FFmpeg's own file reads would block for as long as the writer lives (8 s here).
    void quitDuringASilentOpenReturnsPromptly()
    {
        const QString fifo = m_dir.filePath(QStringLiteral("share.mp4"));
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        QProcess writer;
        writer.start(QStringLiteral("sh"), {"-c", QStringLiteral("exec sleep 8 > '%1'").arg(fifo)});
        QVERIFY(writer.waitForStarted());

        auto service = std::make_unique<InferenceService>();
        QSignalSpy loaded(service.get(), &InferenceService::modelLoaded);
        service->loadModel(tinyModel(), EngineOptions{"cpu", "float32", 0});
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() > 0, 60000);
        QSignalSpy progress(service.get(), &InferenceService::requestProgress);
        service->ask(question(fifo, SegmentSpec::around(1.0, 1.0)));
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() > 0, 10000); // "opening": the worker is inside the open
        QTest::qWait(200);
        QElapsedTimer t;
        t.start();
        service.reset();
        const qint64 ms = t.elapsed();
        writer.kill();
        writer.waitForFinished();
        qInfo("service destroyed %lld ms after quit during the open", ms);
        QVERIFY2(ms < 2000, qPrintable(QString::number(ms)));
    }

    // The model load polls its cancel check between tensors and stops at the first yes, without a failure report.
    void modelLoadStopsBetweenTensors()
    {
        int polls = 0;
        try {
            ModelBundle::load(tinyModel(), EngineOptions{"cpu", "float32", 0}, {}, [&] { return ++polls >= 5; });
            QFAIL("the load ignored its cancel check");
        } catch (const UserError& e) {
            QCOMPARE(e.kind(), UserError::Kind::Cancelled);
        }
        QCOMPARE(polls, 5);
        int all = 0;
        QVERIFY(ModelBundle::load(tinyModel(), EngineOptions{"cpu", "float32", 0}, {}, [&] { return ++all < 0; }));
        QVERIFY2(all > 20, qPrintable(QString::number(all))); // polled per tensor, not once per load
        qInfo("a load polls %d times", all);

        // Through the service: quit while a load is queued and running; no failure is reported for it.
        auto service = std::make_unique<InferenceService>();
        QSignalSpy failed(service.get(), &InferenceService::modelLoadFailed);
        service->loadModel(tinyModel(), EngineOptions{"cpu", "float32", 0});
        QElapsedTimer t;
        t.start();
        service.reset();
        QVERIFY(t.elapsed() < 2000);
        QCOMPARE(failed.count(), 0);
    }

    void cleanupTestCase() { m_model.reset(); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ModelBundle> m_model;
};

GITVQA_REFERENCE_TEST_MAIN(TestServiceFiles)
#include "test_service_files.moc"
