// The fused CPU paths of issue 14 against libtorch's own operators: the one-parallel-region decode step
// (one_row_step.h) against TextDecoder's operator-by-operator step, for every activation GIT configs name, head
// sizes and image-token counts that are not multiples of eight, every weight storage and several thread counts;
// the attention by row blocks (cpu_attention.h) against matmul → softmax → matmul; and the spin-then-sleep barrier
// with real threads.
//
// Tolerances: a float32 logit of this depth is within 1e-4 of max |logit| of another evaluation order (the same
// target the parity data's README sets against transformers, ../shared/reference/README.md); one attention output
// is a softmax-weighted average, within 2·N·u·Σ p|v| of the exact one plus the softmax's own few-ulp error.

#include "engine/cpu_attention.h"
#include "engine/git_weights.h"
#include "engine/one_row_step.h"
#include "engine/team_barrier.h"
#include "engine/text_decoder.h"

#include <QtTest>

#include <ATen/Parallel.h>

#include <atomic>
#include <cstdlib>
#include <thread>

using namespace gitvqa;

namespace {

constexpr double kUnit = 1.0 / (1 << 24);

GitConfig smallConfig(int hidden, int heads, int layers, const char* act)
{
    char buf[1024];
    std::snprintf(buf, sizeof buf,
                  R"({"model_type": "git", "vocab_size": 301, "hidden_size": %d, "num_attention_heads": %d,
                      "num_hidden_layers": %d, "intermediate_size": %d, "max_position_embeddings": 40,
                      "hidden_act": "%s", "num_image_with_embedding": 2, "bos_token_id": 101, "eos_token_id": 102,
                      "pad_token_id": 0,
                      "vision_config": {"hidden_size": 32, "num_attention_heads": 2, "num_hidden_layers": 1,
                                        "intermediate_size": 64, "patch_size": 16, "image_size": 64}})",
                  hidden, heads, layers, hidden * 3 + 5, act);
    return GitConfig::fromJsonText(buf, "test config");
}

void useFusedStep(bool on) { ::setenv("GITVQA_FUSED_STEP", on ? "1" : "0", 1); }

double maxAbs(const torch::Tensor& t) { return t.abs().max().item<double>(); }

} // namespace

