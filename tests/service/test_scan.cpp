// Scan: the window plan, merging answers into ranges, and a real scan of a clip whose halves differ, with cancel and
// resume, reuse of pre-encoded windows, and the service's signals.

#include "clip_maker.h"
#include "reference_data.h"

#include "service/inference_service.h"
#include "service/scan_runner.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace gitvqa;
using gitvqa::testing::referencePath;

class TestScan : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        GITVQA_REQUIRE_FFMPEG();
        // 16 s: eight seconds of one test pattern, then eight of another.
        m_clip = gitvqa::testing::makeClip(
            m_dir.path(), QStringLiteral("halves.mp4"),
            {QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"), QStringLiteral("testsrc=size=160x120:rate=25:duration=8"),
             QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"), QStringLiteral("smptebars=size=160x120:rate=25:duration=8"),
             QStringLiteral("-filter_complex"), QStringLiteral("[0:v][1:v]concat=n=2:v=1[v]"), QStringLiteral("-map"), QStringLiteral("[v]"),
             QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-preset"), QStringLiteral("ultrafast")});
        QVERIFY(!m_clip.isEmpty());
        m_model = ModelBundle::load(referencePath(QStringLiteral("tiny-git-video")), EngineOptions{"cpu", "float32", 0});
    }

    void planTilesTheRangeOnce()
    {
        auto plan = planScanWindows(0, 30, 10, 10);
        QCOMPARE(plan.size(), 3);
        QCOMPARE(plan[2].start, 20.0);
        QCOMPARE(plan[2].end, 30.0);
        plan = planScanWindows(0, 25, 10, 10);
        QCOMPARE(plan.size(), 3);
        QCOMPARE(plan[2].end, 25.0);
        plan = planScanWindows(5, 25, 10, 5); // overlapping
        QCOMPARE(plan.size(), 3);
        QCOMPARE(plan[1].start, 10.0);
        QCOMPARE(plan.last().end, 25.0);
        QCOMPARE(planScanWindows(0, 0.9, 0.3, 0.3).size(), 3); // no sliver window from float steps
        QVERIFY(planScanWindows(10, 5, 10, 10).isEmpty());
        QVERIFY(planScanWindows(0, 5, 0, 10).isEmpty());
    }

    void answersMergeIntoRanges()
    {
        QVector<ScanWindowResult> w;
        auto add = [&](double a, double b, const char* answer) {
            ScanWindowResult r;
            r.start = a;
            r.end = b;
            r.answer = QString::fromLatin1(answer);
            w.push_back(r);
        };
        add(20, 30, "dog");
        add(0, 10, "dog");
        add(10, 20, "dog");
        add(30, 40, "cat");
        add(40, 50, "dog");
        const auto merged = mergeScanAnswers(w);
        QCOMPARE(merged.size(), 2);
        QCOMPARE(merged[0].answer, QStringLiteral("dog"));
        QCOMPARE(merged[0].ranges.size(), 2);
        QCOMPARE(merged[0].ranges[0].end, 30.0);
        QCOMPARE(describeAnswerRanges(merged), QStringLiteral("dog 00:00–00:30, 00:40–00:50; cat 00:30–00:40"));
        QVERIFY(isYesNoQuestion(QStringLiteral("Is someone cooking?")));
        QVERIFY(!isYesNoQuestion(QStringLiteral("where is someone cooking?")));
    }

    void scanCoversEveryWindowOnceAndResumes()
    {
        AnswerPipeline pipeline;
        ScanRequest r = request(QStringLiteral("is there a dog?"), 4, 3);
        // Pre-encode the third window: the scan must reuse it.
        pipeline.encodeSegment(*m_model, m_clip, SegmentSpec::range(8, 12), {});

        int windowsSeen = 0;
        ScanCallbacks cb;
        cb.windowDone = [&](const ScanWindowResult&) { ++windowsSeen; };
        cb.cancelled = [&] { return windowsSeen >= 2; };
        const ScanOutcome first = runScan(pipeline, *m_model, r, cb);
        QVERIFY(first.cancelled);
        QCOMPARE(first.plan.size(), 4);
        QCOMPARE(first.windows.size(), 2);

        for (const auto& w : first.windows)
            r.done.insert(w.index);
        const ScanOutcome rest = runScan(pipeline, *m_model, r, {});
        QVERIFY(!rest.cancelled);
        QCOMPARE(rest.windows.size(), 2);

        QVector<ScanWindowResult> all = first.windows + rest.windows;
        QSet<int> indices;
        double covered = 0;
        for (const auto& w : all) {
            QVERIFY(!indices.contains(w.index));
            indices.insert(w.index);
            covered += w.end - w.start;
            QVERIFY(w.yesProbability.has_value() && *w.yesProbability >= 0 && *w.yesProbability <= 1);
            QVERIFY(w.yesShare.has_value() && *w.yesShare >= 0 && *w.yesShare <= 1);
            QCOMPARE(w.frameTimes.size(), 6);
            for (double t : w.frameTimes)
                QVERIFY(t >= w.start - 0.05 && t <= w.end);
        }
        QCOMPARE(indices.size(), 4);
        QCOMPARE(covered, 16.0);
        const auto third = std::find_if(all.begin(), all.end(), [](const ScanWindowResult& w) { return w.index == 2; });
        QVERIFY(third->contextReused);
        // The halves differ, so the windows of the first half and of the second half see different frames; the
        // merged summary accounts for every second exactly once.
        double mergedSeconds = 0;
        for (const auto& a : mergeScanAnswers(all))
            for (const auto& span : a.ranges)
                mergedSeconds += span.end - span.start;
        QCOMPARE(mergedSeconds, 16.0);
    }

    // Issue 14: a frame's ViT tokens do not depend on its segment, so windows that overlap share the frames they both
    // sample. Which frames two windows share comes from the frame times the scan reports, not from this test.
    void overlappingWindowsEncodeEachFrameOnce()
    {
        AnswerPipeline pipeline;
        ScanRequest r = request(QStringLiteral("is there a dog?"), 6, 2);
        r.stride = 3;
        r.to = 15;
        const ScanOutcome out = runScan(pipeline, *m_model, r, {});
        QCOMPARE(out.windows.size(), 4);
        QSet<qint64> seen;
        int reusedTotal = 0;
        for (const ScanWindowResult& w : out.windows) {
            int expected = 0;
            for (double t : w.frameTimes)
                expected += seen.contains(qRound64(t * 1e6));
            QCOMPARE(w.framesReused, expected);
            for (double t : w.frameTimes)
                seen.insert(qRound64(t * 1e6));
            reusedTotal += w.framesReused;
        }
        QVERIFY2(reusedTotal >= 6, qPrintable(QString::number(reusedTotal))); // half of each later window at least
        QVERIFY(pipeline.frameFeatures().stats().hits >= reusedTotal);

        // The context built from reused frames is the one a fresh encoding gives, within float32 round-off (the ViT
        // ran on 3 frames instead of 6: other GEMM blocking), and so is the answer.
        bool reused = false;
        const auto fromScan = pipeline.encodeSegment(*m_model, m_clip, SegmentSpec::range(3, 9), {}, &reused);
        QVERIFY(reused);
        QVERIFY(fromScan->framesReused > 0);
        AnswerPipeline fresh;
        const auto alone = fresh.encodeSegment(*m_model, m_clip, SegmentSpec::range(3, 9), {});
        QCOMPARE(alone->framesReused, 0);
        QCOMPARE(alone->frameTimes, fromScan->frameTimes);
        for (const auto& [a, b] : {std::pair{alone->context->visionHiddenState, fromScan->context->visionHiddenState},
                                   std::pair{alone->context->keys.back(), fromScan->context->keys.back()},
                                   std::pair{alone->context->values.front(), fromScan->context->values.front()}}) {
            QCOMPARE(a.sizes().vec(), b.sizes().vec());
            const double scale = a.abs().max().item<double>();
            const double diff = (a - b).abs().max().item<double>();
            QVERIFY2(diff <= 1e-5 * scale, qPrintable(QStringLiteral("max |diff| %1 of %2").arg(diff).arg(scale)));
        }
        AskRequest ask;
        ask.videoPath = m_clip;
        ask.question = r.question;
        ask.segment = SegmentSpec::range(3, 9);
        ask.generation.maxNewTokens = 2;
        QCOMPARE(fresh.answer(*m_model, ask).answer, out.windows[1].answer);

        // A segment is made of exactly framesPerQuestion frames of this model's shape: anything else is refused.
        const torch::Tensor oneFrame =
            fromScan->context->visionHiddenState.narrow(0, 0, m_model->engine->config().vision.tokensPerImage());
        std::vector<torch::Tensor> tooFew(m_model->framesPerQuestion() - 1, oneFrame);
        QVERIFY_THROWS_EXCEPTION(EngineError, m_model->engine->encodeFromFrameTokens(tooFew));
    }

    void scanThroughTheService()
    {
        InferenceService service;
        QSignalSpy loaded(&service, &InferenceService::modelLoaded);
        service.loadModel(referencePath(QStringLiteral("tiny-git-video")), EngineOptions{"cpu", "float32", 0});
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() > 0, 60000); // spies connect directly: a fast worker can emit before wait()
        QSignalSpy planned(&service, &InferenceService::scanPlanned);
        QSignalSpy windows(&service, &InferenceService::scanWindowDone);
        QSignalSpy progress(&service, &InferenceService::scanProgress);
        QSignalSpy finished(&service, &InferenceService::scanFinished);
        const ScanRequest r = request(QStringLiteral("what is shown?"), 8, 2);
        const quint64 id = service.scan(r);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 60000); // spies connect directly: a fast worker can emit before wait()
        QCOMPARE(finished.first().at(0).toULongLong(), id);
        QCOMPARE(finished.first().at(1).toBool(), false);
        QCOMPARE(planned.first().at(1).toInt(), 2);
        QCOMPARE(windows.count(), 2);
        QCOMPARE(progress.last().at(1).toInt(), 2);
        const auto w0 = windows.at(0).at(1).value<ScanWindowResult>();
        QCOMPARE(w0.start, 0.0);
        QCOMPARE(w0.end, 8.0);

        QSignalSpy failed(&service, &InferenceService::requestFailed);
        ScanRequest empty = r;
        empty.question.clear();
        service.scan(empty);
        QTRY_VERIFY_WITH_TIMEOUT(failed.count() > 0, 30000); // spies connect directly: a fast worker can emit before wait()
        QVERIFY(failed.first().at(1).toString().contains(QStringLiteral("question is empty")));
    }

private:
    ScanRequest request(const QString& question, double window, int maxNewTokens) const
    {
        ScanRequest r;
        r.videoPath = m_clip;
        r.question = question;
        r.window = window;
        r.generation.maxNewTokens = maxNewTokens;
        return r;
    }

    QTemporaryDir m_dir;
    QString m_clip;
    std::unique_ptr<ModelBundle> m_model;
};

GITVQA_REFERENCE_TEST_MAIN(TestScan)
#include "test_scan.moc"
