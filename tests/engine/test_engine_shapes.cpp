// Every GIT checkpoint family in the catalogue has its own shape (git-large: 1024-wide vision, patch 14, 24 layers;
// the VQA ones: 480 px images; video ones: 6 frames). Nothing may be hard-coded to git-base: build small models of
// each family's proportions from config JSON alone and run them end to end.

#include "engine/engine_error.h"
#include "engine/git_engine.h"
#include "engine/git_weights.h"

#include <QtTest>

using namespace gitvqa;

namespace {

std::string configJson(int hidden, int heads, int layers, int inter, int vHidden, int vHeads, int vLayers, int patch,
                       int image, const char* frames, const char* act = "gelu")
{
    char buf[1024];
    std::snprintf(buf, sizeof buf,
                  R"({"model_type": "git", "vocab_size": 300, "hidden_size": %d, "num_attention_heads": %d,
                      "num_hidden_layers": %d, "intermediate_size": %d, "max_position_embeddings": 64,
                      "hidden_act": "%s", "num_image_with_embedding": %s, "bos_token_id": 101, "eos_token_id": 102,
                      "pad_token_id": 0,
                      "vision_config": {"hidden_size": %d, "num_attention_heads": %d, "num_hidden_layers": %d,
                                        "intermediate_size": %d, "patch_size": %d, "image_size": %d}})",
                  hidden, heads, layers, inter, act, frames, vHidden, vHeads, vLayers, vHidden * 2, patch, image);
    return buf;
}

} // namespace

class TestEngineShapes : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void familiesRun_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<int>("frames");
        QTest::addColumn<int>("tokensPerImage");
        // git-base-msrvtt-qa / vatex proportions: patch 16, 6 frames
        QTest::newRow("base video") << QString::fromStdString(configJson(48, 4, 2, 96, 32, 4, 2, 16, 64, "6")) << 6 << 17;
        // git-large: wider vision than text, patch 14, no frames
        QTest::newRow("large image") << QString::fromStdString(configJson(48, 4, 2, 96, 64, 8, 3, 14, 56, "null")) << 1 << 17;
        // git-large-msrvtt-qa: large vision, 6 frames
        QTest::newRow("large video") << QString::fromStdString(configJson(48, 4, 2, 96, 64, 8, 2, 14, 42, "6")) << 6 << 10;
        // git-base-vqav2/textvqa: 480 px over patch 16 (scaled down: 30 patches a side would be slow here)
        QTest::newRow("vqa 480-style") << QString::fromStdString(configJson(32, 2, 1, 64, 32, 2, 1, 16, 160, "null", "gelu_new")) << 1 << 101;
    }
    void familiesRun()
    {
        QFETCH(QString, json);
        QFETCH(int, frames);
        QFETCH(int, tokensPerImage);
        const GitConfig c = GitConfig::fromJsonText(json.toStdString(), "test config");
        QCOMPARE(c.framesPerInput(), frames);
        QCOMPARE(c.vision.tokensPerImage(), tokensPerImage);
        auto engine = GitEngine::fromTensors(c, randomGitTensors(c, 7), EngineOptions{"cpu", "float32", 0});
        const auto ctx = engine->encode(torch::randn({frames, 3, c.vision.imageSize, c.vision.imageSize}));
        QCOMPARE(ctx->imageTokens(), static_cast<std::int64_t>(frames * tokensPerImage));
        QCOMPARE(ctx->projectedFeatures.size(1), static_cast<std::int64_t>(c.hiddenSize));
        GenerationOptions g;
        g.maxNewTokens = 5;
        g.minNewTokens = 5;
        const auto r = engine->generate(*ctx, {101, 5, 6}, g);
        QCOMPARE(r.newTokens.size(), std::size_t(5));
        // The cached decode agrees with a full forward pass over the whole text.
        const torch::Tensor full = engine->promptLogits(*ctx, std::vector<std::int64_t>(r.sequence.begin(), r.sequence.end() - 1));
        QCOMPARE(full[-1].argmax().item<std::int64_t>(), r.sequence.back());
        GenerationOptions beams = g;
        beams.numBeams = 2;
        QCOMPARE(engine->generate(*ctx, {101, 5, 6}, beams).newTokens.size(), std::size_t(5));
    }

    void imageSizeNotMultipleOfPatchIsRefused()
    {
        QVERIFY_THROWS_EXCEPTION(EngineError, GitConfig::fromJsonText(configJson(48, 4, 2, 96, 32, 4, 2, 14, 50, "null"), "t"));
    }
};

QTEST_GUILESS_MAIN(TestEngineShapes)
#include "test_engine_shapes.moc"