class TestFusedStep : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        torch::manual_seed(11);
        if (!oneRowStepAvailable())
            qInfo("no vector kernels here: the decode step runs through libtorch; only the block attention is tested");
    }

    void cleanup()
    {
        ::unsetenv("GITVQA_FUSED_STEP");
        ::unsetenv("GITVQA_ATTENTION_BLOCK_ROWS");
    }

    void stepMatchesTheOperatorPath_data()
    {
        QTest::addColumn<int>("hidden");
        QTest::addColumn<int>("heads");
        QTest::addColumn<QString>("act");
        QTest::addColumn<QString>("storage");
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("imageTokens");
        QTest::newRow("gelu f32 2 threads") << 64 << 4 << "gelu" << "float32" << 2 << 37;
        QTest::newRow("gelu_new, hd 12, 3 threads") << 36 << 3 << "gelu_new" << "float32" << 3 << 19;
        QTest::newRow("quick_gelu 1 thread") << 48 << 4 << "quick_gelu" << "float32" << 1 << 8;
        QTest::newRow("relu, more threads than heads") << 40 << 2 << "relu" << "float32" << 5 << 23;
        QTest::newRow("silu int8") << 64 << 8 << "silu" << "int8" << 2 << 41;
        QTest::newRow("gelu bf16") << 72 << 6 << "gelu" << "bf16" << 2 << 50;
    }

    void stepMatchesTheOperatorPath()
    {
        QFETCH(int, hidden);
        QFETCH(int, heads);
        QFETCH(QString, act);
        QFETCH(QString, storage);
        QFETCH(int, threads);
        QFETCH(int, imageTokens);
        if (!oneRowStepAvailable())
            QSKIP("the fused step needs AVX2 and FMA");
        const GitConfig c = smallConfig(hidden, heads, 3, act.toStdString().c_str());
        TensorMap tensors = randomGitTensors(c, 5);
        // Non-trivial norms and biases, so a slip in either shows.
        for (auto& [name, t] : tensors)
            if (name.find("LayerNorm") != std::string::npos)
                t = t + torch::randn(t.sizes()) * 0.1;
        GitWeights w = GitWeights::bind(c, tensors, torch::kCPU, torch::kFloat);
        reduceDecoderWeights(w, storage.toStdString(), torch::kCPU, torch::kFloat);
        const TextDecoder decoder(c, w);
        VisualContext ctx;
        ctx.projectedFeatures = torch::randn({imageTokens, hidden});
        decoder.buildImageKeyValues(ctx);

        const int before = at::get_num_threads();
        at::set_num_threads(threads);
        const auto options = torch::TensorOptions().dtype(torch::kFloat);
        TextCache fused(c, 1, 20, options), reference(c, 1, 20, options);
        const torch::Tensor prompt = torch::tensor({101, 7, 250, 9}, torch::kLong).view({1, -1});
        decoder.forward(ctx, fused, prompt);
        decoder.forward(ctx, reference, prompt);
        std::int64_t next = 33;
        for (int step = 0; step < 8; ++step) {
            const torch::Tensor id = torch::full({1, 1}, next, torch::kLong);
            useFusedStep(true);
            const torch::Tensor mine = decoder.nextLogits(ctx, fused, id);
            useFusedStep(false);
            const torch::Tensor expected = decoder.nextLogits(ctx, reference, id);
            QCOMPARE(mine.sizes(), expected.sizes());
            QCOMPARE(fused.length(), reference.length());
            const double delta = maxAbs(mine - expected);
            QVERIFY2(delta <= 1e-4 * maxAbs(expected), qPrintable(QStringLiteral("step %1: max |Δ| %2 of %3")
                                                                  .arg(step).arg(delta).arg(maxAbs(expected))));
            next = expected.argmax().item<std::int64_t>();
        }
        // A one-token prompt goes through the fused step from position 0.
        TextCache first(c, 1, 4, options), firstReference(c, 1, 4, options);
        useFusedStep(true);
        const torch::Tensor a = decoder.nextLogits(ctx, first, torch::full({1, 1}, 101, torch::kLong));
        useFusedStep(false);
        const torch::Tensor b = decoder.nextLogits(ctx, firstReference, torch::full({1, 1}, 101, torch::kLong));
        QVERIFY(maxAbs(a - b) <= 1e-4 * maxAbs(b));
        at::set_num_threads(before);
    }

    void stepRefusesTokensOutsideTheVocabularyAndAFullCache()
    {
        if (!oneRowStepAvailable())
            QSKIP("the fused step needs AVX2 and FMA");
        const GitConfig c = smallConfig(32, 2, 1, "gelu");
        TensorMap tensors = randomGitTensors(c, 3);
        GitWeights w = GitWeights::bind(c, tensors, torch::kCPU, torch::kFloat);
        const TextDecoder decoder(c, w);
        VisualContext ctx;
        ctx.projectedFeatures = torch::randn({9, 32});
        decoder.buildImageKeyValues(ctx);
        TextCache cache(c, 1, 1, torch::TensorOptions().dtype(torch::kFloat));
        QVERIFY_THROWS_EXCEPTION(EngineError, decoder.nextLogits(ctx, cache, torch::full({1, 1}, 301, torch::kLong)));
        decoder.nextLogits(ctx, cache, torch::full({1, 1}, 5, torch::kLong));
        QVERIFY_THROWS_EXCEPTION(EngineError, decoder.nextLogits(ctx, cache, torch::full({1, 1}, 5, torch::kLong)));
        QCOMPARE(cache.length(), 1);
    }

    void blockAttentionMatchesMatmulSoftmaxMatmul_data()
    {
        QTest::addColumn<int>("batch");
        QTest::addColumn<int>("heads");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("headDim");
        QTest::addColumn<QString>("blockRows");
        QTest::newRow("ViT frames") << 3 << 4 << 197 << 64 << "";
        QTest::newRow("image tokens, ragged blocks") << 1 << 3 << 301 << 40 << "7";
        QTest::newRow("odd head size") << 2 << 2 << 45 << 13 << "16";
    }

    void blockAttentionMatchesMatmulSoftmaxMatmul()
    {
        QFETCH(int, batch);
        QFETCH(int, heads);
        QFETCH(int, rows);
        QFETCH(int, headDim);
        QFETCH(QString, blockRows);
        if (!blockRows.isEmpty())
            ::setenv("GITVQA_ATTENTION_BLOCK_ROWS", blockRows.toLatin1().constData(), 1);
        // As the callers pass them: [B, N, H, hd] activations viewed as [B, H, N, hd].
        auto make = [&] { return (torch::randn({batch, rows, heads, headDim}) * 2).transpose(1, 2); };
        const torch::Tensor q = make(), k = make(), v = make();
        const double factor = 1.0 / std::sqrt(double(headDim));
        const torch::Tensor out = attentionByRowBlocks(q, k, v, factor);
        const torch::Tensor probs = torch::softmax(torch::matmul(q, k.transpose(-1, -2)) * factor, -1);
        const torch::Tensor expected = torch::matmul(probs, v).transpose(1, 2).reshape({batch, rows, heads * headDim});
        QCOMPARE(out.sizes(), expected.sizes());
        QVERIFY(out.is_contiguous());
        // Rounding of both orders of the products and a few-ulp exp and softmax: (2N + 16)·u of the weighted
        // average of |v|; and each row's score error (2·hd·u·|q|·|k|·factor, both orders) moves its probabilities
        // by at most four times the largest one, relatively.
        const torch::Tensor scoreError = torch::matmul(q.abs(), k.abs().transpose(-1, -2)) * (factor * 4 * headDim * kUnit);
        const torch::Tensor relative = scoreError.amax(-1, true) * 4 + (2.0 * rows + 16) * kUnit;
        const torch::Tensor bound = (torch::matmul(probs, v.abs()) * relative).transpose(1, 2)
                                        .reshape({batch, rows, heads * headDim}) + 1e-30;
        QVERIFY2(((out - expected).abs() <= bound).all().item<bool>(),
                 qPrintable(QStringLiteral("max |Δ| %1").arg(maxAbs(out - expected))));
    }

    void barrierHoldsEveryThreadUntilAllArrive()
    {
        constexpr int team = 4, phases = 20000;
        TeamBarrier barrier;
        std::atomic<int> slot[team];
        for (auto& s : slot)
            s = -1;
        std::atomic<int> violations{0};
        std::vector<std::thread> threads;
        for (int id = 0; id < team; ++id) {
            threads.emplace_back([&, id] {
                for (int phase = 0; phase < phases; ++phase) {
                    slot[id].store(phase, std::memory_order_relaxed);
                    // Now and then one thread is late by far more than the spin, so the others sleep in the futex.
                    if (phase % 2000 == id)
                        std::this_thread::sleep_for(std::chrono::milliseconds(2));
                    barrier.arriveAndWait(team);
                    for (auto& s : slot)
                        if (s.load(std::memory_order_relaxed) < phase)
                            ++violations;
                    barrier.arriveAndWait(team);
                }
            });
        }
        for (auto& t : threads)
            t.join();
        QCOMPARE(violations.load(), 0);
        for (auto& s : slot)
            QCOMPARE(s.load(), phases - 1);
    }
};

QTEST_GUILESS_MAIN(TestFusedStep)
#include "test_fused_step.moc"
