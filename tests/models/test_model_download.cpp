// The downloader against a fake Hub on 127.0.0.1 (fake_hub_server.h) serving the tiny reference checkpoint
// ../shared/reference/tiny-git-video as microsoft/git-base-msrvtt-qa: a clean download, resume after a dropped
// connection, a server that ignores Range, cancel + resume in a later run, a corrupt file, 404, 401/gated with and
// without a token, a repo that is not GIT, the pytorch_model.bin fallback, an unwritable destination, too little
// free space (injected free-space function) and a real ENOSPC (a partial file linked to /dev/full), a refused
// connection, and replacing an earlier download.

#include "fake_hub_server.h"
#include "models/model_downloader.h"
#include "models/model_inspector.h"
#include "models/model_locator.h"
#include "reference_data.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QEventLoop>

#include <unistd.h>

using namespace gitvqa;
using gitvqa::testing::FakeHubServer;

namespace {

const QString kRepo = QStringLiteral("microsoft/git-base-msrvtt-qa");
// What a GIT checkpoint download must fetch from tiny-git-video (it also holds golden.* files, which it must not).
const QStringList kExpectedFiles{"config.json",      "generation_config.json", "preprocessor_config.json",
                                 "tokenizer.json",   "tokenizer_config.json",  "vocab.txt",
                                 "model.safetensors"};
constexpr int kTimeoutMs = 30000;

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Watches one download and waits for its single outcome.
struct Watch {
    explicit Watch(ModelDownloader& d)
        : downloader(&d)
        , finished(&d, &ModelDownloader::finished)
        , failed(&d, &ModelDownloader::failed)
        , cancelled(&d, &ModelDownloader::cancelled)
        , progress(&d, &ModelDownloader::progress)
        , status(&d, &ModelDownloader::statusChanged)
    {
    }
    int outcomes() const { return int(finished.count() + failed.count() + cancelled.count()); }
    bool wait(int timeoutMs = kTimeoutMs)
    {
        // A real event loop: QTest::qWaitFor sleeps between polls, which would throttle the transfer.
        if (outcomes() > 0)
            return true;
        QEventLoop loop;
        QObject::connect(downloader, &ModelDownloader::finished, &loop, &QEventLoop::quit);
        QObject::connect(downloader, &ModelDownloader::failed, &loop, &QEventLoop::quit);
        QObject::connect(downloader, &ModelDownloader::cancelled, &loop, &QEventLoop::quit);
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
        return outcomes() > 0;
    }
    QString failure() const { return failed.isEmpty() ? QString() : failed.first().first().toString(); }
    ModelDownloader* downloader;
    QSignalSpy finished;
    QSignalSpy failed;
    QSignalSpy cancelled;
    QSignalSpy progress;
    QSignalSpy status;
    bool saidStatus(const QString& part) const
    {
        for (const QList<QVariant>& s : status) {
            if (s.first().toString().contains(part))
                return true;
        }
        return false;
    }
};

} // namespace

class TestModelDownload : public QObject {
    Q_OBJECT

private:
    FakeHubServer m_server;
    QString m_reference;
    qint64 m_modelBytes = 0; // bytes of the files kExpectedFiles names

    void configure(ModelDownloader& d)
    {
        d.setEndpoint(m_server.endpoint());
        d.setToken(QString());
        d.setRetryPolicy(3, 10);
        d.setStallTimeoutMs(10000);
    }

    QList<QByteArray> rangesFor(const QString& part) const
    {
        QList<QByteArray> ranges;
        for (const auto& r : m_server.requestsFor(part))
            ranges.append(r.headers.value("range"));
        return ranges;
    }

