// The CPU kernels of issue 14 against libtorch's own products, on shapes with ragged tails (rows not a multiple of
// four, lengths not a multiple of eight), for float32, bfloat16 and int8 storage; the block cache's reuse; the
// reduced weight storage of the decoder. ctest runs this suite twice: once with the vector kernels this CPU allows,
// once with GITVQA_CPU_KERNELS=plain, so both versions are proven on every machine.
//
// Tolerances come from float32's unit roundoff u = 2^-24: a dot product of K terms in any order is within
// K·u·Σ|w·x| of the exact one (Higham, Accuracy and Stability of Numerical Algorithms, §3.1), so two orders differ
// by at most twice that.

#include "engine/cpu_block_cache.h"
#include "engine/cpu_kernels.h"
#include "engine/engine_error.h"
#include "engine/git_weights.h"
#include "engine/machine_floors.h"

#include <QtTest>

using namespace gitvqa;

namespace {

constexpr double kUnit = 1.0 / (1 << 24);

// Each row's allowed |Δ|: 2·K·u·Σ|w||x| (plus a denormal-sized floor).
torch::Tensor dotBound(const torch::Tensor& w, const torch::Tensor& x)
{
    return torch::mv(w.abs(), x.abs()) * (2.0 * double(w.size(1)) * kUnit) + 1e-30;
}

bool within(const torch::Tensor& actual, const torch::Tensor& expected, const torch::Tensor& bound)
{
    return ((actual - expected).abs() <= bound).all().item<bool>();
}

Linear randomLinear(std::int64_t out, std::int64_t in)
{
    return {torch::randn({out, in}) * 0.05, torch::randn({out}) * 0.1};
}

} // namespace

