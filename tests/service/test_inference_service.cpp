// The service end to end on the tiny reference model and generated clips: streaming, reuse of visual contexts,
// cancel within one token, no mixing between requests, pre-encoding, failures that keep the previous model.

#include "clip_maker.h"
#include "reference_data.h"

#include "media/frame_sampler.h"
#include "service/inference_service.h"
#include "text/prompt_builder.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace gitvqa;
using gitvqa::testing::referencePath;


namespace {

const char* kQuestion = "what is the man doing in the kitchen?";

// Waits for the request's finished or failed signal; returns the result (or fails the test).
struct Outcome {
    bool finished = false;
    AnswerResult result;
    QString error;
    QVector<QString> streamed;
};

Outcome waitFor(InferenceService& s, quint64 id, int timeoutMs = 60000)
{
    Outcome o;
    bool done = false;
    // The worker emits from its own thread: with this guard as context the calls run here, queued, and any still
    // queued when this function returns are dropped with the guard instead of reaching `o` and `id` after they are
    // gone (a disconnect does not take back a call already posted).
    QObject guard;
    QObject::connect(&s, &InferenceService::requestFinished, &guard, [&](quint64 rid, const AnswerResult& r) {
        if (rid == id) { o.finished = true; o.result = r; done = true; }
    });
    QObject::connect(&s, &InferenceService::requestFailed, &guard, [&](quint64 rid, const QString& m) {
        if (rid == id) { o.error = m; done = true; }
    });
    QObject::connect(&s, &InferenceService::tokenGenerated, &guard, [&](quint64 rid, qint64, const QString& t) {
        if (rid == id) o.streamed.push_back(t);
    });
    QElapsedTimer timer;
    timer.start();
    while (!done && timer.elapsed() < timeoutMs)
        QTest::qWait(5);
    if (!done)
        o.error = QStringLiteral("timed out waiting for request %1").arg(id);
    return o;
}

AskRequest question(const QString& video, const SegmentSpec& seg, const QString& q = QString::fromLatin1(kQuestion))
{
    AskRequest r;
    r.videoPath = video;
    r.segment = seg;
    r.question = q;
    return r;
}

} // namespace

