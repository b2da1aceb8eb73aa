#pragma once
// What the downloader suites (test_model_download*.cpp) share: a fake Hub on 127.0.0.1 (fake_hub_server.h) serving
// the tiny reference checkpoint ../shared/reference/tiny-git-video as microsoft/git-base-msrvtt-qa, a watch on one
// download's outcome, and the checks that a model was (or was not) installed.

#include "fake_hub_server.h"
#include "models/model_downloader.h"
#include "models/model_inspector.h"
#include "models/model_locator.h"
#include "reference_data.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <unistd.h>

namespace gitvqa::testing {

inline const QString kRepo = QStringLiteral("microsoft/git-base-msrvtt-qa");
// What a GIT checkpoint download must fetch from tiny-git-video (it also holds golden.* files, which it must not).
inline const QStringList kExpectedFiles{"config.json",      "generation_config.json", "preprocessor_config.json",
                                        "tokenizer.json",   "tokenizer_config.json",  "vocab.txt",
                                        "model.safetensors"};
inline constexpr int kTimeoutMs = 30000;

inline QByteArray readAll(const QString& path)
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

// The fake Hub and the checks on what a download left behind. A suite's test class derives from it (after QObject),
// calls startHub() from initTestCase() and resetHub() from init(). Downloads go into a Hugging Face cache folder.
class DownloadFixture {
protected:
    FakeHubServer m_server;
    QString m_reference;
    qint64 m_modelBytes = 0; // bytes of the files kExpectedFiles names

    void startHub()
    {
        // A proxy from the environment must not capture 127.0.0.1, and no real token or cache may be used.
        for (const char* name : {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
                                 "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_ENDPOINT", "HF_HUB_OFFLINE",
                                 "TRANSFORMERS_OFFLINE", "HF_TOKEN_PATH"})
            qunsetenv(name);
        qputenv("no_proxy", "127.0.0.1,127.0.0.2,localhost");
        QVERIFY(m_server.listen());
        m_reference = referencePath("tiny-git-video");
        m_server.addRepoFromFolder(kRepo, m_reference);
        // Files a GIT download must skip: docs, and a second weights format next to model.safetensors.
        m_server.addFile(kRepo, "README.md", "# tiny GIT\n");
        m_server.addFile(kRepo, ".gitattributes", "*.safetensors filter=lfs diff=lfs merge=lfs -text\n");
        m_server.addFile(kRepo, "pytorch_model.bin", QByteArray(4096, 'x'));
        for (const QString& name : kExpectedFiles)
            m_modelBytes += QFileInfo(m_reference + "/" + name).size();
    }

    // Every test starts without faults and with an empty request log.
    void resetHub()
    {
        m_server.resetFaults();
        m_server.clearRequests();
    }

    void configure(ModelDownloader& d)
    {
        d.setEndpoint(m_server.endpoint());
        d.setToken(QString());
        d.setRetryPolicy(3, 10);
        d.setStallTimeoutMs(10000);
        d.setLockPollMs(20);
    }

    static QString repoFolder(const QString& cache, const QString& repo = kRepo)
    {
        return cache + "/models--" + QString(repo).replace("/", "--");
    }
    QString blobOf(const QString& cache, const QString& file, const QString& repo = kRepo) const
    {
        return repoFolder(cache, repo) + "/blobs/" + m_server.etagOf(repo, file);
    }

    QList<QByteArray> rangesFor(const QString& repo, const QString& file) const
    {
        QList<QByteArray> ranges;
        for (const auto& r : m_server.contentRequestsFor(repo, file))
            ranges.append(r.headers.value("range"));
        return ranges;
    }

