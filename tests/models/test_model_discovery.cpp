// Finding checkpoints without any network: a fake Hugging Face cache with snapshots linked into blobs/ and refs/main,
// where the cache and the app's download folder are (HF_HOME, HF_HUB_CACHE, XDG_CACHE_HOME, GITVQA_MODELS_DIR), the
// locator's resolution order, unfinished downloads, the catalogue, names and sizes, which Hub files a download would
// fetch, and the Hub settings from the environment. Folders are built in a QTemporaryDir (model_folders.h).

#include "model_folders.h"

#include "models/environment_proxy.h"
#include "models/hub_client.h"
#include "models/hub_environment.h"
#include "models/model_catalog.h"
#include "models/model_inspector.h"
#include "models/model_locator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkRequest>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

using namespace gitvqa;
using namespace gitvqa::testing;

class TestModelDiscovery : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { clearModelEnvironment(); }

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
            for (const char* name : {"HF_ENDPOINT", "HF_TOKEN", "HF_HOME", "HF_TOKEN_PATH", "HF_HUB_OFFLINE"})
                qunsetenv(name);
        });
        QCOMPARE(hubEndpointFromEnvironment(), QUrl("https://huggingface.co"));
        // huggingface_hub: os.getenv("HF_ENDPOINT").rstrip("/").
        qputenv("HF_ENDPOINT", "http://127.0.0.1:9/mirror/");
        QCOMPARE(hubEndpointFromEnvironment(), QUrl("http://127.0.0.1:9/mirror"));

        QCOMPARE(hubTokenFromEnvironment().value, QString());
        writeFile(tmp.path() + "/token", "hf_from_login\n"); // what `hf auth login` leaves
        QCOMPARE(hubTokenFromEnvironment().value, QStringLiteral("hf_from_login"));
        QVERIFY(hubTokenFromEnvironment().source.contains("token"));
        writeFile(tmp.path() + "/elsewhere", "  hf_from_path  \n");
        qputenv("HF_TOKEN_PATH", "$HF_HOME/elsewhere"); // expanded like os.path.expandvars
        QCOMPARE(hubTokenFromEnvironment().value, QStringLiteral("hf_from_path"));
        QCOMPARE(hubTokenFromEnvironment({"hf_from_settings", "Settings"}).value, QStringLiteral("hf_from_settings"));
        qputenv("HF_TOKEN", "hf_from_env");
        QCOMPARE(hubTokenFromEnvironment().value, QStringLiteral("hf_from_env"));
        QCOMPARE(hubTokenFromEnvironment().source, QStringLiteral("HF_TOKEN"));

        // Offline switch: huggingface_hub's _is_true.
        for (const char* yes : {"1", "on", "YES", "True"}) {
            qputenv("HF_HUB_OFFLINE", yes);
            QVERIFY2(isHubOffline(), yes);
        }
        for (const char* no : {"0", "false", "", "no"}) {
            qputenv("HF_HUB_OFFLINE", no);
            QVERIFY2(!isHubOffline(), no);
        }

        // URLs: the endpoint's path is kept (mirrors), revisions are one path segment, file paths keep their '/'.
        HubClient client(nullptr);
        QCOMPARE(client.endpoint(), QUrl("http://127.0.0.1:9/mirror"));
        QCOMPARE(client.token().value, QStringLiteral("hf_from_env"));
        QCOMPARE(client.revisionInfoUrl("microsoft/git-base", "refs/pr/1").toString(QUrl::FullyEncoded),
                 QStringLiteral("http://127.0.0.1:9/mirror/api/models/microsoft/git-base/revision/refs%2Fpr%2F1"));
        QCOMPARE(client.treeUrl("microsoft/git-base", "main").toString(QUrl::FullyEncoded),
                 QStringLiteral("http://127.0.0.1:9/mirror/api/models/microsoft/git-base/tree/main?recursive=true&expand=false"));
        QCOMPARE(client.fileUrl("microsoft/git-base", "abc", "sub dir/model.safetensors").toString(QUrl::FullyEncoded),
                 QStringLiteral("http://127.0.0.1:9/mirror/microsoft/git-base/resolve/abc/sub%20dir/"
                                "model.safetensors"));
        // The token goes to the Hub's host only, never to a CDN a download is redirected to.
        QVERIFY(client.makeRequest(QUrl("http://127.0.0.1:9/mirror/x")).hasRawHeader("Authorization"));
        QVERIFY(!client.makeRequest(QUrl("http://127.0.0.1:10/cdn/x")).hasRawHeader("Authorization"));
        QVERIFY(!client.makeRequest(QUrl("https://cdn-lfs.huggingface.co/x")).hasRawHeader("Authorization"));
        QVERIFY(!client.makeRequest(QUrl("http://127.0.0.2:9/mirror/x")).hasRawHeader("Authorization"));
    }

    // Where the cache is, as huggingface_hub's constants.py computes it.
    void cacheFolderFromEnvironment()
    {
        const auto cleanup = qScopeGuard([] {
            for (const char* name : {"HF_HOME", "HF_HUB_CACHE", "XDG_CACHE_HOME", "GITVQA_TEST_VAR"})
                qunsetenv(name);
        });
        for (const char* name : {"HF_HOME", "HF_HUB_CACHE", "XDG_CACHE_HOME"})
            qunsetenv(name);
        QCOMPARE(huggingFaceHubCacheDir(), QDir::homePath() + "/.cache/huggingface/hub");
        qputenv("XDG_CACHE_HOME", "/x/cache");
        QCOMPARE(huggingFaceHubCacheDir(), QStringLiteral("/x/cache/huggingface/hub"));
        QCOMPARE(huggingFaceTokenPath(), QStringLiteral("/x/cache/huggingface/token"));
        qputenv("HF_HOME", "~/hf");
        QCOMPARE(huggingFaceHubCacheDir(), QDir::homePath() + "/hf/hub");
        qputenv("GITVQA_TEST_VAR", "/data");
        qputenv("HF_HUB_CACHE", "${GITVQA_TEST_VAR}/hub-cache");
        QCOMPARE(huggingFaceHubCacheDir(), QStringLiteral("/data/hub-cache"));
        QCOMPARE(expandUserPath("$UNSET_GITVQA_VAR/x"), QStringLiteral("$UNSET_GITVQA_VAR/x"));
    }

    // no_proxy as Python's urllib reads it (proxy_bypass_environment): suffixes, ports, "*", IP ranges.
    void noProxyRules()
    {
        using P = EnvironmentProxyFactory;
        QVERIFY(P::bypassedByNoProxy(QUrl("https://huggingface.co/x"), "huggingface.co"));
        QVERIFY(P::bypassedByNoProxy(QUrl("https://cdn-lfs.huggingface.co/x"), ".huggingface.co"));
        QVERIFY(P::bypassedByNoProxy(QUrl("https://cdn-lfs.huggingface.co/x"), "localhost, huggingface.co"));
        QVERIFY(!P::bypassedByNoProxy(QUrl("https://nothuggingface.co/x"), "huggingface.co"));
        QVERIFY(P::bypassedByNoProxy(QUrl("http://127.0.0.2:8080/x"), "127.0.0.0/8"));
        QVERIFY(P::bypassedByNoProxy(QUrl("http://mirror:8080/x"), "mirror:8080"));
        QVERIFY(!P::bypassedByNoProxy(QUrl("http://mirror:9090/x"), "mirror:8080"));
        QVERIFY(P::bypassedByNoProxy(QUrl("https://anything/x"), "*"));
        const auto cleanup = qScopeGuard([] {
            for (const char* name : {"https_proxy", "HTTPS_PROXY", "no_proxy", "NO_PROXY"})
                qunsetenv(name);
        });
        for (const char* name : {"https_proxy", "HTTPS_PROXY", "no_proxy", "NO_PROXY", "all_proxy", "ALL_PROXY"})
            qunsetenv(name);
        QCOMPARE(P::proxyFromEnvironment(QUrl("https://huggingface.co")).type(), QNetworkProxy::DefaultProxy);
        qputenv("HTTPS_PROXY", "proxy.example:3128"); // upper case, no scheme: http proxy
        QNetworkProxy proxy = P::proxyFromEnvironment(QUrl("https://huggingface.co"));
        QCOMPARE(proxy.type(), QNetworkProxy::HttpProxy);
        QCOMPARE(proxy.hostName(), QStringLiteral("proxy.example"));
        QCOMPARE(proxy.port(), quint16(3128));
        qputenv("https_proxy", "http://user:pw@lower.example:8080"); // the lower-case name wins
        proxy = P::proxyFromEnvironment(QUrl("https://huggingface.co"));
        QCOMPARE(proxy.hostName(), QStringLiteral("lower.example"));
        QCOMPARE(proxy.user(), QStringLiteral("user"));
        qputenv("NO_PROXY", "huggingface.co");
        QCOMPARE(P::proxyFromEnvironment(QUrl("https://huggingface.co")).type(), QNetworkProxy::NoProxy);
    }
};

QTEST_GUILESS_MAIN(TestModelDiscovery)
#include "test_model_discovery.moc"
