// Broken and hostile checkpoints: each gives a clear EngineError naming the problem, never a crash or a hang.

#include "checkpoint_fixture.h"
#include "reference_data.h"

#include "engine/engine_error.h"
#include "engine/git_config.h"
#include "engine/git_engine.h"

#include <QJsonArray>
#include <QtTest>

#include <cstring>

using namespace gitvqa;
using gitvqa::testing::CheckpointCopy;

namespace {

// Loads `dir` and returns the error text, or "" when it loaded.
QString loadError(const CheckpointCopy& copy)
{
    try {
        EngineOptions o;
        o.device = "cpu";
        GitEngine::load(copy.dirStd(), o);
    } catch (const EngineError& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

QByteArray headerBytes(const QByteArray& json)
{
    QByteArray out(8, '\0');
    const quint64 n = static_cast<quint64>(json.size());
    for (int i = 0; i < 8; ++i)
        out[i] = static_cast<char>((n >> (8 * i)) & 0xff);
    return out + json;
}

// Replaces model.safetensors with a hand-made file: header JSON + `data` bytes.
void writeRawSafetensors(const CheckpointCopy& copy, const QByteArray& json, const QByteArray& data)
{
    copy.writeFile(QStringLiteral("model.safetensors"), headerBytes(json) + data);
}

#define EXPECT_LOAD_ERROR(copy, needle)                                                                              \
    do {                                                                                                             \
        const QString err = loadError(copy);                                                                         \
        qInfo("  -> %s", qPrintable(err));                                                                           \
        QVERIFY2(!err.isEmpty(), "the broken checkpoint loaded");                                                    \
        QVERIFY2(err.contains(QStringLiteral(needle), Qt::CaseInsensitive), qPrintable(err));                        \
    } while (0)

} // namespace

class TestCheckpointErrors : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void truncatedFile()
    {
        CheckpointCopy copy(QStringLiteral("tiny-git-video"));
        const QByteArray bytes = copy.readFile(QStringLiteral("model.safetensors"));
        copy.writeFile(QStringLiteral("model.safetensors"), bytes.left(bytes.size() / 2));
        EXPECT_LOAD_ERROR(copy, "outside");
    }

    void headerLengthPastEnd()
    {
        CheckpointCopy copy(QStringLiteral("tiny-git-video"));
        QByteArray bytes = copy.readFile(QStringLiteral("model.safetensors")).left(64);
        bytes[6] = '\x7f';
        copy.writeFile(QStringLiteral("model.safetensors"), bytes);
        EXPECT_LOAD_ERROR(copy, "truncated");
        copy.writeFile(QStringLiteral("model.safetensors"), QByteArray("abc"));
        EXPECT_LOAD_ERROR(copy, "shorter than");
    }

    void badJson()
    {
        CheckpointCopy copy(QStringLiteral("tiny-git-video"));
        writeRawSafetensors(copy, "{\"a\": {\"dtype\": \"F32\", \"shape\": [1], ", QByteArray(4, '\0'));
        EXPECT_LOAD_ERROR(copy, "not valid JSON");
        writeRawSafetensors(copy, "[1, 2, 3]", {});
        EXPECT_LOAD_ERROR(copy, "not a JSON object");
    }

    void overlappingOffsets()
    {
        CheckpointCopy copy(QStringLiteral("tiny-git-video"));
        writeRawSafetensors(copy,
                            R"({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                                "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}})",
                            QByteArray(12, '\0'));
        EXPECT_LOAD_ERROR(copy, "overlap");
    }

    void wrongDtypeAndSize()
    {
        CheckpointCopy copy(QStringLiteral("tiny-git-video"));
        writeRawSafetensors(copy, R"({"a": {"dtype": "F33", "shape": [2], "data_offsets": [0, 8]}})", QByteArray(8, '\0'));
        EXPECT_LOAD_ERROR(copy, "unsupported dtype");
        writeRawSafetensors(copy, R"({"a": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}})", QByteArray(8, '\0'));
        EXPECT_LOAD_ERROR(copy, "needs 12");
        writeRawSafetensors(copy, R"({"a": {"dtype": "F32", "shape": [-2], "data_offsets": [0, 8]}})", QByteArray(8, '\0'));
        EXPECT_LOAD_ERROR(copy, "malformed shape");
        writeRawSafetensors(copy, R"({"a": {"dtype": "F32", "shape": [4294967296, 4294967296, 16], "data_offsets": [0, 8]}})",
                            QByteArray(8, '\0'));
        EXPECT_LOAD_ERROR(copy, "too large");
        writeRawSafetensors(copy, R"({"a": {"dtype": "F32", "shape": [2], "data_offsets": [8, 0]}})", QByteArray(8, '\0'));
        EXPECT_LOAD_ERROR(copy, "outside");
    }

    // A real weight file whose tensor disagrees with config.json.
    void shapeMismatch()
    {
        CheckpointCopy copy(QStringLiteral("tiny-git-video"));
        TensorMap w = copy.readWeights();
        w["git.encoder.layer.1.intermediate.dense.weight"] = torch::zeros({65, 32});
        copy.writeWeights(w);
        EXPECT_LOAD_ERROR(copy, "git.encoder.layer.1.intermediate.dense.weight");
        EXPECT_LOAD_ERROR(copy, "[65, 32]");
    }

    void wrongTensorDtype()
    {
        CheckpointCopy copy(QStringLiteral("tiny-git-video"));
        TensorMap w = copy.readWeights();
        w["git.embeddings.LayerNorm.weight"] = torch::zeros({32}, torch::kLong);
        copy.writeWeights(w);
        EXPECT_LOAD_ERROR(copy, "non-float dtype");
    }

    void missingTensor()
    {
        CheckpointCopy copy(QStringLiteral("tiny-git-video"));
        TensorMap w = copy.readWeights();
        w.erase("output.bias");
        w.erase("git.img_temporal_embedding.5");
        copy.writeWeights(w);
        EXPECT_LOAD_ERROR(copy, "missing 2 tensor(s)");
        EXPECT_LOAD_ERROR(copy, "git.img_temporal_embedding.5");
    }

    void halfPrecisionWeightsLoad()
    {
        CheckpointCopy copy(QStringLiteral("tiny-git-video"));
        TensorMap w = copy.readWeights();
        for (auto& [k, v] : w)
            v = v.to(k.find("encoder.layer.0") != std::string::npos ? torch::kHalf : torch::kBFloat16);
        copy.writeWeights(w);
        QCOMPARE(loadError(copy), QString());
    }

    void configProblems_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value"); // JSON text, or "<remove>"
        QTest::addColumn<QString>("needle");
        QTest::newRow("missing hidden_size") << "hidden_size" << "<remove>" << "'hidden_size' is missing";
        QTest::newRow("missing vocab_size") << "vocab_size" << "<remove>" << "'vocab_size' is missing";
        QTest::newRow("missing model_type") << "model_type" << "<remove>" << "model_type";
        QTest::newRow("other model_type") << "model_type" << "\"bert\"" << "GIT checkpoints";
        QTest::newRow("relative positions") << "position_embedding_type" << "\"relative_key\"" << "position_embedding_type";
        QTest::newRow("unknown activation") << "hidden_act" << "\"mish2\"" << "hidden_act";
        QTest::newRow("string size") << "num_hidden_layers" << "\"two\"" << "must be an integer";
        QTest::newRow("heads do not divide") << "num_attention_heads" << "5" << "not a multiple";
        QTest::newRow("negative size") << "intermediate_size" << "-3" << "out of range";
        QTest::newRow("no vision config") << "vision_config" << "<remove>" << "vision_config";
        QTest::newRow("eps out of range") << "layer_norm_eps" << "2.5" << "layer_norm_eps";
    }
    void configProblems()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, needle);
        CheckpointCopy copy(QStringLiteral("tiny-git-video"));
        QJsonObject config = copy.readConfig();
        if (value == QLatin1String("<remove>"))
            config.remove(field);
        else
            config.insert(field, QJsonDocument::fromJson("[" + value.toUtf8() + "]").array().at(0));
        copy.writeConfig(config);
        const QString err = loadError(copy);
        qInfo("  -> %s", qPrintable(err));
        QVERIFY2(err.contains(needle), qPrintable(err));
    }

    void visionPatchMismatch()
    {
        CheckpointCopy copy(QStringLiteral("tiny-git-video"));
        QJsonObject config = copy.readConfig();
        QJsonObject vision = config.value(QStringLiteral("vision_config")).toObject();
        vision.insert(QStringLiteral("patch_size"), 16); // the weights were made with patch 32
        config.insert(QStringLiteral("vision_config"), vision);
        copy.writeConfig(config);
        EXPECT_LOAD_ERROR(copy, "patch_embedding");
    }

    void folderProblems()
    {
        CheckpointCopy copy(QStringLiteral("tiny-git-video"));
        QFile::remove(copy.path(QStringLiteral("model.safetensors")));
        EXPECT_LOAD_ERROR(copy, "No weights");
        copy.writeFile(QStringLiteral("config.json"), "{ not json");
        EXPECT_LOAD_ERROR(copy, "not valid JSON");
        QFile::remove(copy.path(QStringLiteral("config.json")));
        EXPECT_LOAD_ERROR(copy, "No config.json");
    }

    void shardIndexCannotEscapeFolder()
    {
        CheckpointCopy copy(QStringLiteral("tiny-git-video"));
        QFile::remove(copy.path(QStringLiteral("model.safetensors")));
        copy.writeFile(QStringLiteral("model.safetensors.index.json"),
                       R"({"weight_map": {"output.bias": "../../etc/passwd"}})");
        EXPECT_LOAD_ERROR(copy, "not a plain file name");
        copy.writeFile(QStringLiteral("model.safetensors.index.json"), R"({"weight_map": {"output.bias": "shard-1.safetensors"}})");
        EXPECT_LOAD_ERROR(copy, "is missing");
    }

    void garbageBin()
    {
        CheckpointCopy copy(QStringLiteral("tiny-git-image"), {QStringLiteral("model.safetensors")});
        copy.writeFile(QStringLiteral("pytorch_model.bin"), QByteArray("this is not a zip file at all"));
        const QString err = loadError(copy);
        qInfo("  -> %s", qPrintable(err));
        QVERIFY(!err.isEmpty());
        QVERIFY(err.contains(QStringLiteral("pytorch_model.bin")));
    }

    // Random bytes after a valid-looking header length never crash the reader.
    void fuzzedHeaders()
    {
        CheckpointCopy copy(QStringLiteral("tiny-git-video"));
        const QByteArray original = copy.readFile(QStringLiteral("model.safetensors"));
        std::srand(42);
        int refused = 0;
        for (int i = 0; i < 200; ++i) {
            QByteArray mutated = original.left(8 + 2048);
            for (int j = 0; j < 4; ++j)
                mutated[8 + std::rand() % 2048] = static_cast<char>(std::rand() % 256);
            copy.writeFile(QStringLiteral("model.safetensors"), mutated);
            refused += loadError(copy).isEmpty() ? 0 : 1;
        }
        QCOMPARE(refused, 200); // truncated to 2 KiB: every variant must be refused, none may crash
    }
};

GITVQA_REFERENCE_TEST_MAIN(TestCheckpointErrors)
#include "test_checkpoint_errors.moc"
