// The downloader against the fake Hub (download_fixture.h), when it must stop with a clear message: a corrupt file,
// an unknown repo (401 to anonymous callers, as the Hub hides private repos) or revision, a gated repo without a
// token, with a token not granted access and with an invalid one, a server that keeps failing or asks for a long
// wait, a repo that is not GIT, an unwritable cache, too little free space (injected free-space function) and a real
// ENOSPC (a partial file linked to /dev/full), a refused connection and an invalid name.
// The successful paths: test_model_download.cpp.

#include "download_fixture.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace gitvqa;
using namespace gitvqa::testing;

class TestModelDownloadErrors : public QObject, private DownloadFixture {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startHub(); }

    void init() { resetHub(); }

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
        QVERIFY(!QFileInfo::exists(blobOf(root.path(), file) + ".incomplete"));
        QVERIFY(!QFileInfo::exists(blobOf(root.path(), file)));
    }

    void unknownRepoIsNamed()
    {
        QTemporaryDir root;
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start("microsoft/git-base-does-not-exist", "main", root.path());
        QVERIFY(w.wait());
        const QString message = w.failure();
        QVERIFY2(message.contains("no model microsoft/git-base-does-not-exist") && message.contains("401")
                     && message.contains("spelling") && message.contains("private or gated"),
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
        m_server.setGated(gated, "hf_granted");
        QTemporaryDir root;
        ModelDownloader d;
        configure(d);
        {
            Watch w(d);
            d.start(gated, "main", root.path());
            QVERIFY(w.wait());
            QVERIFY2(w.failure().contains("gated model") && w.failure().contains("401")
                         && w.failure().contains("Accept them on") && w.failure().contains("Settings")
                         && w.failure().contains("HF_TOKEN") && w.failure().contains("You must have access"),
                     qPrintable(w.failure()));
        }
        {
            d.setToken("hf_not_on_the_list");
            Watch w(d);
            d.start(gated, "main", root.path());
            QVERIFY(w.wait());
            QVERIFY2(w.failure().contains("no access to the gated model") && w.failure().contains("403")
                         && w.failure().contains("not in the authorized list") && !w.failure().contains("hf_not"),
                     qPrintable(w.failure()));
        }
        {
            d.setToken("garbage");
            Watch w(d);
            d.start(gated, "main", root.path());
            QVERIFY(w.wait());
            QVERIFY2(w.failure().contains("did not accept the access token"), qPrintable(w.failure()));
        }
        m_server.clearRequests();
        d.setToken("hf_granted");
        Watch w(d);
        d.start(gated, "main", root.path());
        QVERIFY(w.wait());
        QCOMPARE(w.failure(), QString());
        verifyInstalled(w.finished.first().first().toString(), gated);
        // Bearer token to the Hub's host only; the CDN (127.0.0.2, which answers 400 to it) never sees it.
        for (const auto& r : m_server.requests()) {
            if (r.toCdn())
                QVERIFY(!r.headers.contains("authorization"));
            else
                QCOMPARE(r.headers.value("authorization"), QByteArray("Bearer hf_granted"));
        }
        QCOMPARE(m_server.contentRequestsFor(gated, "model.safetensors").size(), 1);
    }

    // Retries are bounded: a server that keeps answering 503 ends the run with which file, what it said, and that
    // running it again resumes.
    void persistentServerErrorIsExplained()
    {
        QTemporaryDir root;
        const QString commit = m_server.commitOf(kRepo);
        for (int i = 0; i < 5; ++i)
            m_server.failOnce("/resolve/" + commit + "/model.safetensors", 503);
        ModelDownloader d;
        configure(d);
        d.setRetryPolicy(3, 5);
        Watch w(d);
        d.start(kRepo, "main", root.path());
        QVERIFY(w.wait());
        QVERIFY2(w.failure().contains("model.safetensors") && w.failure().contains("HTTP 503")
                     && w.failure().contains("temporarily unavailable") && w.failure().contains("resumes"),
                 qPrintable(w.failure()));
        QCOMPARE(m_server.requestsFor("/resolve/" + commit + "/model.safetensors").size(), 4);
        verifyNoModel(root.path());
    }

    void rateLimitWithLongWaitIsReported()
    {
        QTemporaryDir root;
        m_server.failOnce("/api/models/", 429, {{"Retry-After", "3600"}});
        ModelDownloader d;
        configure(d);
        Watch w(d);
        d.start(kRepo, "main", root.path());
        QVERIFY(w.wait(5000));
        QVERIFY2(w.failure().contains("429") && w.failure().contains("limiting requests"), qPrintable(w.failure()));
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
        QVERIFY(m_server.contentRequestsFor(bert, "model.safetensors").isEmpty());
        QVERIFY(!QFileInfo::exists(repoFolder(root.path(), bert) + "/snapshots/" + m_server.commitOf(bert)));
        QVERIFY(!QFileInfo::exists(blobOf(root.path(), "config.json", bert)));
        verifyNoModel(root.path(), bert);
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
            QVERIFY2(w.failure().contains("Cannot create the Hugging Face cache folder")
                         && w.failure().contains("is a file, not a folder") && w.failure().contains("HF_HUB_CACHE"),
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
            QVERIFY2(w.failure().contains("Cannot write to the Hugging Face cache folder"), qPrintable(w.failure()));
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
        QVERIFY2(w.failure().contains("Not enough free disk space") && w.failure().contains("1.00 MB is free")
                     && w.failure().contains("HF_HUB_CACHE"),
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
        const QString part = blobOf(root.path(), "config.json") + ".incomplete";
        QVERIFY(QDir().mkpath(QFileInfo(part).absolutePath()));
        QVERIFY(QFile::link("/dev/full", part));
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
};

GITVQA_REFERENCE_TEST_MAIN(TestModelDownloadErrors)
#include "test_model_download_errors.moc"
