// `gitvqa download` as a user runs it: a real second process against the fake Hub (tests/models/fake_hub_server.h,
// which answers as huggingface.co does), into a Hugging Face cache. One run survives a cut LFS transfer, a 503 and a
// 429 with Retry-After and leaves huggingface_hub's exact layout; `gitvqa ask` then answers with no --model; two
// processes downloading at once share one transfer through the blob lock; gated repos with and without
// --token-file; HF_HUB_OFFLINE sends nothing.

#include "../models/download_fixture.h"
#include "cli_runner.h"
#include "clip_maker.h"
#include "reference_data.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace gitvqa;
using namespace gitvqa::testing;

namespace {

// runGitvqaCli blocks, but the fake Hub lives on this thread's event loop: run the process without blocking it.
struct AsyncRun {
    QProcess process;
    CliRun result;
    void start(const QStringList& args, const QProcessEnvironment& env)
    {
        process.setProcessEnvironment(env);
        process.start(gitvqaCliPath(), args);
    }
    bool wait(int timeoutMs = 120000)
    {
        if (process.state() != QProcess::NotRunning) {
            QEventLoop loop;
            QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
            QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
            loop.exec();
        }
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished();
            result.err = process.readAllStandardError() + "\ngitvqa did not finish in time";
            return false;
        }
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        result.finished = process.exitStatus() == QProcess::NormalExit;
        result.exitCode = result.finished ? process.exitCode() : -1;
        return result.finished;
    }
};

} // namespace

class TestCliDownload : public QObject, private DownloadFixture {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startHub(); }
    void init() { resetHub(); }

    void oneRunSurvivesCut503And429ThenAskFindsTheModel()
    {
        QTemporaryDir dir;
        const QString commit = m_server.commitOf(kRepo);
        m_server.failOnce("/resolve/" + commit + "/config.json", 503);
        m_server.failOnce("/resolve/" + commit + "/model.safetensors", 429, {{"Retry-After", "1"}});
        m_server.dropConnectionOnce("model.safetensors", 1'000'000);
        AsyncRun run;
        run.start({"download"}, environment(dir));
        QVERIFY2(run.wait(), run.result.err.constData());
        QVERIFY2(run.result.exitCode == 0, run.result.err.constData());
        const QString cache = dir.filePath("hf/hub");
        const QString snapshot = QString::fromUtf8(run.result.out).trimmed();
        QCOMPARE(snapshot, repoFolder(cache) + "/snapshots/" + commit);
        verifyInstalled(snapshot);
        const QString err = run.result.errText();
        QVERIFY2(err.contains("HTTP 503") && err.contains("HTTP 429") && err.contains("trying again"), qPrintable(err));
        QVERIFY2(err.contains("model.safetensors") && err.contains("downloaded, verified"), qPrintable(err));
        verifyResumedAt("model.safetensors", 1'000'000);

        // No --model: ask finds the download in the Hugging Face cache.
        GITVQA_REQUIRE_FFMPEG();
        const QString clip = makeTestClip(dir.path(), "clip.mp4", "testsrc", 4);
        QVERIFY(!clip.isEmpty());
        const CliRun ask = runGitvqaCli({"ask", clip, "--at", "2", "what is it?", "--json"}, environment(dir));
        QVERIFY2(ask.exitCode == 0, ask.err.constData());
        const QJsonObject answer = QJsonDocument::fromJson(ask.out).object();
        QVERIFY2(!answer.value("answer_ids").toArray().isEmpty(), ask.out.constData());
        // The model it answered with is the one just downloaded (its name comes from the cache path).
        QCOMPARE(answer.value("model").toString(), kRepo.section(QLatin1Char('/'), 1));
    }

    // Two processes, one cache, the same weights: the second waits on the blob's lock, says for whom, and the
    // weights cross the network once.
    void twoProcessesShareOneTransfer()
    {
        QTemporaryDir dir;
        m_server.setBytesPerSecond(2'000'000);
        AsyncRun first;
        AsyncRun second;
        first.start({"download"}, environment(dir));
        QTest::qWait(300);
        second.start({"download"}, environment(dir));
        QVERIFY2(first.wait(), first.result.err.constData());
        QVERIFY2(second.wait(), second.result.err.constData());
        QVERIFY2(first.result.exitCode == 0, first.result.err.constData());
        QVERIFY2(second.result.exitCode == 0, second.result.err.constData());
        QCOMPARE(first.result.out, second.result.out);
        QCOMPARE(m_server.contentRequestsFor(kRepo, "model.safetensors").size(), 1);
        const QString waited = first.result.errText() + second.result.errText();
        QVERIFY2(waited.contains("Waiting for process") && waited.contains("(gitvqa)"), qPrintable(waited));
        verifyInstalled(QString::fromUtf8(first.result.out).trimmed());
    }

    void gatedRepoWithAndWithoutTokenFile()
    {
        const QString gated = "test/gated-cli";
        m_server.addRepoFromFolder(gated, m_reference);
        m_server.setGated(gated, "hf_cli_token");
        QTemporaryDir dir;
        AsyncRun anonymous;
        anonymous.start({"download", gated}, environment(dir));
        QVERIFY(anonymous.wait());
        QCOMPARE(anonymous.result.exitCode, 1);
        QVERIFY2(anonymous.result.errText().contains("gated model") && anonymous.result.errText().contains("token"),
                 anonymous.result.err.constData());

        const CliRun missing = runGitvqaCli({"download", gated, "--token-file", dir.filePath("nope")}, environment(dir));
        QCOMPARE(missing.exitCode, 5);

        QFile token(dir.filePath("token.txt"));
        QVERIFY(token.open(QIODevice::WriteOnly));
        token.write("hf_cli_token\n");
        token.close();
        AsyncRun signedIn;
        signedIn.start({"download", gated, "--token-file", token.fileName()}, environment(dir));
        QVERIFY(signedIn.wait());
        QVERIFY2(signedIn.result.exitCode == 0, signedIn.result.err.constData());
        QVERIFY(!signedIn.result.err.contains("hf_cli_token")); // never printed
        for (const auto& r : m_server.requests())
            QVERIFY(!r.toCdn() || !r.headers.contains("authorization"));
    }

    void offlineSendsNothing()
    {
        QTemporaryDir dir;
        QProcessEnvironment env = environment(dir);
        env.insert("HF_HUB_OFFLINE", "1");
        const CliRun r = runGitvqaCli({"download"}, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.errText().contains("HF_HUB_OFFLINE"), r.err.constData());
        QVERIFY(m_server.requests().isEmpty());
    }

private:
    QProcessEnvironment environment(const QTemporaryDir& dir) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* name : {"HF_HUB_CACHE", "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_TOKEN_PATH", "http_proxy",
                                 "HTTP_PROXY", "all_proxy", "ALL_PROXY", "HF_HUB_OFFLINE"})
            env.remove(QString::fromLatin1(name));
        env.insert("HF_ENDPOINT", m_server.endpoint().toString());
        env.insert("HF_HOME", dir.filePath("hf"));
        env.insert("XDG_CONFIG_HOME", dir.filePath("config"));
        env.insert("no_proxy", "127.0.0.1,127.0.0.2,localhost");
        return env;
    }
};

GITVQA_REFERENCE_TEST_MAIN(TestCliDownload)
#include "test_cli_download.moc"