class TestCpuKernels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        torch::manual_seed(7);
        qInfo("vector kernels: %s", vectorKernelsAvailable() ? "yes" : "no (plain C++)");
    }

    void float32RowsTimesVectorMatchesAddmv()
    {
        for (const auto& [n, k] : {std::pair<int, int>{1001, 771}, {3, 5}, {4096, 768}, {1, 1}}) {
            const torch::Tensor w = torch::randn({n, k});
            const torch::Tensor x = torch::randn({k});
            const torch::Tensor b = torch::randn({n});
            const torch::Tensor mine = rowsTimesVector(w, {}, x, b);
            const torch::Tensor reference = torch::addmv(b, w, x);
            QVERIFY2(within(mine, reference, dotBound(w, x) + b.abs() * kUnit * 2), qPrintable(QString::number(n)));
            // Without a bias.
            QVERIFY(within(rowsTimesVector(w, {}, x, {}), torch::mv(w, x), dotBound(w, x)));
            // A few rows at once (a prompt): row r of the result is W · x_r.
            const torch::Tensor xs = torch::randn({3, k});
            const torch::Tensor ys = rowsTimesVector(w, {}, xs, b);
            QCOMPARE(ys.sizes(), (std::vector<std::int64_t>{3, n}));
            for (int r = 0; r < 3; ++r)
                QVERIFY(within(ys[r], torch::addmv(b, w, xs[r]), dotBound(w, xs[r]) + b.abs() * kUnit * 2));
        }
    }

    void bfloat16StorageIsWidenedExactly()
    {
        const torch::Tensor w = torch::randn({517, 300});
        const torch::Tensor x = torch::randn({300});
        const torch::Tensor stored = w.to(torch::kBFloat16);
        const torch::Tensor widened = stored.to(torch::kFloat);   // exact: bfloat16 is float32's top half
        QVERIFY(within(rowsTimesVector(stored, {}, x, {}), torch::mv(widened, x), dotBound(widened, x)));
    }

    void int8StorageAppliesEachRowsScale()
    {
        const std::int64_t n = 259, k = 130;
        const torch::Tensor q = torch::randint(-127, 128, {n, k}).to(torch::kChar);
        const torch::Tensor scales = torch::rand({n}) * 0.01 + 1e-4;
        const torch::Tensor x = torch::randn({k});
        const torch::Tensor b = torch::randn({n});
        const torch::Tensor dequantized = q.to(torch::kFloat) * scales.unsqueeze(1);
        const torch::Tensor mine = rowsTimesVector(q, scales, x, b);
        QVERIFY(within(mine, torch::addmv(b, dequantized, x), dotBound(dequantized, x) * 2 + b.abs() * kUnit * 2));
        bool threw = false;
        try {
            rowsTimesVector(q, {}, x, b);
        } catch (const EngineError&) {
            threw = true;
        }
        QVERIFY2(threw, "int8 weights without scales must be refused, not read as unscaled");
    }

    void oneRowAttentionMatchesMatmul_data()
    {
        QTest::addColumn<int>("queryRows");
        QTest::newRow("a decode step") << 1;
        QTest::newRow("a prompt") << 7;
    }

    void oneRowAttentionMatchesMatmul()
    {
        QFETCH(int, queryRows);
        const std::int64_t heads = 5, rows = 203, hd = 40;
        const torch::Tensor keys = torch::randn({heads, rows, hd});
        const torch::Tensor values = torch::randn({heads, rows, hd});
        const torch::Tensor q = torch::randn({heads, queryRows, hd});
        const double scale = std::sqrt(double(hd));
        const torch::Tensor scores = oneRowScores(keys, q, scale);
        const torch::Tensor reference = torch::matmul(q, keys.transpose(-1, -2)) / scale;
        const torch::Tensor bound = torch::matmul(q.abs(), keys.abs().transpose(-1, -2)) * (2 * hd * kUnit) / scale + 1e-30;
        QCOMPARE(scores.sizes(), reference.sizes());
        QVERIFY(within(scores, reference, bound));
        // Probabilities as the decoder passes them: a narrowed view of a wider row (image part of image + text).
        const torch::Tensor wide = torch::softmax(torch::randn({heads, queryRows, rows + 9}), -1);
        const torch::Tensor probs = wide.narrow(-1, 0, rows);
        const torch::Tensor out = oneRowValues(values, probs);
        const torch::Tensor expected = torch::matmul(probs, values);
        const torch::Tensor valueBound = torch::matmul(probs.abs(), values.abs()) * (2 * rows * kUnit) + 1e-30;
        QCOMPARE(out.sizes(), expected.sizes());
        QVERIFY(within(out, expected, valueBound));
    }

    void blockCacheReusesAFreedBlock()
    {
        installCpuBlockCache();
        if (!cpuBlockCacheInstalled())
            QSKIP("GITVQA_CPU_BLOCK_CACHE=0 in the environment");
        const CpuBlockCacheStats before = cpuBlockCacheStats();
        void* first = nullptr;
        {
            torch::Tensor t = torch::empty({3 << 20}, torch::kFloat);   // 12 MB
            first = t.data_ptr();
            t.fill_(1.5f);
        }
        torch::Tensor again = torch::full({3 << 20}, 2.5f);
        QCOMPARE(again.data_ptr(), first);
        QCOMPARE(cpuBlockCacheStats().reused, before.reused + 1);
        QCOMPARE(again.sum().item<double>(), 2.5 * (3 << 20));   // what the new owner wrote, nothing of the old
        // Small tensors stay with libtorch's own allocator.
        const torch::Tensor small = torch::ones({100});
        QCOMPARE(small.sum().item<float>(), 100.0f);
        trimCpuBlockCache();
        QCOMPARE(cpuBlockCacheStats().cachedBytes, std::size_t(0));
    }

    void reducedDecoderWeightsStayCloseAndConsistent()
    {
        for (const std::string storage : {"int8", "bf16"}) {
            GitWeights w;
            TextLayer l;
            l.attentionSelfQuery = randomLinear(48, 48);
            l.attentionSelfKey = randomLinear(48, 48);
            l.attentionSelfValue = randomLinear(48, 48);
            l.attentionOutputDense = randomLinear(48, 48);
            l.intermediateDense = randomLinear(100, 48);
            l.outputDense = randomLinear(48, 100);
            stackQueryKeyValue(l);
            const torch::Tensor keyBefore = l.attentionSelfKey.weight.clone();
            w.layers.push_back(l);
            w.output = randomLinear(333, 48);
            const torch::Tensor headBefore = w.output.weight.clone();
            reduceDecoderWeights(w, storage, torch::kCPU, torch::kFloat);
            const Linear& key = w.layers[0].attentionSelfKey;
            QVERIFY(!key.weight.defined());
            QCOMPARE(key.stored.size(0), 48);
            // Rounding error of the storage: half a step of each row's int8 scale, or bfloat16's 2^-8 relative.
            const torch::Tensor error = (key.fullWeight() - keyBefore).abs();
            const torch::Tensor allowed = storage == "int8"
                ? (keyBefore.abs().amax(1, true) / 127.0 * 0.5 + 1e-7).expand_as(error)
                : keyBefore.abs() * (1.0 / 256) + 1e-30;
            QVERIFY2((error <= allowed).all().item<bool>(), storage.c_str());
            // A decode step (one row, the stored bytes) and many rows (dequantized for one GEMM) compute the same.
            const torch::Tensor x = torch::randn({40, 48});
            const torch::Tensor many = w.output(x);
            const torch::Tensor full = w.output.fullWeight();
            for (int r = 0; r < 40; r += 13) {
                const torch::Tensor one = w.output(x[r].view({1, 1, 48})).view({-1});
                QVERIFY(within(one, many[r], dotBound(full, x[r]) * 2 + w.output.bias.abs() * kUnit * 4));
            }
            QVERIFY(((full - headBefore).abs() <= headBefore.abs().amax() / 64).all().item<bool>());
        }
    }

    void reducedStorageIsRefusedWhereItDoesNotApply()
    {
        GitWeights w;
        w.output = randomLinear(8, 8);
        for (const auto& [storage, dtype] : {std::pair<std::string, torch::ScalarType>{"int4", torch::kFloat},
                                             {"int8", torch::kBFloat16}}) {
            bool threw = false;
            try {
                reduceDecoderWeights(w, storage, torch::kCPU, dtype);
            } catch (const EngineError& e) {
                threw = true;
                qInfo("%s", e.what());
            }
            QVERIFY2(threw, storage.c_str());
        }
        reduceDecoderWeights(w, "float32", torch::kCPU, torch::kFloat);   // the default changes nothing
        QVERIFY(w.output.weight.defined());
    }

    void coldQuestionArithmetic()
    {
        // git-base-msrvtt-qa, 6 frames, 7-token prompt: the "about 340 GFLOP" for vision + image K/V.
        const double gflop = coldQuestionGflop(GitConfig::gitBaseVideo(), 7);
        QVERIFY2(gflop > 300 && gflop < 345, qPrintable(QString::number(gflop)));
        // Twice the frames: more than twice the work (attention over the image tokens is quadratic).
        GitConfig twelve = GitConfig::gitBaseVideo();
        twelve.numImageWithEmbedding = 12;
        QVERIFY(coldQuestionGflop(twelve, 7) > 2 * gflop);
    }
};

QTEST_GUILESS_MAIN(TestCpuKernels)
#include "test_cpu_kernels.moc"
