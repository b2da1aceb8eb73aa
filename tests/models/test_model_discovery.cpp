// Finding and describing checkpoints without any network: folders built in a QTemporaryDir (plain folders, a fake
// Hugging Face cache with snapshots linked into blobs/, broken files), the locator's resolution order with HF_HOME
// pointing at a temporary cache, the catalogue, and which Hub files a download would fetch.

#include "models/hub_client.h"
#include "models/model_catalog.h"
#include "models/model_inspector.h"
#include "models/model_locator.h"
#include "reference_data.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

using namespace gitvqa;

namespace {

void writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    f.write(content);
}

// A real safetensors layout (length, JSON header, data), tiny: one tensor of each dtype given.
QByteArray makeSafetensors(const QStringList& dtypes)
{
    QJsonObject header;
    qint64 offset = 0;
    for (int i = 0; i < dtypes.size(); ++i) {
        const int bytes = dtypes[i] == QLatin1String("F32") || dtypes[i] == QLatin1String("I32") ? 4
                          : dtypes[i] == QLatin1String("I64")                                    ? 8
                                                                                                  : 2;
        header.insert(QStringLiteral("t%1").arg(i),
                      QJsonObject{{QStringLiteral("dtype"), dtypes[i]},
                                  {QStringLiteral("shape"), QJsonArray{1}},
                                  {QStringLiteral("data_offsets"), QJsonArray{offset, offset + bytes}}});
        offset += bytes;
    }
    header.insert(QStringLiteral("__metadata__"), QJsonObject{{QStringLiteral("format"), QStringLiteral("pt")}});
    const QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    QByteArray out;
    quint64 n = quint64(json.size());
    for (int i = 0; i < 8; ++i)
        out.append(char((n >> (8 * i)) & 0xff));
    return out + json + QByteArray(int(offset), '\0');
}

QByteArray configJson(QJsonValue frames, int imageSize = 224, const QString& dtype = QStringLiteral("float32"),
                      const QString& modelType = QStringLiteral("git"))
{
    QJsonObject config{{QStringLiteral("model_type"), modelType},
                       {QStringLiteral("num_image_with_embedding"), frames},
                       {QStringLiteral("vision_config"), QJsonObject{{QStringLiteral("image_size"), imageSize}}}};
    if (!dtype.isEmpty())
        config.insert(QStringLiteral("torch_dtype"), dtype);
    return QJsonDocument(config).toJson();
}

// A complete small GIT video checkpoint in `dir`.
void makeModel(const QString& dir, QJsonValue frames = 6, int imageSize = 224)
{
    writeFile(dir + "/config.json", configJson(frames, imageSize));
    writeFile(dir + "/model.safetensors", makeSafetensors({QStringLiteral("F32")}));
    writeFile(dir + "/vocab.txt", "[PAD]\n[UNK]\nhello\n");
    writeFile(dir + "/preprocessor_config.json", R"({"do_resize": true, "size": {"shortest_edge": 224}})");
}

// A Hugging Face cache entry: blobs named by hash, snapshot files as relative links into them, refs/main.
QString makeCachedModel(const QString& hubCache, const QString& repoId, const QString& revision,
                        const QMap<QString, QByteArray>& files, bool writeRef = true)
{
    const QString repoDir = hubCache + "/models--" + QString(repoId).replace('/', "--");
    const QString snapshot = repoDir + "/snapshots/" + revision;
    QDir().mkpath(snapshot);
    QDir().mkpath(repoDir + "/blobs");
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        const QString blob =
            QString::fromLatin1(QCryptographicHash::hash(it.value(), QCryptographicHash::Sha256).toHex());
        writeFile(repoDir + "/blobs/" + blob, it.value());
        QFile::link("../../blobs/" + blob, snapshot + "/" + it.key());
    }
    if (writeRef)
        writeFile(repoDir + "/refs/main", revision.toLatin1());
    return snapshot;
}

QMap<QString, QByteArray> modelFiles(QJsonValue frames = 6)
{
    return {{QStringLiteral("config.json"), configJson(frames)},
            {QStringLiteral("model.safetensors"), makeSafetensors({QStringLiteral("F32")})},
            {QStringLiteral("tokenizer.json"), R"({"model": {"vocab": {"[PAD]": 0}}})"},
            {QStringLiteral("preprocessor_config.json"), "{}"}};
}

