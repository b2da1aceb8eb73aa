// The downloader against a fake Hub on 127.0.0.1 (download_fixture.h) serving the tiny reference checkpoint
// ../shared/reference/tiny-git-video as microsoft/git-base-msrvtt-qa, when it gets there: a clean download, resume
// after a dropped connection or a stall, partials left by earlier runs (complete, stale, from another commit), a
// server that ignores Range, cancel + resume in a later run, the pytorch_model.bin fallback, and replacing an earlier
// download. What it refuses and how it fails: test_model_download_errors.cpp.

#include "download_fixture.h"

#include <QTemporaryDir>
#include <QTest>

using namespace gitvqa;
using namespace gitvqa::testing;

class TestModelDownload : public QObject, private DownloadFixture {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startHub(); }

    void init() { resetHub(); }

    void downloadsVerifiesAndInstalls()
    {
        QTemporaryDir root;
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start(kRepo, "main", root.path());
        QVERIFY(w.wait());
        QCOMPARE(w.failure(), QString());
        QCOMPARE(w.finished.count(), 1);
        const QString dir = w.finished.first().first().toString();
        QCOMPARE(dir, ModelDownloader::modelFolderFor(root.path(), kRepo));
        verifyInstalled(dir);

        // Progress: total fixed at the needed bytes, done never decreasing, ending at total.
        QVERIFY(w.progress.count() >= 2);
        qint64 lastDone = -1;
        for (const QList<QVariant>& p : std::as_const(w.progress)) {
            QCOMPARE(p[1].toLongLong(), m_modelBytes);
            QVERIFY(p[0].toLongLong() >= lastDone);
            lastDone = p[0].toLongLong();
        }
        QCOMPARE(lastDone, m_modelBytes);
        QVERIFY(w.progress.last()[2].toDouble() > 0.0);

        // Pinned to the commit, LFS through the CDN redirect, no token sent anywhere, no extra files fetched.
        const QString commit = m_server.commitOf(kRepo);
        for (const auto& r : m_server.requestsFor("/resolve/"))
            QVERIFY2(r.target.contains("/resolve/" + commit.toLatin1() + "/"), r.target.constData());
        QCOMPARE(m_server.requestsFor("/resolve/").size(), kExpectedFiles.size());
        QCOMPARE(m_server.requestsFor("/cdn/").size(), 1);
        QCOMPARE(m_server.requestsFor("/cdn/").first().status, 200);
        for (const auto& r : m_server.requests())
            QVERIFY(!r.headers.contains("authorization"));

        // The locator finds it where the app keeps downloads.
        ModelLocator locator;
        locator.setHubCacheDir(root.path() + "/no-cache");
        locator.setAppModelsDir(root.path());
        const ModelResolution found = locator.resolve();
        QVERIFY2(found.found, qPrintable(found.message));
        QCOMPARE(found.model.path, dir);

        // Exactly one outcome.
        QTest::qWait(50);
        QCOMPARE(w.outcomes(), 1);
    }

    void resumesAfterDroppedConnection()
    {
        QTemporaryDir root;
        const qint64 dropAt = 3'000'000;
        m_server.dropConnectionOnce("model.safetensors", dropAt);
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start(kRepo, "main", root.path());
        verifyDownloaded(w);
        verifyResumedAt("/cdn/", dropAt);
        QVERIFY(w.saidStatus("Connection lost; resuming model.safetensors at 3.00 MB"));
    }

    // The server sends part of the file and then nothing, without closing: the stall timeout turns that into a
    // dropped connection, and the download resumes.
    void stalledTransferTimesOutAndResumes()
    {
        QTemporaryDir root;
        m_server.stallOnce("model.safetensors", 2'000'000);
        ModelDownloader d;
        configure(d);
        d.setStallTimeoutMs(300);
        Watch w(d);
        d.start(kRepo, "main", root.path());
        verifyDownloaded(w);
        verifyResumedAt("/cdn/", 2'000'000);
    }

    // A partial without a state file (e.g. copied by hand) is hashed and resumed; when it is already whole, no
    // request is made for it at all.
    void completePartialNeedsNoTransfer()
    {
        QTemporaryDir root;
        const QString staging = ModelDownloader::stagingFolderFor(root.path(), kRepo);
        QVERIFY(QDir().mkpath(staging));
        QVERIFY(QFile::copy(m_reference + "/model.safetensors", staging + "/model.safetensors.incomplete"));
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start(kRepo, "main", root.path());
        verifyDownloaded(w);
        QVERIFY(m_server.requestsFor("/cdn/").isEmpty());
        QVERIFY(w.saidStatus("Checking the 8.62 MB of model.safetensors downloaded earlier"));
    }

    // A partial whose bytes are wrong: the resumed file fails verification, so it is fetched once more from zero.
    void stalePartialIsReplaced()
    {
        QTemporaryDir root;
        const QString staging = ModelDownloader::stagingFolderFor(root.path(), kRepo);
        QVERIFY(QDir().mkpath(staging));
        QFile part(staging + "/model.safetensors.incomplete");
        QVERIFY(part.open(QIODevice::WriteOnly));
        part.write(QByteArray(1'000'000, 'z'));
        part.close();
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start(kRepo, "main", root.path());
        verifyDownloaded(w);
        QCOMPARE(rangesFor("/cdn/"), (QList<QByteArray>{"bytes=1000000-", QByteArray()}));
    }

    // A partial left by a run against another commit is dropped, not glued to the new file's bytes.
    void partialFromOtherCommitIsDropped()
    {
        QTemporaryDir root;
        const QString repo = "test/changing";
        m_server.addRepoFromFolder(repo, m_reference);
        {
            m_server.setBytesPerSecond(4'000'000);
            ModelDownloader d;
            configure(d);
            Watch w(d);
            const QString part = ModelDownloader::stagingFolderFor(root.path(), repo) + "/model.safetensors.incomplete";
            connect(&d, &ModelDownloader::progress, &d, [&d, part](qint64, qint64, double, double, const QString& f) {
                if (f == "model.safetensors" && QFileInfo(part).size() > 200'000)
                    d.cancel();
            });
            d.start(repo, "main", root.path());
            QVERIFY(w.wait());
            QCOMPARE(w.cancelled.count(), 1);
        }
        m_server.resetFaults();
        QByteArray weights = m_server.contentOf(repo, "model.safetensors");
        weights[weights.size() - 100] = char(weights[weights.size() - 100] ^ 1); // a new commit, other weights
        m_server.addFile(repo, "model.safetensors", weights);
        m_server.clearRequests();
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start(repo, "main", root.path());
        QVERIFY(w.wait());
        QCOMPARE(w.failure(), QString());
        QCOMPARE(readAll(w.finished.first().first().toString() + "/model.safetensors"), weights);
        QCOMPARE(rangesFor("/cdn/"), QList<QByteArray>{QByteArray()});
        QCOMPARE(m_server.requestsFor("/resolve/").size(), 1); // the unchanged small files were kept
    }

    void restartsWhenServerIgnoresRange()
    {
        QTemporaryDir root;
        m_server.dropConnectionOnce("model.safetensors", 1'000'000);
        m_server.setIgnoreRange(true);
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start(kRepo, "main", root.path());
        verifyDownloaded(w);
        // The whole file again, answered 200 to a Range request; the client must not append it to the partial.
        verifyResumedAt("/cdn/", 1'000'000, 200);
    }

    void smallFileDropIsResumedToo()
    {
        QTemporaryDir root;
        m_server.dropConnectionOnce("tokenizer.json", 100'000);
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start(kRepo, "main", root.path());
        verifyDownloaded(w);
        verifyResumedAt("tokenizer.json", 100'000);
    }

    // Cancel mid-file: no model folder, the partial stays in the hidden staging folder, and the next run resumes it
    // with a Range request instead of starting again (and does not fetch the finished small files again).
    void cancelThenResumeInNextRun()
    {
        QTemporaryDir root;
        const QString part = ModelDownloader::stagingFolderFor(root.path(), kRepo) + "/model.safetensors.incomplete";
        {
            m_server.setBytesPerSecond(4'000'000);
            ModelDownloader d;
            configure(d);
            Watch w(d);
            connect(&d, &ModelDownloader::progress, &d,
                    [&d](qint64, qint64, double, double, const QString& file) {
                        if (file == "model.safetensors" && QFileInfo(d.property("part").toString()).size() > 500'000)
                            d.cancel();
                    });
            d.setProperty("part", part);
            d.start(kRepo, "main", root.path());
            QVERIFY(w.wait());
            QCOMPARE(w.cancelled.count(), 1);
            QCOMPARE(w.finished.count() + w.failed.count(), 0);
            QVERIFY(!d.isRunning());
        }
        verifyNoModel(root.path());
        const qint64 partial = QFileInfo(part).size();
        QVERIFY2(partial > 500'000 && partial < QFileInfo(m_reference + "/model.safetensors").size(),
                 qPrintable(QString::number(partial)));

        m_server.resetFaults();
        m_server.clearRequests();
        ModelDownloader again;
        configure(again);
        Watch w(again);
        again.start(kRepo, "main", root.path());
        verifyDownloaded(w);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(rangesFor("/cdn/"), QList<QByteArray>{"bytes=" + QByteArray::number(partial) + "-"});
        QCOMPARE(m_server.requestsFor("/resolve/").size(), 1); // only model.safetensors: the rest was verified
        const qint64 weights = QFileInfo(m_reference + "/model.safetensors").size();
        QCOMPARE(w.progress.first()[0].toLongLong(), m_modelBytes - weights);
    }

    void discardForgetsPartialDownload()
    {
        QTemporaryDir root;
        const QString staging = ModelDownloader::stagingFolderFor(root.path(), kRepo);
        QDir().mkpath(staging);
        QFile(staging + "/model.safetensors.incomplete").open(QIODevice::WriteOnly);
        ModelDownloader::discardPartialDownload(root.path(), kRepo);
        QVERIFY(!QFileInfo::exists(staging));
    }

    void pytorchBinOnlyWhenNoSafetensors()
    {
        const QString repo = "test/bin-only";
        m_server.addRepoFromFolder(repo, testing::referencePath("tiny-git-image"));
        m_server.removeFile(repo, "model.safetensors");
        QTemporaryDir root;
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start(repo, "main", root.path());
        QVERIFY(w.wait());
        QCOMPARE(w.failure(), QString());
        const QString dir = w.finished.first().first().toString();
        QCOMPARE(readAll(dir + "/pytorch_model.bin"), m_server.contentOf(repo, "pytorch_model.bin"));
        const ModelInfo info = inspectModelFolder(dir);
        QVERIFY2(info.isUsable(), qPrintable(info.statusText()));
        QCOMPARE(info.kind, ModelKind::Image);
        QCOMPARE(info.weightsFormat, QStringLiteral("pytorch_model.bin"));
    }

    void redownloadReplacesOwnFolderOnly()
    {
        QTemporaryDir root;
        ModelDownloader d;
        configure(d);
        for (int run = 0; run < 2; ++run) {
            Watch w(d);
            d.start(kRepo, "main", root.path());
            verifyDownloaded(w);
            if (QTest::currentTestFailed())
                return;
        }
        QCOMPARE(QDir(root.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden),
                 QStringList{downloadFolderName(kRepo)});

        // A folder of the same name that gitvqa did not make is left alone.
        const QString foreign = ModelDownloader::modelFolderFor(root.path(), kRepo);
        QFile::remove(foreign + "/" + kModelMarkerFileName);
        Watch w(d);
        d.start(kRepo, "main", root.path());
        QVERIFY(w.wait());
        QVERIFY2(w.failure().contains("already exists and was not made by gitvqa"), qPrintable(w.failure()));
        QVERIFY(QFileInfo::exists(foreign + "/model.safetensors"));
    }
};

GITVQA_REFERENCE_TEST_MAIN(TestModelDownload)
#include "test_model_download.moc"