    // Qt's HTTP layer may itself resend a request whose connection closed (a Range-less GET the client then drops),
    // so assert on the resume request, not on the exact number of requests.
    void verifyResumedAt(const QString& part, qint64 offset, int status = 206)
    {
        const auto requests = m_server.requestsFor(part);
        QVERIFY(!requests.isEmpty());
        QCOMPARE(requests.first().headers.value("range"), QByteArray());
        QCOMPARE(requests.last().headers.value("range"), "bytes=" + QByteArray::number(offset) + "-");
        QCOMPARE(requests.last().status, status);
        for (const auto& r : requests.mid(1, requests.size() - 2)) {
            const QByteArray range = r.headers.value("range");
            QVERIFY2(range.isEmpty() || range == requests.last().headers.value("range"), range.constData());
        }
    }

    void verifyInstalled(const QString& modelDir, const QString& repo = kRepo)
    {
        for (const QString& name : kExpectedFiles)
            QVERIFY2(readAll(modelDir + "/" + name) == m_server.contentOf(repo, name), qPrintable(name));
        for (const char* absent : {"golden.json", "golden.safetensors", "pytorch_model.bin", "README.md"})
            QVERIFY2(!QFileInfo::exists(modelDir + "/" + absent), absent);
        const ModelInfo info = inspectModelFolder(modelDir);
        QVERIFY2(info.isUsable(), qPrintable(info.statusText()));
        QCOMPARE(info.repoId, repo);
        QCOMPARE(info.revision, m_server.commitOf(repo));
        QCOMPARE(info.kind, ModelKind::Video);
        QCOMPARE(info.frames, 6);
        // Nothing left over from the download itself.
        const QStringList leftovers = QDir(modelDir).entryList({"*.incomplete", ".gitvqa-download-state.json"},
                                                               QDir::Files | QDir::Hidden);
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(", ")));
        QVERIFY(!QFileInfo::exists(ModelDownloader::stagingFolderFor(QFileInfo(modelDir).absolutePath(), repo)));
    }

    void verifyNoModel(const QString& root, const QString& repo = kRepo)
    {
        QVERIFY(!QFileInfo::exists(ModelDownloader::modelFolderFor(root, repo)));
        QVERIFY(ModelLocator::findModelsIn({root, ModelSource::AppModelsFolder}).isEmpty());
    }