    // Qt's HTTP layer may itself resend a request whose connection closed, so assert on the resume request, not on
    // the exact number of requests.
    void verifyResumedAt(const QString& file, qint64 offset, int status = 206)
    {
        const auto requests = m_server.contentRequestsFor(kRepo, file);
        QVERIFY(!requests.isEmpty());
        QCOMPARE(requests.first().headers.value("range"), QByteArray());
        QCOMPARE(requests.last().headers.value("range"), "bytes=" + QByteArray::number(offset) + "-");
        QCOMPARE(requests.last().status, status);
        for (const auto& r : requests.mid(1, requests.size() - 2)) {
            const QByteArray range = r.headers.value("range");
            QVERIFY2(range.isEmpty() || range == requests.last().headers.value("range"), range.constData());
        }
    }

    // huggingface_hub's layout exactly (file_download.py): blobs named by etag, relative links in the snapshot,
    // refs/main holding the bare commit, a lock file per blob, CACHEDIR.TAG, nothing half-written left.
    void verifyCacheLayout(const QString& cache, const QString& snapshot, const QString& repo = kRepo,
                           const QString& revision = QStringLiteral("main"))
    {
        const QString commit = m_server.commitOf(repo);
        const QString storage = repoFolder(cache, repo);
        QCOMPARE(snapshot, storage + "/snapshots/" + commit);
        QCOMPARE(readAll(storage + "/refs/" + revision), commit.toLatin1());
        for (const QString& name : kExpectedFiles) {
            const QString etag = m_server.etagOf(repo, name);
            const QFileInfo link(snapshot + "/" + name);
            QVERIFY2(link.isSymLink(), qPrintable(name));
            QCOMPARE(QFile::encodeName(link.symLinkTarget()), QFile::encodeName(storage + "/blobs/" + etag));
            QByteArray target(4096, '\0');
            const ssize_t n = ::readlink(QFile::encodeName(link.filePath()).constData(), target.data(), 4096);
            QCOMPARE(target.left(n), ("../../blobs/" + etag).toLatin1());
            QVERIFY2(QFileInfo(cache + "/.locks/" + QFileInfo(storage).fileName() + "/" + etag + ".lock").exists(),
                     qPrintable(name));
        }
        QVERIFY(QFileInfo::exists(cache + "/CACHEDIR.TAG"));
        const QStringList leftovers = QDir(storage + "/blobs").entryList({"*.incomplete"}, QDir::Files);
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(", ")));
    }

    void verifyInstalled(const QString& snapshot, const QString& repo = kRepo)
    {
        for (const QString& name : kExpectedFiles)
            QVERIFY2(readAll(snapshot + "/" + name) == m_server.contentOf(repo, name), qPrintable(name));
        for (const char* absent : {"golden.json", "golden.safetensors", "pytorch_model.bin", "README.md"})
            QVERIFY2(!QFileInfo::exists(snapshot + "/" + absent), absent);
        const ModelInfo info = inspectModelFolder(snapshot, ModelSource::HuggingFaceCache);
        QVERIFY2(info.isUsable(), qPrintable(info.statusText()));
        QCOMPARE(info.repoId, repo);
        QCOMPARE(info.revision, m_server.commitOf(repo));
        QCOMPARE(info.kind, ModelKind::Video);
        QCOMPARE(info.frames, 6);
        const QString cache = QFileInfo(snapshot + "/../../..").canonicalFilePath();
        verifyCacheLayout(cache, snapshot, repo);
    }

    void verifyNoModel(const QString& cache, const QString& repo = kRepo)
    {
        // refs/REVISION is written last, so nothing names the unfinished snapshot; a folder that lists it sees
        // what is missing.
        QCOMPARE(ModelDownloader::modelFolderFor(cache, repo), QString());
        for (const ModelInfo& m : ModelLocator::findModelsIn({cache, ModelSource::HuggingFaceCache}))
            QVERIFY2(!m.isUsable(), qPrintable(m.path));
    }

    // Waits for the download `w` watches and checks that it installed a complete model.
    void verifyDownloaded(Watch& w)
    {
        QVERIFY(w.wait());
        QCOMPARE(w.failure(), QString());
        verifyInstalled(w.finished.first().first().toString());
    }
};

} // namespace gitvqa::testing
