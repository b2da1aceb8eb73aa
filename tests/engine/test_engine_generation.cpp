// The reusable visual context, streaming and stopping, sampling, and device/precision choices.

#include "reference_data.h"

#include "engine/engine_error.h"
#include "engine/git_engine.h"
#include "engine/safetensors_file.h"

#include <QtTest>

using namespace gitvqa;
using gitvqa::testing::referencePath;

namespace {

std::string videoDir() { return referencePath(QStringLiteral("tiny-git-video")).toStdString(); }

torch::Tensor goldenPixels()
{
    return SafetensorsFile::open(referencePath(QStringLiteral("tiny-git-video/golden.safetensors")).toStdString())
        ->readAll()
        .at("pixel_values")
        .clone();
}

const std::vector<std::int64_t> kQuestion1{101, 2054, 2003, 1996, 2158, 2725, 1999, 1996, 3829, 1029};
const std::vector<std::int64_t> kQuestion2{101, 2054, 3609, 2003, 1996, 3899, 1029}; // "what color is the dog?"

EngineOptions cpu()
{
    EngineOptions o;
    o.device = "cpu";
    o.dtype = "float32";
    return o;
}

} // namespace

class TestEngineGeneration : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { m_engine = GitEngine::load(videoDir(), cpu()); }

    // Asking a second question about the same frames must give what a fresh full computation gives.
    void secondQuestionReusesContext()
    {
        const auto ctx = m_engine->encode(goldenPixels());
        const GenerationResult first = m_engine->generate(*ctx, kQuestion1);
        QVERIFY(!first.newTokens.empty());
        const torch::Tensor reused = m_engine->promptLogits(*ctx, kQuestion2);

        auto fresh = GitEngine::load(videoDir(), cpu());
        const torch::Tensor full = fresh->forwardStages(goldenPixels(), kQuestion2).logits;
        QCOMPARE(reused.sizes().vec(), full.sizes().vec());
        const double diff = (reused - full).abs().max().item<double>();
        qInfo("second question on a reused context: max |d| = %g", diff);
        QVERIFY(diff <= 1e-5);
    }

    // Each cached decode step equals a full forward pass over the whole text so far (no cache).
    void cachedDecodeMatchesFullForward()
    {
        const auto ctx = m_engine->encode(goldenPixels());
        GenerationOptions g;
        g.maxNewTokens = 8;
        const GenerationResult r = m_engine->generate(*ctx, kQuestion1, g);
        for (std::size_t n = kQuestion1.size(); n < r.sequence.size(); ++n) {
            const std::vector<std::int64_t> prefix(r.sequence.begin(), r.sequence.begin() + static_cast<long>(n));
            const torch::Tensor logits = m_engine->promptLogits(*ctx, prefix);
            QCOMPARE(logits[-1].argmax().item<std::int64_t>(), r.sequence[n]);
        }
    }

    void callbackStreamsAndStops()
    {
        const auto ctx = m_engine->encode(goldenPixels());
        std::vector<std::int64_t> streamed;
        const GenerationResult r = m_engine->generate(*ctx, kQuestion1, {}, [&](const TokenEvent& e) {
            streamed.push_back(e.id);
            return e.index < 2; // stop after the third token
        });
        QCOMPARE(r.stopReason, StopReason::Callback);
        QCOMPARE(r.newTokens.size(), std::size_t(3));
        QCOMPARE(streamed, r.newTokens);
        QVERIFY(r.firstTokenMs > 0);

        GenerationOptions beams;
        beams.numBeams = 3;
        int calls = 0;
        const GenerationResult b = m_engine->generate(*ctx, kQuestion1, beams, [&](const TokenEvent&) { return ++calls < 4; });
        QCOMPARE(b.stopReason, StopReason::Callback);
        QCOMPARE(calls, 4);
        QVERIFY(b.newTokens.size() <= 5);
    }

    void samplingIsSeeded()
    {
        const auto ctx = m_engine->encode(goldenPixels());
        GenerationOptions s;
        s.doSample = true;
        s.temperature = 1.5;
        s.topK = 0;
        s.topP = 0.95;
        s.seed = 7;
        const auto a = m_engine->generate(*ctx, kQuestion1, s).newTokens;
        QCOMPARE(m_engine->generate(*ctx, kQuestion1, s).newTokens, a);
        bool anyDifferent = false;
        for (std::uint64_t seed = 8; seed < 13 && !anyDifferent; ++seed) {
            s.seed = seed;
            anyDifferent = m_engine->generate(*ctx, kQuestion1, s).newTokens != a;
        }
        QVERIFY(anyDifferent);
        // top-k 1 is greedy whatever the seed
        s.topK = 1;
        s.topP = 1.0;
        QCOMPARE(m_engine->generate(*ctx, kQuestion1, s).newTokens, m_engine->generate(*ctx, kQuestion1).newTokens);
    }

    void minNewTokensSuppressesEnd()
    {
        const auto ctx = m_engine->encode(goldenPixels());
        GenerationOptions g;
        g.maxNewTokens = 12;
        g.minNewTokens = 12;
        const auto r = m_engine->generate(*ctx, kQuestion1, g);
        QCOMPARE(r.newTokens.size(), std::size_t(12));
        QCOMPARE(r.stopReason, StopReason::MaxTokens);
    }

    void wrongFrameCountIsRefused()
    {
        const torch::Tensor five = goldenPixels()[0].narrow(0, 0, 5);
        QVERIFY_THROWS_EXCEPTION(EngineError, m_engine->encode(five));
        const torch::Tensor small = torch::zeros({6, 3, 64, 64});
        QVERIFY_THROWS_EXCEPTION(EngineError, m_engine->encode(small));
    }

    void promptTooLongIsRefusedNotCrashed()
    {
        const auto ctx = m_engine->encode(goldenPixels());
        std::vector<std::int64_t> huge(2000, 2054);
        huge[0] = 101;
        try {
            m_engine->generate(*ctx, huge);
            QFAIL("expected an error");
        } catch (const EngineError& e) {
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("too long")));
        }
        std::vector<std::int64_t> bad{101, 999999};
        QVERIFY_THROWS_EXCEPTION(EngineError, m_engine->generate(*ctx, bad));
        QVERIFY_THROWS_EXCEPTION(EngineError, m_engine->generate(*ctx, {}));
        // A prompt that leaves fewer positions than max new tokens stops at the position limit.
        std::vector<std::int64_t> nearlyFull(1020, 2054);
        nearlyFull[0] = 101;
        GenerationOptions g;
        g.maxNewTokens = 20;
        g.minNewTokens = 20;
        const auto r = m_engine->generate(*ctx, nearlyFull, g);
        QCOMPARE(r.newTokens.size(), std::size_t(4));
        QCOMPARE(r.stopReason, StopReason::PositionLimit);
    }

    void deviceAndPrecisionChoices()
    {
        QCOMPARE(QString::fromStdString(m_engine->info().device), QStringLiteral("cpu"));
        QCOMPARE(QString::fromStdString(m_engine->info().dtype), QStringLiteral("float32"));
        QVERIFY(!m_engine->info().blas.empty());
        EngineOptions o = cpu();
        o.threads = 1;
        QCOMPARE(GitEngine::load(videoDir(), o)->info().threads, 1);
        if (!torch::cuda::is_available()) {
            o.device = "cuda";
            try {
                GitEngine::load(videoDir(), o);
                QFAIL("expected an error");
            } catch (const EngineError& e) {
                QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("CUDA")));
            }
        }
        o.device = "cpu";
        o.dtype = "float16";
        QVERIFY_THROWS_EXCEPTION(EngineError, GitEngine::load(videoDir(), o));
        o.dtype = "float64x";
        QVERIFY_THROWS_EXCEPTION(EngineError, GitEngine::load(videoDir(), o));
        o.dtype = "float32";
        o.device = "tpu";
        QVERIFY_THROWS_EXCEPTION(EngineError, GitEngine::load(videoDir(), o));
    }

    void contextFromAnotherEngineIsRefused()
    {
        EngineOptions o = cpu();
        o.dtype = "bfloat16";
        auto other = GitEngine::load(videoDir(), o);
        const auto ctx = other->encode(goldenPixels());
        QVERIFY_THROWS_EXCEPTION(EngineError, m_engine->generate(*ctx, kQuestion1));
    }

private:
    std::unique_ptr<GitEngine> m_engine;
};

GITVQA_REFERENCE_TEST_MAIN(TestEngineGeneration)
#include "test_engine_generation.moc"