private Q_SLOTS:
    void initTestCase()
    {
        // A proxy from the environment must not capture 127.0.0.1, and no real token may be used.
        for (const char* name : {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
                                 "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_ENDPOINT"})
            qunsetenv(name);
        qputenv("no_proxy", "127.0.0.1,localhost");
        QVERIFY(m_server.listen());
        m_reference = testing::referencePath("tiny-git-video");
        m_server.addRepoFromFolder(kRepo, m_reference);
        // Files a GIT download must skip: docs, and a second weights format next to model.safetensors.
        m_server.addFile(kRepo, "README.md", "# tiny GIT\n");
        m_server.addFile(kRepo, ".gitattributes", "*.safetensors filter=lfs diff=lfs merge=lfs -text\n");
        m_server.addFile(kRepo, "pytorch_model.bin", QByteArray(4096, 'x'));
        for (const QString& name : kExpectedFiles)
            m_modelBytes += QFileInfo(m_reference + "/" + name).size();
    }

    void init()
    {
        m_server.resetFaults();
        m_server.clearRequests();
    }

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
        QVERIFY(w.wait());
        QCOMPARE(w.failure(), QString());
        verifyInstalled(w.finished.first().first().toString());
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
        QVERIFY(w.wait());
        QCOMPARE(w.failure(), QString());
        verifyInstalled(w.finished.first().first().toString());
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
        QVERIFY(w.wait());
        QCOMPARE(w.failure(), QString());
        verifyInstalled(w.finished.first().first().toString());
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
        QVERIFY(w.wait());
        QCOMPARE(w.failure(), QString());
        verifyInstalled(w.finished.first().first().toString());
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
        QVERIFY(w.wait());
        QCOMPARE(w.failure(), QString());
        verifyInstalled(w.finished.first().first().toString());
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
        QVERIFY(w.wait());
        QCOMPARE(w.failure(), QString());
        verifyInstalled(w.finished.first().first().toString());
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
        QVERIFY(w.wait());
        QCOMPARE(w.failure(), QString());
        verifyInstalled(w.finished.first().first().toString());
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

    void corruptFileIsRejected_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("checksum");
        QTest::newRow("LFS weights") << "model.safetensors" << "SHA-256";
        QTest::newRow("small file") << "vocab.txt" << "git checksum";
    }

    void corruptFileIsRejected()
    {
        QFETCH(QString, file);
        QFETCH(QString, checksum);
        QTemporaryDir root;
        m_server.corruptFile(file);
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start(kRepo, "main", root.path());
        QVERIFY(w.wait());
        QCOMPARE(w.finished.count(), 0);
        const QString message = w.failure();
        QVERIFY2(message.contains(file) && message.contains("corrupt") && message.contains(checksum)
                     && message.contains("deleted") && message.contains("try again"),
                 qPrintable(message));
        verifyNoModel(root.path());
        const QString staging = ModelDownloader::stagingFolderFor(root.path(), kRepo);
        QVERIFY(!QFileInfo::exists(staging + "/" + file + ".incomplete"));
        QVERIFY(!QFileInfo::exists(staging + "/" + file));
    }

    void unknownRepoIs404()
    {
        QTemporaryDir root;
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start("microsoft/git-base-does-not-exist", "main", root.path());
        QVERIFY(w.wait());
        const QString message = w.failure();
        QVERIFY2(message.contains("no model microsoft/git-base-does-not-exist") && message.contains("404")
                     && message.contains("spelling"),
                 qPrintable(message));
        QCOMPARE(QDir(root.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
    }

    void unknownRevisionIs404()
    {
        QTemporaryDir root;
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start(kRepo, "v9.9", root.path());
        QVERIFY(w.wait());
        QVERIFY2(w.failure().contains("has no revision \"v9.9\""), qPrintable(w.failure()));
    }

    void gatedRepoNeedsToken()
    {
        const QString gated = "test/gated-git";
        m_server.addRepoFromFolder(gated, m_reference);
        m_server.setGated(gated, "hf_secret");
        QTemporaryDir root;
        ModelDownloader d;
        configure(d);
        {
            Watch w(d);
            d.start(gated, "main", root.path());
            QVERIFY(w.wait());
            QVERIFY2(w.failure().contains("401") && w.failure().contains("gated") && w.failure().contains("HF_TOKEN"),
                     qPrintable(w.failure()));
        }
        {
            d.setToken("hf_wrong");
            Watch w(d);
            d.start(gated, "main", root.path());
            QVERIFY(w.wait());
            QVERIFY2(w.failure().contains("did not accept your access token"), qPrintable(w.failure()));
        }
        m_server.clearRequests();
        d.setToken("hf_secret");
        Watch w(d);
        d.start(gated, "main", root.path());
        QVERIFY(w.wait());
        QCOMPARE(w.failure(), QString());
        verifyInstalled(w.finished.first().first().toString(), gated);
        // Bearer token to the Hub's host only; the CDN (another host:port) never sees it.
        for (const auto& r : m_server.requests()) {
            if (r.target.startsWith("/cdn/"))
                QVERIFY(!r.headers.contains("authorization"));
            else
                QCOMPARE(r.headers.value("authorization"), QByteArray("Bearer hf_secret"));
        }
        QCOMPARE(m_server.requestsFor("/cdn/").size(), 1);
    }

    void notAGitModelStopsBeforeWeights()
    {
        const QString bert = "test/not-git";
        m_server.addRepoFromFolder(bert, m_reference);
        QJsonObject config = QJsonDocument::fromJson(m_server.contentOf(bert, "config.json")).object();
        config["model_type"] = "bert";
        m_server.addFile(bert, "config.json", QJsonDocument(config).toJson());
        QTemporaryDir root;
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start(bert, "main", root.path());
        QVERIFY(w.wait());
        QVERIFY2(w.failure().contains("not a GIT model") && w.failure().contains("\"bert\""), qPrintable(w.failure()));
        QVERIFY(m_server.requestsFor("/cdn/").isEmpty());
        QVERIFY(!QFileInfo::exists(ModelDownloader::stagingFolderFor(root.path(), bert)));
        verifyNoModel(root.path(), bert);
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

    void unwritableDestination()
    {
        QTemporaryDir tmp;
        QFile blocker(tmp.path() + "/not-a-folder");
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        ModelDownloader d;
        configure(d);
        {
            Watch w(d);
            d.start(kRepo, "main", blocker.fileName() + "/models");
            QVERIFY(w.wait());
            QVERIFY2(w.failure().contains("Cannot create the download folder")
                         && w.failure().contains("is a file, not a folder") && w.failure().contains("Choose a folder"),
                     qPrintable(w.failure()));
        }
        if (::geteuid() != 0) {
            // Permission bits only bind non-root users; as root the case above is the unwritable one.
            const QString readOnly = tmp.path() + "/read-only";
            QDir().mkpath(readOnly);
            QFile::setPermissions(readOnly, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
            Watch w(d);
            d.start(kRepo, "main", readOnly);
            QVERIFY(w.wait());
            QVERIFY2(w.failure().contains("Cannot write to the download folder"), qPrintable(w.failure()));
            QFile::setPermissions(readOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        }
        QVERIFY(m_server.requests().isEmpty()); // refused before any network traffic
    }

    // The pre-flight check, fed by an injected free-space function (the honest way to get "1 MB free" here).
    void notEnoughFreeSpace()
    {
        QTemporaryDir root;
        ModelDownloader d;
        configure(d);
        QString askedFor;
        d.setFreeSpaceFunction([&askedFor](const QString& folder) {
            askedFor = folder;
            return qint64(1'000'000);
        });
        Watch w(d);
        d.start(kRepo, "main", root.path());
        QVERIFY(w.wait());
        QVERIFY2(w.failure().contains("Not enough free disk space")
                     && w.failure().contains("needs " + formatByteSize(m_modelBytes) + " more")
                     && w.failure().contains("only 1.00 MB is free"),
                 qPrintable(w.failure()));
        QVERIFY(askedFor.startsWith(root.path()));
        QVERIFY(m_server.requestsFor("/resolve/").isEmpty());
        verifyNoModel(root.path());
    }

    // A real ENOSPC from the kernel: the partial file the downloader appends to is a link to /dev/full.
    void diskFullWhileWriting()
    {
        if (!QFileInfo::exists("/dev/full"))
            QSKIP("/dev/full not available");
        QTemporaryDir root;
        const QString staging = ModelDownloader::stagingFolderFor(root.path(), kRepo);
        QVERIFY(QDir().mkpath(staging));
        QVERIFY(QFile::link("/dev/full", staging + "/config.json.incomplete"));
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start(kRepo, "main", root.path());
        QVERIFY(w.wait());
        QVERIFY2(w.failure().contains("The disk is full") && w.failure().contains("config.json")
                     && w.failure().contains("Free up space"),
                 qPrintable(w.failure()));
        verifyNoModel(root.path());
    }

    void connectionRefused()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        QTemporaryDir root;
        ModelDownloader d;
        configure(d);
        d.setEndpoint(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        Watch w(d);
        d.start(kRepo, "main", root.path());
        QVERIFY(w.wait());
        QVERIFY2(w.failure().contains("refused the connection") && w.failure().contains("HF_ENDPOINT"),
                 qPrintable(w.failure()));
    }

    void invalidNameFailsAsynchronously()
    {
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start("not a repo", "main", QDir::tempPath());
        QCOMPARE(w.outcomes(), 0); // never from inside start()
        QVERIFY(w.wait());
        QVERIFY2(w.failure().contains("is not a model name"), qPrintable(w.failure()));
    }

    void redownloadReplacesOwnFolderOnly()
    {
        QTemporaryDir root;
        ModelDownloader d;
        configure(d);
        for (int run = 0; run < 2; ++run) {
            Watch w(d);
            d.start(kRepo, "main", root.path());
            QVERIFY(w.wait());
            QCOMPARE(w.failure(), QString());
            verifyInstalled(w.finished.first().first().toString());
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