bool containsText(const QStringList& list, const QString& part)
{
    for (const QString& s : list) {
        if (s.contains(part))
            return true;
    }
    return false;
}

} // namespace

class TestModelDiscovery : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Nothing the developer's own environment points at may leak into the results.
        for (const char* name : {"HF_HOME", "HF_HUB_CACHE", "XDG_CACHE_HOME", "GITVQA_MODELS_DIR"})
            qunsetenv(name);
    }

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

    void huggingFaceCacheLayout()
    {
        QTemporaryDir tmp;
        const QString hub = tmp.path() + "/hub";
        const QString snapshot = makeCachedModel(hub, "microsoft/git-base-msrvtt-qa", "abc123", modelFiles());
        // An unrelated model in the cache is not listed; a catalogued one with a dangling link is, with the reason.
        QMap<QString, QByteArray> bert = modelFiles();
        bert["config.json"] = configJson(QJsonValue::Null, 224, "float32", "bert");
        makeCachedModel(hub, "google/bert-base", "fff", bert);
        const QString broken = makeCachedModel(hub, "microsoft/git-base-vatex", "def456", modelFiles());
        const QString target = QFileInfo(broken + "/model.safetensors").symLinkTarget();
        QVERIFY(QFile::remove(target));

        ModelLocator locator;
        locator.setHubCacheDir(hub);
        locator.setAppModelsDir(tmp.path() + "/app");
        const QList<ModelInfo> found = locator.findModels();
        QCOMPARE(found.size(), 2);
        const ModelInfo& msrvtt = found[0].repoId == "microsoft/git-base-msrvtt-qa" ? found[0] : found[1];
        const ModelInfo& vatex = found[0].repoId == "microsoft/git-base-vatex" ? found[0] : found[1];
        QCOMPARE(msrvtt.repoId, QStringLiteral("microsoft/git-base-msrvtt-qa"));
        QCOMPARE(msrvtt.revision, QStringLiteral("abc123"));
        QCOMPARE(msrvtt.source, ModelSource::HuggingFaceCache);
        QCOMPARE(msrvtt.path, QFileInfo(snapshot).absoluteFilePath());
        QVERIFY2(msrvtt.isUsable(), qPrintable(msrvtt.statusText()));
        qint64 blobs = 0;
        for (const QFileInfo& f : QDir(hub + "/models--microsoft--git-base-msrvtt-qa/blobs").entryInfoList(QDir::Files))
            blobs += f.size();
        QCOMPARE(msrvtt.sizeOnDisk, blobs); // links followed into blobs/
        QVERIFY(!vatex.isUsable());
        QVERIFY2(containsText(vatex.missing, "links to a cache blob that does not exist"),
                 qPrintable(vatex.statusText()));

        QString revision;
        QCOMPARE(repoIdFromCachePath(snapshot, &revision), QStringLiteral("microsoft/git-base-msrvtt-qa"));
        QCOMPARE(revision, QStringLiteral("abc123"));
        QVERIFY(repoIdFromCachePath(tmp.path()).isEmpty());
    }

    void refsMainSnapshotComesFirst()
    {
        QTemporaryDir tmp;
        const QString hub = tmp.path() + "/hub";
        makeCachedModel(hub, "microsoft/git-base-msrvtt-qa", "old", modelFiles(), false);
        makeCachedModel(hub, "microsoft/git-base-msrvtt-qa", "current", modelFiles());
        makeCachedModel(hub, "microsoft/git-base-msrvtt-qa", "newer-unreferenced", modelFiles(), false);
        ModelLocator locator;
        locator.setHubCacheDir(hub);
        locator.setAppModelsDir(QString());
        const ModelResolution r = locator.resolve();
        QVERIFY2(r.found, qPrintable(r.message));
        QCOMPARE(r.model.revision, QStringLiteral("current"));
    }

    void cacheDirectoryFromEnvironment()
    {
        QTemporaryDir tmp;
        qputenv("HF_HOME", tmp.path().toLocal8Bit());
        QCOMPARE(huggingFaceHubCacheDir(), tmp.path() + "/hub");
        qputenv("HF_HUB_CACHE", (tmp.path() + "/elsewhere").toLocal8Bit());
        QCOMPARE(huggingFaceHubCacheDir(), tmp.path() + "/elsewhere");
        qunsetenv("HF_HUB_CACHE");
        qunsetenv("HF_HOME");
        qputenv("XDG_CACHE_HOME", tmp.path().toLocal8Bit());
        QCOMPARE(huggingFaceHubCacheDir(), tmp.path() + "/huggingface/hub");
        qunsetenv("XDG_CACHE_HOME");
        QCOMPARE(huggingFaceHubCacheDir(), QDir::homePath() + "/.cache/huggingface/hub");

        qputenv("GITVQA_MODELS_DIR", (tmp.path() + "/mine").toLocal8Bit());
        QCOMPARE(defaultAppModelsDir(), tmp.path() + "/mine");
        qunsetenv("GITVQA_MODELS_DIR");
        QVERIFY(defaultAppModelsDir().endsWith("/models"));

        const QList<SearchPath> paths = ModelLocator::defaultSearchPaths({tmp.path() + "/configured"});
        QCOMPARE(paths.size(), 3);
        QCOMPARE(paths[0].source, ModelSource::ConfiguredFolder);
        QCOMPARE(paths[1].source, ModelSource::HuggingFaceCache);
        QCOMPARE(paths[2].source, ModelSource::AppModelsFolder);
    }

    // explicit folder > configured folder > HF cache snapshot > app download folder > message.
    void resolutionOrder()
    {
        QTemporaryDir tmp;
        qputenv("HF_HOME", (tmp.path() + "/hf").toLocal8Bit());
        qputenv("GITVQA_MODELS_DIR", (tmp.path() + "/app").toLocal8Bit());
        const auto cleanup = qScopeGuard([] {
            qunsetenv("HF_HOME");
            qunsetenv("GITVQA_MODELS_DIR");
        });

        ModelLocator locator; // picks both up from the environment
        QCOMPARE(locator.hubCacheDir(), tmp.path() + "/hf/hub");
        ModelResolution r = locator.resolve();
        QVERIFY(!r.found);
        QVERIFY2(r.message.contains(tmp.path() + "/app/microsoft--git-base-msrvtt-qa"), qPrintable(r.message));
        QVERIFY(r.message.contains("--model DIR"));
        QVERIFY(r.message.contains(tmp.path() + "/hf/hub/models--microsoft--git-base-msrvtt-qa"));

        makeModel(tmp.path() + "/app/" + downloadFolderName("microsoft/git-base-msrvtt-qa"));
        r = locator.resolve();
        QVERIFY2(r.found, qPrintable(r.message));
        QCOMPARE(r.model.source, ModelSource::AppModelsFolder);

        makeCachedModel(tmp.path() + "/hf/hub", "microsoft/git-base-msrvtt-qa", "rev1", modelFiles());
        r = locator.resolve();
        QCOMPARE(r.model.source, ModelSource::HuggingFaceCache);
        QCOMPARE(r.model.repoId, QStringLiteral("microsoft/git-base-msrvtt-qa"));

        // A broken configured folder is skipped, with a note saying why.
        const QString configured = tmp.path() + "/configured";
        makeModel(configured + "/mine");
        QFile::remove(configured + "/mine/preprocessor_config.json");
        locator.setConfiguredFolders({configured});
        r = locator.resolve();
        QCOMPARE(r.model.source, ModelSource::HuggingFaceCache);
        QVERIFY(containsText(r.skipped, "preprocessor_config.json"));

        writeFile(configured + "/mine/preprocessor_config.json", "{}");
        r = locator.resolve();
        QCOMPARE(r.model.source, ModelSource::ConfiguredFolder);
        QCOMPARE(r.model.path, QFileInfo(configured + "/mine").absoluteFilePath());

        const QString given = tmp.path() + "/given";
        makeModel(given, QJsonValue::Null);
        r = locator.resolve(given);
        QCOMPARE(r.model.source, ModelSource::ExplicitFolder);
        QCOMPARE(r.model.kind, ModelKind::Image);

        // An explicit folder is never silently replaced by another model.
        QFile::remove(given + "/vocab.txt");
        r = locator.resolve(given);
        QVERIFY(!r.found);
        QVERIFY2(r.message.contains("tokenizer (vocab.txt or tokenizer.json)"), qPrintable(r.message));
        QVERIFY(r.message.contains(given));
    }

    void unfinishedDownloadsAreNotModels()
    {
        QTemporaryDir tmp;
        makeModel(tmp.path() + "/.microsoft--git-base.gitvqa-download");
        makeModel(tmp.path() + "/microsoft--git-base-coco");
        makeModel(tmp.path() + "/microsoft/git-base-vqav2", QJsonValue::Null, 480);
        const QList<ModelInfo> found = ModelLocator::findModelsIn({tmp.path(), ModelSource::AppModelsFolder});
        QCOMPARE(found.size(), 2);
        for (const ModelInfo& m : found)
            QVERIFY(!m.path.contains(".gitvqa-download"));
        QVERIFY(isIgnoredFolderName(".x.gitvqa-download"));
        QVERIFY(!isIgnoredFolderName("microsoft--git-base"));
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

    void catalogue()
    {
        const auto& entries = ModelCatalog::entries();
        QCOMPARE(entries.size(), 8);
        QCOMPARE(ModelCatalog::defaultRepoId(), QStringLiteral("microsoft/git-base-msrvtt-qa"));
        int defaults = 0;
        for (const CatalogEntry& e : entries) {
            defaults += e.isDefault ? 1 : 0;
            QVERIFY(!e.description.isEmpty());
            QVERIFY(e.approxDownloadBytes > 500'000'000);
        }
        QCOMPARE(defaults, 1);
        const CatalogEntry* d = ModelCatalog::find("Microsoft/GIT-base-MSRVTT-QA");
        QVERIFY(d);
        QCOMPARE(d->frames, 6);
        QCOMPARE(d->approxDownloadBytes, qint64(707'000'000));
        QVERIFY(!ModelCatalog::find("microsoft/git-large-vatex")->needsQuestion);
        QCOMPARE(ModelCatalog::find("microsoft/git-large-vatex")->task, ModelTask::VideoCaptioning);
        QCOMPARE(ModelCatalog::find("microsoft/git-base-vqav2")->imageSize, 480);
        QCOMPARE(ModelCatalog::find("microsoft/git-base-textvqa")->frames, 1);
        QVERIFY(ModelCatalog::find("microsoft/git-base-coco"));
        QVERIFY(ModelCatalog::find("microsoft/git-base"));
        QVERIFY(!ModelCatalog::find("microsoft/git-huge"));
    }

    void namesAndSizes()
    {
        QCOMPARE(downloadFolderName("microsoft/git-base"), QStringLiteral("microsoft--git-base"));
        QCOMPARE(downloadFolderName("microsoft/git-base", "refs/pr/1"),
                 QStringLiteral("microsoft--git-base@refs_pr_1"));
        QCOMPARE(formatByteSize(707'000'000), QStringLiteral("707 MB"));
        QCOMPARE(formatByteSize(1'580'000'000), QStringLiteral("1.58 GB"));
        QCOMPARE(formatByteSize(12'345), QStringLiteral("12.3 kB"));
        QCOMPARE(formatByteSize(999), QStringLiteral("999 B"));
        QVERIFY(isValidRepoId("microsoft/git-base-msrvtt-qa"));
        QVERIFY(isValidRepoId("gpt2"));
        for (const char* bad : {"", "a/b/c", "../x", "a--b/c", "org/", "/name", "org/na me"})
            QVERIFY2(!isValidRepoId(QString::fromLatin1(bad)), bad);
    }

    void checkpointFileSelection()
    {
        auto files = [](const QStringList& names) {
            QList<HubFile> list;
            for (const QString& n : names)
                list.append(HubFile{n, n.endsWith(".safetensors") || n.endsWith(".bin") ? 1000 : 10, "oid", ""});
            return list;
        };
        auto paths = [](const QList<HubFile>& list) {
            QStringList names;
            for (const HubFile& f : list)
                names.append(f.path);
            return names;
        };
        const QStringList support{"config.json", "preprocessor_config.json", "vocab.txt", "tokenizer.json",
                                  "tokenizer_config.json", "special_tokens_map.json", "generation_config.json"};
        QString error;
        QStringList got = paths(selectCheckpointFiles(
            files(support + QStringList{"model.safetensors", "pytorch_model.bin", "README.md", ".gitattributes",
                                        "golden.safetensors", "onnx/model.onnx", "tf_model.h5"}),
            &error));
        QVERIFY(error.isEmpty());
        QCOMPARE(got.first(), QStringLiteral("config.json"));
        QCOMPARE(got.last(), QStringLiteral("model.safetensors"));
        QCOMPARE(got.size(), support.size() + 1);

        got = paths(selectCheckpointFiles(
            files(support + QStringList{"model.safetensors.index.json", "model-00001-of-00002.safetensors",
                                        "model-00002-of-00002.safetensors", "pytorch_model.bin"}),
            &error));
        QVERIFY(got.contains("model-00002-of-00002.safetensors") && got.contains("model.safetensors.index.json"));
        QVERIFY(!got.contains("pytorch_model.bin"));

        got = paths(
            selectCheckpointFiles(files(support + QStringList{"pytorch_model.bin", "flax_model.msgpack"}), &error));
        QVERIFY(got.contains("pytorch_model.bin"));

        QVERIFY(selectCheckpointFiles(files({"config.json", "preprocessor_config.json", "model.safetensors"}), &error)
                    .isEmpty());
        QVERIFY2(error.contains("tokenizer (vocab.txt or tokenizer.json)"), qPrintable(error));
        QVERIFY(
            selectCheckpointFiles(files({"config.json", "vocab.txt", "preprocessor_config.json"}), &error).isEmpty());
        QVERIFY(error.contains("model weights"));
    }

    void hubSettingsFromEnvironment()
    {
        QTemporaryDir tmp;
        for (const char* name : {"HF_ENDPOINT", "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_TOKEN_PATH"})
            qunsetenv(name);
        qputenv("HF_HOME", tmp.path().toLocal8Bit());
        const auto cleanup = qScopeGuard([] {
            for (const char* name : {"HF_ENDPOINT", "HF_TOKEN", "HF_HOME"})
                qunsetenv(name);
        });
        QCOMPARE(hubEndpointFromEnvironment(), QUrl("https://huggingface.co"));
        qputenv("HF_ENDPOINT", "http://127.0.0.1:9/mirror/");
        QCOMPARE(hubEndpointFromEnvironment(), QUrl("http://127.0.0.1:9/mirror/"));

        QCOMPARE(hubTokenFromEnvironment(), QString());
        writeFile(tmp.path() + "/token", "hf_from_login\n"); // what `huggingface-cli login` leaves
        QCOMPARE(hubTokenFromEnvironment(), QStringLiteral("hf_from_login"));
        qputenv("HF_TOKEN", "hf_from_env");
        QCOMPARE(hubTokenFromEnvironment(), QStringLiteral("hf_from_env"));

        // URLs: the endpoint's path is kept (mirrors), revisions are one path segment, file paths keep their '/'.
        HubClient client(nullptr);
        QCOMPARE(client.endpoint(), QUrl("http://127.0.0.1:9/mirror/"));
        QCOMPARE(client.token(), QStringLiteral("hf_from_env"));
        QCOMPARE(client.revisionInfoUrl("microsoft/git-base", "refs/pr/1").toString(QUrl::FullyEncoded),
                 QStringLiteral("http://127.0.0.1:9/mirror/api/models/microsoft/git-base/revision/refs%2Fpr%2F1"));
        QCOMPARE(client.treeUrl("microsoft/git-base", "main").toString(QUrl::FullyEncoded),
                 QStringLiteral("http://127.0.0.1:9/mirror/api/models/microsoft/git-base/tree/main?recursive=true"));
        QCOMPARE(client.fileUrl("microsoft/git-base", "abc", "sub dir/model.safetensors").toString(QUrl::FullyEncoded),
                 QStringLiteral("http://127.0.0.1:9/mirror/microsoft/git-base/resolve/abc/sub%20dir/"
                                "model.safetensors"));
        // The token goes to the Hub's host only, never to a CDN a download is redirected to.
        QVERIFY(client.makeRequest(QUrl("http://127.0.0.1:9/mirror/x")).hasRawHeader("Authorization"));
        QVERIFY(!client.makeRequest(QUrl("http://127.0.0.1:10/cdn/x")).hasRawHeader("Authorization"));
        QVERIFY(!client.makeRequest(QUrl("https://cdn-lfs.huggingface.co/x")).hasRawHeader("Authorization"));
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

QTEST_GUILESS_MAIN(TestModelDiscovery)
#include "test_model_discovery.moc"
