// Describing a checkpoint folder without any network, on folders built in a QTemporaryDir (model_folders.h):
// kind, frames, image size, precision (config or safetensors header), weights format, what is missing, broken files
// reported as problems (never crashes), sharded weights, the gitvqa marker, and the tiny reference checkpoints.

#include "model_folders.h"

#include "models/model_inspector.h"
#include "reference_data.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace gitvqa;
using namespace gitvqa::testing;

class TestModelInspect : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { clearModelEnvironment(); }

    void completeVideoModel()
    {
        QTemporaryDir tmp;
        makeModel(tmp.path() + "/m");
        const ModelInfo info = inspectModelFolder(tmp.path() + "/m");
        QVERIFY2(info.isUsable(), qPrintable(info.statusText()));
        QCOMPARE(info.kind, ModelKind::Video);
        QCOMPARE(info.frames, 6);
        QCOMPARE(info.imageSize, 224);
        QCOMPARE(info.precision, QStringLiteral("float32"));
        QCOMPARE(info.weightsFormat, QStringLiteral("safetensors"));
        QCOMPARE(info.statusText(), QStringLiteral("ready"));
        QCOMPARE(info.kindText(), QStringLiteral("video, 6 frames"));
        qint64 expected = 0;
        for (const QFileInfo& f : QDir(tmp.path() + "/m").entryInfoList(QDir::Files))
            expected += f.size();
        QCOMPARE(info.sizeOnDisk, expected);
        QVERIFY(info.repoId.isEmpty());
        QCOMPARE(info.displayName(), QStringLiteral("m"));
    }

    void singleImageModel()
    {
        QTemporaryDir tmp;
        makeModel(tmp.path(), QJsonValue::Null, 480);
        const ModelInfo info = inspectModelFolder(tmp.path());
        QVERIFY2(info.isUsable(), qPrintable(info.statusText()));
        QCOMPARE(info.kind, ModelKind::Image);
        QCOMPARE(info.frames, 1);
        QCOMPARE(info.imageSize, 480);
        QCOMPARE(info.kindText(), QStringLiteral("single image"));

        // No vision_config.image_size at all: GIT's default of 224.
        writeFile(tmp.path() + "/config.json", R"({"model_type": "git"})");
        const ModelInfo defaults = inspectModelFolder(tmp.path());
        QCOMPARE(defaults.imageSize, 224);
        QCOMPARE(defaults.kind, ModelKind::Image);
    }

    void precisionFromSafetensorsHeader()
    {
        QTemporaryDir tmp;
        makeModel(tmp.path());
        writeFile(tmp.path() + "/config.json", configJson(6, 224, QString()));
        // int64 position_ids say nothing about precision; the float tensors do.
        writeFile(tmp.path() + "/model.safetensors", makeSafetensors({"F16", "I64", "F16"}));
        QCOMPARE(inspectModelFolder(tmp.path()).precision, QStringLiteral("float16"));
        writeFile(tmp.path() + "/model.safetensors", makeSafetensors({"BF16", "F32"}));
        QCOMPARE(inspectModelFolder(tmp.path()).precision, QStringLiteral("bfloat16 + float32"));
        // transformers 5 writes "dtype"; it wins over the header.
        writeFile(tmp.path() + "/config.json", R"({"model_type": "git", "dtype": "float16"})");
        QCOMPARE(inspectModelFolder(tmp.path()).precision, QStringLiteral("float16"));

        QString error;
        QCOMPARE(readSafetensorsDtypes(tmp.path() + "/model.safetensors", &error),
                 (QStringList{"bfloat16", "float32"}));
        QVERIFY(error.isEmpty());
    }

    void missingTokenizerIsListed()
    {
        QTemporaryDir tmp;
        makeModel(tmp.path());
        QFile::remove(tmp.path() + "/vocab.txt");
        const ModelInfo info = inspectModelFolder(tmp.path());
        QVERIFY(!info.isUsable());
        QCOMPARE(info.missing, QStringList{QStringLiteral("tokenizer (vocab.txt or tokenizer.json)")});
        QVERIFY(info.problems.isEmpty());
        QVERIFY(info.statusText().contains("missing: tokenizer (vocab.txt or tokenizer.json)"));
        // tokenizer.json alone is enough.
        writeFile(tmp.path() + "/tokenizer.json", R"({"model": {}})");
        QVERIFY(inspectModelFolder(tmp.path()).isUsable());
    }

    void emptyFolderListsEverything()
    {
        QTemporaryDir tmp;
        const ModelInfo info = inspectModelFolder(tmp.path());
        QCOMPARE(info.missing.size(), 4);
        QVERIFY(containsText(info.missing, "config.json"));
        QVERIFY(containsText(info.missing, "model weights"));
        QVERIFY(containsText(info.missing, "tokenizer"));
        QVERIFY(containsText(info.missing, "preprocessor_config.json"));
        QCOMPARE(info.kind, ModelKind::Unknown);

        const ModelInfo nowhere = inspectModelFolder(tmp.path() + "/does-not-exist");
        QVERIFY(!nowhere.isUsable());
        QVERIFY(containsText(nowhere.problems, "does not exist"));
    }

    void malformedFilesAreProblemsNotCrashes()
    {
        QTemporaryDir tmp;
        makeModel(tmp.path());
        writeFile(tmp.path() + "/config.json", R"({"model_type": "git", "num_image_with_embedding": )");
        ModelInfo info = inspectModelFolder(tmp.path());
        QVERIFY(!info.isUsable());
        QVERIFY2(containsText(info.problems, "config.json is not valid JSON"), qPrintable(info.statusText()));
        QCOMPARE(info.kind, ModelKind::Unknown);

        for (const QByteArray& bad : {QByteArray("[1, 2, 3]"), QByteArray(""), QByteArray("\xff\xfe\x00garbage", 10)}) {
            writeFile(tmp.path() + "/config.json", bad);
            info = inspectModelFolder(tmp.path());
            QVERIFY(!info.isUsable());
            QVERIFY(containsText(info.problems, "config.json"));
        }
        writeFile(tmp.path() + "/config.json", R"({"model_type": "git", "num_image_with_embedding": "six"})");
        QVERIFY(containsText(inspectModelFolder(tmp.path()).problems, "num_image_with_embedding"));

        writeFile(tmp.path() + "/config.json", configJson(6));
        writeFile(tmp.path() + "/preprocessor_config.json", "{not json");
        QVERIFY(containsText(inspectModelFolder(tmp.path()).problems, "preprocessor_config.json is not valid JSON"));
    }

    void brokenSafetensorsHeader_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("too short") << QByteArray("abc");
        QTest::newRow("huge length") << QByteArray("\xff\xff\xff\xff\xff\xff\xff\x7f{}", 10);
        QTest::newRow("length past end") << QByteArray("\x40\x00\x00\x00\x00\x00\x00\x00{}", 10);
        QTest::newRow("not json") << QByteArray("\x04\x00\x00\x00\x00\x00\x00\x00{{{{", 12);
        QTest::newRow("no dtype") << QByteArray("\x0a\x00\x00\x00\x00\x00\x00\x00{\"a\":{}}  ", 18);
    }

    void brokenSafetensorsHeader()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir tmp;
        makeModel(tmp.path());
        writeFile(tmp.path() + "/model.safetensors", content);
        const ModelInfo info = inspectModelFolder(tmp.path());
        QVERIFY(!info.isUsable());
        QVERIFY2(containsText(info.problems, "model.safetensors"), qPrintable(info.statusText()));
    }

    void shardedWeights()
    {
        QTemporaryDir tmp;
        makeModel(tmp.path());
        QFile::remove(tmp.path() + "/model.safetensors");
        writeFile(tmp.path() + "/model.safetensors.index.json",
                  R"({"weight_map": {"a": "model-00001-of-00002.safetensors",)"
                  R"( "b": "model-00002-of-00002.safetensors"}})");
        writeFile(tmp.path() + "/model-00001-of-00002.safetensors", makeSafetensors({"F16"}));
        ModelInfo info = inspectModelFolder(tmp.path());
        QVERIFY(!info.isUsable());
        QCOMPARE(info.missing,
                 QStringList{"weight shard model-00002-of-00002.safetensors (listed in model.safetensors.index.json)"});
        writeFile(tmp.path() + "/model-00002-of-00002.safetensors", makeSafetensors({"F16"}));
        info = inspectModelFolder(tmp.path());
        QVERIFY2(info.isUsable(), qPrintable(info.statusText()));
        QCOMPARE(info.weightsFormat, QStringLiteral("safetensors (2 shards)"));

        writeFile(tmp.path() + "/model.safetensors.index.json", R"({"weight_map": {"a": "../../etc/passwd"}})");
        QVERIFY(containsText(inspectModelFolder(tmp.path()).problems, "outside the model folder"));
        writeFile(tmp.path() + "/model.safetensors.index.json", "nope");
        QVERIFY(containsText(inspectModelFolder(tmp.path()).problems, "model.safetensors.index.json is not valid"));
    }

    void pytorchBinAndNonGitModels()
    {
        QTemporaryDir tmp;
        makeModel(tmp.path());
        QFile::remove(tmp.path() + "/model.safetensors");
        writeFile(tmp.path() + "/pytorch_model.bin", "PK\x03\x04 pretend zip");
        ModelInfo info = inspectModelFolder(tmp.path());
        QVERIFY2(info.isUsable(), qPrintable(info.statusText()));
        QCOMPARE(info.weightsFormat, QStringLiteral("pytorch_model.bin"));
        QCOMPARE(info.precision, QStringLiteral("float32")); // from config: a .bin header is not read

        writeFile(tmp.path() + "/config.json", configJson(6, 224, "float32", "bert"));
        info = inspectModelFolder(tmp.path());
        QVERIFY(!info.isUsable());
        QVERIFY(!info.isGitModel());
        QVERIFY(containsText(info.problems, "model_type \"bert\""));
    }

    void markerNamesTheRepo()
    {
        QTemporaryDir tmp;
        makeModel(tmp.path());
        writeFile(tmp.path() + "/" + kModelMarkerFileName,
                  R"({"repo_id": "microsoft/git-base-vatex", "revision": "main", "commit": "0123abc"})");
        ModelInfo info = inspectModelFolder(tmp.path());
        QCOMPARE(info.repoId, QStringLiteral("microsoft/git-base-vatex"));
        QCOMPARE(info.revision, QStringLiteral("0123abc"));
        QVERIFY(info.summary().startsWith("microsoft/git-base-vatex (video, 6 frames, 224 px, float32, "));
        writeFile(tmp.path() + "/" + kModelMarkerFileName, "{broken");
        info = inspectModelFolder(tmp.path());
        QVERIFY(info.repoId.isEmpty());
        QVERIFY(info.isUsable()); // the marker is advisory
    }

    void referenceCheckpoints()
    {
        if (!QFileInfo::exists(testing::referencePath("tiny-git-video/config.json")))
            QSKIP("reference data not found (set GITVQA_REFERENCE_DIR)");
        const ModelInfo video = inspectModelFolder(testing::referencePath("tiny-git-video"));
        QVERIFY2(video.isUsable(), qPrintable(video.statusText()));
        QCOMPARE(video.kind, ModelKind::Video);
        QCOMPARE(video.frames, 6);
        QCOMPARE(video.precision, QStringLiteral("float32"));
        QString error;
        QCOMPARE(readSafetensorsDtypes(testing::referencePath("tiny-git-video/model.safetensors"), &error),
                 QStringList{"float32"});
        const ModelInfo image = inspectModelFolder(testing::referencePath("tiny-git-image"));
        QVERIFY2(image.isUsable(), qPrintable(image.statusText()));
        QCOMPARE(image.kind, ModelKind::Image);
        QCOMPARE(image.frames, 1);
    }
};

QTEST_GUILESS_MAIN(TestModelInspect)
#include "test_model_inspect.moc"