class TestInferenceService : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        GITVQA_REQUIRE_FFMPEG();
        QVERIFY(m_dir.isValid());
        m_clipA = gitvqa::testing::makeTestClip(m_dir.path(), QStringLiteral("a.mp4"), QStringLiteral("testsrc"));
        m_clipB = gitvqa::testing::makeTestClip(m_dir.path(), QStringLiteral("b.mp4"), QStringLiteral("smptebars"));
        QVERIFY(!m_clipA.isEmpty() && !m_clipB.isEmpty());
        m_service = std::make_unique<InferenceService>();
        m_service->setPreEncodeDelay(0);
        QSignalSpy loaded(m_service.get(), &InferenceService::modelLoaded);
        QSignalSpy loading(m_service.get(), &InferenceService::modelLoading);
        EngineOptions o;
        o.device = "cpu";
        m_service->loadModel(referencePath(QStringLiteral("tiny-git-video")), o);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() > 0, 60000); // spies connect directly: a fast worker can emit before wait()
        QVERIFY(loading.count() >= 2); // progress reported while loading
        const ModelSummary s = m_service->model();
        QCOMPARE(s.frames, 6);
        QVERIFY(s.video);
        QCOMPARE(s.device, QStringLiteral("cpu"));
    }

    // The service's ids equal the engine run directly on the frames the sampler returns.
    void answerMatchesEngineOnSampledFrames()
    {
        const SegmentSpec seg = SegmentSpec::around(5.0, 4.0);
        const Outcome o = waitFor(*m_service, m_service->ask(question(m_clipA, seg)));
        QVERIFY2(o.finished, qPrintable(o.error));
        QCOMPARE(o.result.segment.frameTimes.size(), 6);
        QVERIFY(!o.streamed.isEmpty());
        QCOMPARE(o.streamed.last(), o.result.answer);

        auto bundle = ModelBundle::load(referencePath(QStringLiteral("tiny-git-video")), EngineOptions{"cpu", "float32", 0});
        std::string error;
        auto sampler = FrameSampler::open(m_clipA.toStdString(), &error);
        QVERIFY(sampler);
        std::vector<RgbImage> images;
        for (const SampledFrame& f : sampler->sampleAround(5.0, 4.0, 6, &error))
            images.push_back(f.image);
        QCOMPARE(images.size(), std::size_t(6));
        const PixelBatch pixels = preprocessFrames(images, bundle->preprocessor);
        const auto ctx = bundle->engine->encode(pixels.data.data(), 6, 3, pixels.height, pixels.width);
        const auto prompt = buildQuestionPrompt(*bundle->tokenizer, QString::fromLatin1(kQuestion), 1024, 20);
        const GenerationResult g = bundle->engine->generate(*ctx, prompt.ids);
        QCOMPARE(o.result.answerIds, g.newTokens);
        QCOMPARE(o.result.answer, bundle->tokenizer->decode(g.newTokens));
    }

    void secondQuestionReusesContext()
    {
        const SegmentSpec seg = SegmentSpec::range(2.0, 8.0);
        const Outcome first = waitFor(*m_service, m_service->ask(question(m_clipA, seg)));
        QVERIFY2(first.finished, qPrintable(first.error));
        QVERIFY(!first.result.contextReused);
        const int hitsBefore = m_service->cacheStats().hits;
        const Outcome second = waitFor(*m_service, m_service->ask(question(m_clipA, seg, QStringLiteral("what color is it?"))));
        QVERIFY2(second.finished, qPrintable(second.error));
        QVERIFY(second.result.contextReused);
        QCOMPARE(m_service->cacheStats().hits, hitsBefore + 1);
        QCOMPARE(second.result.segment.frameTimes, first.result.segment.frameTimes);
    }

    // Cancel from the token signal itself (a direct connection runs in the worker): generation stops right there.
    void cancelStopsWithinOneToken()
    {
        AskRequest r = question(m_clipA, SegmentSpec::around(6, 10));
        r.generation.maxNewTokens = 200;
        r.generation.minNewTokens = 200;
        quint64 id = 0;
        int tokensAtCancel = -1;
        int tokens = 0;
        auto c = connect(m_service.get(), &InferenceService::tokenGenerated, m_service.get(),
                         [&](quint64 rid, qint64, const QString&) {
                             if (rid != id)
                                 return;
                             ++tokens;
                             if (tokens == 3) {
                                 tokensAtCancel = tokens;
                                 m_service->cancel(id);
                             }
                         }, Qt::DirectConnection);
        id = m_service->ask(r);
        const Outcome o = waitFor(*m_service, id);
        disconnect(c);
        QVERIFY2(o.finished, qPrintable(o.error));
        QCOMPARE(o.result.stopReason, QStringLiteral("stopped"));
        QCOMPARE(tokensAtCancel, 3);
        QCOMPARE(o.result.tokens, 3);
    }

    void queuedRequestCanBeDropped()
    {
        AskRequest slow = question(m_clipA, SegmentSpec::around(3, 4));
        slow.generation.maxNewTokens = 100;
        slow.generation.minNewTokens = 100;
        const quint64 first = m_service->ask(slow);
        const quint64 second = m_service->ask(question(m_clipB, SegmentSpec::around(3, 4)));
        m_service->cancel(second);
        const Outcome b = waitFor(*m_service, second);
        QCOMPARE(b.error, QStringLiteral("Cancelled."));
        QVERIFY(waitFor(*m_service, first).finished);
    }

    // Two videos asked in quick succession: each request's tokens and answer are its own.
    void twoVideosNeverMix()
    {
        const quint64 a = m_service->ask(question(m_clipA, SegmentSpec::around(4, 6)));
        const quint64 b = m_service->ask(question(m_clipB, SegmentSpec::around(4, 6)));
        const Outcome oa = waitFor(*m_service, a);
        const Outcome ob = waitFor(*m_service, b);
        QVERIFY(oa.finished && ob.finished);
        // Alone, each video gives the same answer again.
        const Outcome aloneB = waitFor(*m_service, m_service->ask(question(m_clipB, SegmentSpec::around(4, 6))));
        QCOMPARE(ob.result.answerIds, aloneB.result.answerIds);
        QVERIFY(oa.result.answerIds != ob.result.answerIds || oa.result.segment.thumbnails.first() != ob.result.segment.thumbnails.first());
        for (const QString& partial : oa.streamed)
            QVERIFY(oa.result.answer.startsWith(partial.left(partial.size() - 1)));
    }

    void preEncodingMakesTheQuestionStartFromAReadyContext()
    {
        QSignalSpy pre(m_service.get(), &InferenceService::preEncodeFinished);
        const SegmentSpec seg = SegmentSpec::around(9.0, 3.0);
        m_service->preEncode(m_clipB, seg);
        QTRY_VERIFY_WITH_TIMEOUT(pre.count() > 0, 60000); // spies connect directly: a fast worker can emit before wait()
        QCOMPARE(pre.first().at(1).toDouble(), 7.5);
        const Outcome o = waitFor(*m_service, m_service->ask(question(m_clipB, seg)));
        QVERIFY(o.finished);
        QVERIFY(o.result.contextReused);
    }

    void failuresAreWordedForPeople()
    {
        const Outcome empty = waitFor(*m_service, m_service->ask(question(m_clipA, SegmentSpec::around(1, 2), QStringLiteral("   "))));
        QVERIFY(empty.error.contains(QStringLiteral("question is empty")));
        QFile text(m_dir.filePath(QStringLiteral("notes.mp4")));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("just some text, not a video\n");
        text.close();
        const Outcome broken = waitFor(*m_service, m_service->ask(question(text.fileName(), SegmentSpec::around(1, 2))));
        QVERIFY2(broken.error.contains(QStringLiteral("cannot be read")), qPrintable(broken.error));
        const Outcome missing = waitFor(*m_service, m_service->ask(question(m_dir.filePath(QStringLiteral("gone.mp4")), SegmentSpec::around(1, 2))));
        QVERIFY(missing.error.contains(QStringLiteral("does not exist")));
    }

    void failedLoadKeepsThePreviousModel()
    {
        QSignalSpy failed(m_service.get(), &InferenceService::modelLoadFailed);
        m_service->loadModel(m_dir.path(), EngineOptions{});
        QTRY_VERIFY_WITH_TIMEOUT(failed.count() > 0, 30000); // spies connect directly: a fast worker can emit before wait()
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("vocabulary")));
        QVERIFY(m_service->hasModel());
        QCOMPARE(m_service->model().name, QStringLiteral("tiny-git-video"));
        QVERIFY(waitFor(*m_service, m_service->ask(question(m_clipA, SegmentSpec::around(5, 4)))).finished);
    }

    void cacheStaysWithinBudget()
    {
        m_service->setContextBudget(1);
        const Outcome o = waitFor(*m_service, m_service->ask(question(m_clipA, SegmentSpec::around(11, 2))));
        QVERIFY(o.finished);
        QCOMPARE(m_service->cacheStats().entries, 1); // the newest stays even over budget
        m_service->setContextBudget(512ll << 20);
    }

    void destroyingMidAnswerDoesNotHang()
    {
        auto service = std::make_unique<InferenceService>();
        QSignalSpy loaded(service.get(), &InferenceService::modelLoaded);
        service->loadModel(referencePath(QStringLiteral("tiny-git-video")), EngineOptions{"cpu", "float32", 0});
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() > 0, 60000); // spies connect directly: a fast worker can emit before wait()
        AskRequest r = question(m_clipA, SegmentSpec::around(5, 4));
        r.generation.maxNewTokens = 500;
        r.generation.minNewTokens = 500;
        QSignalSpy tokens(service.get(), &InferenceService::tokenGenerated);
        service->ask(r);
        QTRY_VERIFY_WITH_TIMEOUT(tokens.count() > 0, 30000); // spies connect directly: a fast worker can emit before wait()
        QElapsedTimer t;
        t.start();
        service.reset();
        QVERIFY(t.elapsed() < 5000);
    }

    void cleanupTestCase() { m_service.reset(); }

private:
    QTemporaryDir m_dir;
    QString m_clipA, m_clipB;
    std::unique_ptr<InferenceService> m_service;
};

GITVQA_REFERENCE_TEST_MAIN(TestInferenceService)
#include "test_inference_service.moc"
