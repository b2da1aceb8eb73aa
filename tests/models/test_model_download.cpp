// The downloader against the fake Hub (fake_hub_server.h: it answers as huggingface.co does, with the sources cited
// there), serving the tiny reference checkpoint ../shared/reference/tiny-git-video as microsoft/git-base-msrvtt-qa,
// into a Hugging Face cache: the exact layout huggingface_hub makes, relative redirects through resolve-cache, the CDN
// on another host, a paged tree, a renamed repo, a cut transfer + 503 + 429 in one run, stalls, partials left by
// earlier runs, blobs shared with other revisions and with Python, two downloaders on one blob, a proxy from the
// environment and offline mode. What it refuses and how it fails: test_model_download_errors.cpp.

#include "download_fixture.h"
#include "models/hf_cache.h"

#include <QTemporaryDir>
#include <QTest>

using namespace gitvqa;
using namespace gitvqa::testing;

class TestModelDownload : public QObject, private DownloadFixture {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startHub(); }

    void init() { resetHub(); }
    void cleanup()
    {
        for (const char* name : {"http_proxy", "HF_HUB_OFFLINE"})
            qunsetenv(name);
        qputenv("no_proxy", "127.0.0.1,127.0.0.2,localhost");
    }

    void downloadsIntoTheHubCacheLayout()
    {
        QTemporaryDir cache;
        ModelDownloader d;
        configure(d);
        Watch w(d);
        QSignalSpy files(&d, &ModelDownloader::fileDone);
        d.start(kRepo, "main", cache.path());
        verifyDownloaded(w);
        if (QTest::currentTestFailed())
            return;
        const QString snapshot = w.finished.first().first().toString();
        QCOMPARE(snapshot, ModelDownloader::modelFolderFor(cache.path(), kRepo));
        QCOMPARE(files.count(), kExpectedFiles.size());

        // Progress: total fixed at the needed bytes, done never decreasing, ending at total.
        QVERIFY(w.progress.count() >= 2);
        qint64 lastDone = -1;
        for (const QList<QVariant>& p : std::as_const(w.progress)) {
            QCOMPARE(p[1].toLongLong(), m_modelBytes);
            QVERIFY(p[0].toLongLong() >= lastDone);
            lastDone = p[0].toLongLong();
        }
        QCOMPARE(lastDone, m_modelBytes);

        // Pinned to the commit; small files through the relative 307 to resolve-cache; LFS through the 302 to the
        // CDN host; no token anywhere; nothing else fetched.
        const QString commit = m_server.commitOf(kRepo);
        const auto resolves = m_server.requestsFor("/resolve/" + commit + "/");
        QCOMPARE(resolves.size(), kExpectedFiles.size());
        for (const auto& r : resolves)
            QVERIFY2(r.status == (r.target.endsWith("model.safetensors") ? 302 : 307), r.target.constData());
        QCOMPARE(m_server.requestsFor("/api/resolve-cache/").size(), kExpectedFiles.size() - 1);
        const auto weights = m_server.contentRequestsFor(kRepo, "model.safetensors");
        QCOMPARE(weights.size(), 1);
        QVERIFY(weights.first().toCdn());
        QCOMPARE(weights.first().status, 200);
        for (const auto& r : m_server.requests())
            QVERIFY(!r.headers.contains("authorization"));

        // The locator finds it in the cache, as it finds what huggingface_hub downloads.
        ModelLocator locator;
        locator.setHubCacheDir(cache.path());
        locator.setAppModelsDir(cache.path() + "/no-app-folder");
        const ModelResolution found = locator.resolve();
        QVERIFY2(found.found, qPrintable(found.message));
        QCOMPARE(found.model.path, snapshot);
        QTest::qWait(50);
        QCOMPARE(w.outcomes(), 1);
    }

    // The run the issue names: a cut LFS transfer, a 503 and a 429 with Retry-After, all survived in one run.
    void survivesCutTransfer503And429InOneRun()
    {
        QTemporaryDir cache;
        const QString commit = m_server.commitOf(kRepo);
        m_server.failOnce("/resolve/" + commit + "/config.json", 503);
        m_server.failOnce("/resolve/" + commit + "/model.safetensors", 429,
                          {{"Retry-After", "1"}, {"RateLimit", "\"resolvers\";r=0;t=1"}});
        m_server.dropConnectionOnce("model.safetensors", 1'000'000);
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start(kRepo, "main", cache.path());
        verifyDownloaded(w);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(w.saidStatus("HTTP 503"));
        QVERIFY(w.saidStatus("HTTP 429"));
        const auto weights = m_server.requestsFor("/resolve/" + commit + "/model.safetensors");
        QVERIFY(weights.size() >= 2);
        QCOMPARE(weights.first().status, 429);
        QVERIFY2(weights.at(1).atMs - weights.first().atMs >= 1000,
                 qPrintable(QStringLiteral("Retry-After: 1 was not honoured: %1 ms, statuses %2 %3")
                                .arg(weights.at(1).atMs - weights.first().atMs)
                                .arg(weights.first().status)
                                .arg(weights.at(1).status)));
        verifyResumedAt("model.safetensors", 1'000'000);
    }

    void pagedTreeIsFollowed()
    {
        QTemporaryDir cache;
        m_server.setTreePageSize(2);
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start(kRepo, "main", cache.path());
        verifyDownloaded(w);
        const auto pages = m_server.requestsFor("/tree/");
        QVERIFY2(pages.size() >= 5, qPrintable(QString::number(pages.size())));
        for (const auto& page : pages.mid(1))
            QVERIFY2(page.target.contains("cursor="), page.target.constData());
    }

    // Stored under the name asked for, like huggingface_hub, while every request follows the Hub's relative 307.
    void renamedRepoIsFollowed()
    {
        QTemporaryDir cache;
        m_server.renameRepo("old-org/git-before-rename", kRepo);
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start("old-org/git-before-rename", "main", cache.path());
        QVERIFY(w.wait());
        QCOMPARE(w.failure(), QString());
        const QString snapshot = w.finished.first().first().toString();
        QCOMPARE(snapshot, repoFolder(cache.path(), "old-org/git-before-rename") + "/snapshots/"
                               + m_server.commitOf(kRepo));
        for (const QString& name : kExpectedFiles)
            QCOMPARE(readAll(snapshot + "/" + name), m_server.contentOf(kRepo, name));
        QVERIFY(m_server.requestsFor("/api/models/old-org/git-before-rename/revision/main").first().status == 307);
        QCOMPARE(m_server.requestsFor("/old-org/git-before-rename/resolve/").size(), kExpectedFiles.size());
    }

    void stalledTransferTimesOutAndResumes()
    {
        QTemporaryDir cache;
        m_server.stallOnce("model.safetensors", 700'000);
        ModelDownloader d;
        configure(d);
        d.setStallTimeoutMs(500);
        Watch w(d);
        d.start(kRepo, "main", cache.path());
        verifyDownloaded(w);
        verifyResumedAt("model.safetensors", 700'000);
    }

    void smallFileDropIsResumedToo()
    {
        QTemporaryDir cache;
        m_server.dropConnectionOnce("tokenizer.json", 100'000);
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start(kRepo, "main", cache.path());
        verifyDownloaded(w);
        verifyResumedAt("tokenizer.json", 100'000);
    }

    void restartsWhenServerIgnoresRange()
    {
        QTemporaryDir cache;
        m_server.dropConnectionOnce("model.safetensors", 1'000'000);
        m_server.setIgnoreRange(true);
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start(kRepo, "main", cache.path());
        verifyDownloaded(w);
        // The whole file again, answered 200 to a Range request; the client must not append it to the partial.
        verifyResumedAt("model.safetensors", 1'000'000, 200);
    }

    // Cancel mid-file: refs/main is not written, blobs/ETAG.incomplete stays, and the next run resumes it with a
    // Range request (and does not fetch the finished small files again).
    void cancelThenResumeInNextRun()
    {
        QTemporaryDir cache;
        const QString part = blobOf(cache.path(), "model.safetensors") + ".incomplete";
        {
            m_server.setBytesPerSecond(4'000'000);
            ModelDownloader d;
            configure(d);
            Watch w(d);
            connect(&d, &ModelDownloader::progress, &d, [&d, part](qint64, qint64, double, double, const QString& f) {
                if (f == "model.safetensors" && QFileInfo(part).size() > 500'000)
                    d.cancel();
            });
            d.start(kRepo, "main", cache.path());
            QVERIFY(w.wait());
            QCOMPARE(w.cancelled.count(), 1);
            QCOMPARE(w.finished.count() + w.failed.count(), 0);
        }
        verifyNoModel(cache.path());
        const qint64 partial = QFileInfo(part).size();
        QVERIFY2(partial > 500'000 && partial < QFileInfo(m_reference + "/model.safetensors").size(),
                 qPrintable(QString::number(partial)));

        m_server.resetFaults();
        m_server.clearRequests();
        ModelDownloader again;
        configure(again);
        Watch w(again);
        again.start(kRepo, "main", cache.path());
        verifyDownloaded(w);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(rangesFor(kRepo, "model.safetensors"), QList<QByteArray>{"bytes=" + QByteArray::number(partial) + "-"});
        QCOMPARE(m_server.requestsFor("/resolve/").size(), 1); // only model.safetensors: the rest is in the snapshot
    }

    // A partial of the full size with wrong bytes (a crash, a bad disk) fails its hash: one fresh download settles it.
    void badPartialIsReplaced()
    {
        QTemporaryDir cache;
        const QString part = blobOf(cache.path(), "model.safetensors") + ".incomplete";
        QVERIFY(QDir().mkpath(QFileInfo(part).absolutePath()));
        QFile f(part);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(1'000'000, 'z'));
        f.close();
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start(kRepo, "main", cache.path());
        verifyDownloaded(w);
        QCOMPARE(rangesFor(kRepo, "model.safetensors"), (QList<QByteArray>{"bytes=1000000-", QByteArray()}));
    }

    // A new commit that changes only the weights: the other blobs are shared, both snapshots stay, refs/main moves.
    void newCommitSharesUnchangedBlobs()
    {
        QTemporaryDir cache;
        const QString repo = "test/changing";
        m_server.addRepoFromFolder(repo, m_reference);
        ModelDownloader d;
        configure(d);
        {
            Watch w(d);
            d.start(repo, "main", cache.path());
            QVERIFY(w.wait());
            QCOMPARE(w.failure(), QString());
        }
        const QString oldCommit = m_server.commitOf(repo);
        QByteArray weights = m_server.contentOf(repo, "model.safetensors");
        weights[weights.size() - 100] = char(weights[weights.size() - 100] ^ 1);
        m_server.addFile(repo, "model.safetensors", weights);
        m_server.clearRequests();
        Watch w(d);
        d.start(repo, "main", cache.path());
        QVERIFY(w.wait());
        QCOMPARE(w.failure(), QString());
        const QString snapshot = w.finished.first().first().toString();
        QCOMPARE(readAll(snapshot + "/model.safetensors"), weights);
        QCOMPARE(m_server.requestsFor("/resolve/").size(), 1); // only the weights: the other blobs were linked
        QCOMPARE(m_server.requestsFor("/api/resolve-cache/").size(), 0);
        QCOMPARE(readAll(repoFolder(cache.path(), repo) + "/refs/main"), m_server.commitOf(repo).toLatin1());
        QVERIFY(QFileInfo(repoFolder(cache.path(), repo) + "/snapshots/" + oldCommit + "/model.safetensors").isFile());
    }

    // A cache written by huggingface_hub (the same layout, made here by hand as file_download.py makes it) is used
    // as it is: nothing is fetched again.
    void usesWhatPythonDownloaded()
    {
        QTemporaryDir cache;
        const QString storage = repoFolder(cache.path());
        const QString commit = m_server.commitOf(kRepo);
        QVERIFY(QDir().mkpath(storage + "/blobs") && QDir().mkpath(storage + "/snapshots/" + commit)
                && QDir().mkpath(storage + "/refs"));
        for (const QString& name : kExpectedFiles) {
            QFile blob(blobOf(cache.path(), name));
            QVERIFY(blob.open(QIODevice::WriteOnly));
            blob.write(m_server.contentOf(kRepo, name));
            blob.close();
            QVERIFY(QFile::link("../../blobs/" + m_server.etagOf(kRepo, name), storage + "/snapshots/" + commit + "/" + name));
        }
        QFile ref(storage + "/refs/main");
        QVERIFY(ref.open(QIODevice::WriteOnly));
        ref.write(commit.toLatin1());
        ref.close();

        ModelLocator locator;
        locator.setHubCacheDir(cache.path());
        QVERIFY(locator.resolve().found);
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start(kRepo, "main", cache.path());
        QVERIFY(w.wait());
        QCOMPARE(w.failure(), QString());
        QVERIFY(m_server.requestsFor("/resolve/").isEmpty());
        QCOMPARE(w.finished.first().first().toString(), storage + "/snapshots/" + commit);
    }

    // Two downloaders (a second window, `gitvqa download`) on one cache: the blob lock makes one wait for the
    // other, which it names, and the weights cross the network once.
    void twoDownloadersShareOneTransfer()
    {
        QTemporaryDir cache;
        m_server.setBytesPerSecond(3'000'000);
        ModelDownloader first;
        ModelDownloader second;
        configure(first);
        configure(second);
        Watch w1(first);
        Watch w2(second);
        first.start(kRepo, "main", cache.path());
        QTimer::singleShot(150, &second, [&] { second.start(kRepo, "main", cache.path()); });
        QVERIFY(w1.wait(60000));
        QVERIFY(w2.wait(60000));
        QCOMPARE(w1.failure(), QString());
        QCOMPARE(w2.failure(), QString());
        QCOMPARE(m_server.contentRequestsFor(kRepo, "model.safetensors").size(), 1);
        QVERIFY2(w2.saidStatus("Waiting for process " + QString::number(QCoreApplication::applicationPid())),
                 "the waiting downloader did not name the holder");
        verifyInstalled(w2.finished.first().first().toString());
    }

    void proxyFromTheEnvironment()
    {
        QTemporaryDir cache;
        qputenv("http_proxy", m_server.proxyUrl().toEncoded());
        qunsetenv("no_proxy");
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start(kRepo, "main", cache.path());
        verifyDownloaded(w);
        QVERIFY(!m_server.requests().isEmpty());
        for (const auto& r : m_server.requests())
            QVERIFY2(r.viaProxy, r.target.constData());
        QVERIFY(m_server.contentRequestsFor(kRepo, "model.safetensors").first().toCdn());
    }

    void offlineModeTouchesNoNetwork()
    {
        QTemporaryDir cache;
        qputenv("HF_HUB_OFFLINE", "1");
        ModelDownloader d;
        configure(d);
        {
            Watch w(d);
            d.start(kRepo, "main", cache.path());
            QVERIFY(w.wait());
            QVERIFY2(w.failure().contains("HF_HUB_OFFLINE") && w.failure().contains("Unset"), qPrintable(w.failure()));
        }
        QVERIFY(m_server.requests().isEmpty());
        qunsetenv("HF_HUB_OFFLINE");
        {
            Watch w(d);
            d.start(kRepo, "main", cache.path());
            verifyDownloaded(w);
        }
        m_server.clearRequests();
        qputenv("HF_HUB_OFFLINE", "true");
        Watch w(d);
        d.start(kRepo, "main", cache.path());
        QVERIFY(w.wait());
        QCOMPARE(w.failure(), QString());
        QCOMPARE(w.finished.first().first().toString(), ModelDownloader::modelFolderFor(cache.path(), kRepo));
        QVERIFY(m_server.requests().isEmpty());
    }

    void discardForgetsPartialDownload()
    {
        QTemporaryDir cache;
        const QString part = blobOf(cache.path(), "model.safetensors") + ".incomplete";
        QDir().mkpath(QFileInfo(part).absolutePath());
        QFile(part).open(QIODevice::WriteOnly);
        ModelDownloader::discardPartialDownload(cache.path(), kRepo);
        QVERIFY(!QFileInfo::exists(part));
    }

    void pytorchBinOnlyWhenNoSafetensors()
    {
        const QString repo = "test/bin-only";
        m_server.addRepoFromFolder(repo, testing::referencePath("tiny-git-image"));
        m_server.removeFile(repo, "model.safetensors");
        QTemporaryDir cache;
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start(repo, "main", cache.path());
        QVERIFY(w.wait());
        QCOMPARE(w.failure(), QString());
        const QString dir = w.finished.first().first().toString();
        QCOMPARE(readAll(dir + "/pytorch_model.bin"), m_server.contentOf(repo, "pytorch_model.bin"));
        const ModelInfo info = inspectModelFolder(dir);
        QVERIFY2(info.isUsable(), qPrintable(info.statusText()));
        QCOMPARE(info.kind, ModelKind::Image);
        QCOMPARE(info.weightsFormat, QStringLiteral("pytorch_model.bin"));
    }
};

GITVQA_REFERENCE_TEST_MAIN(TestModelDownload)
#include "test_model_download.moc"
