// `gitvqa ask/batch/eval` as a script uses them: real clips, the tiny reference model, JSON out, exit codes.

#include "cli_runner.h"
#include "clip_maker.h"
#include "reference_data.h"

#include "media/frame_sampler.h"
#include "service/model_bundle.h"
#include "text/prompt_builder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace gitvqa;
using gitvqa::testing::referencePath;

namespace {

using gitvqa::testing::CliRun;
using gitvqa::testing::runGitvqaCli;

QString model() { return referencePath(QStringLiteral("tiny-git-video")); }

} // namespace

class TestCliAsk : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        GITVQA_REQUIRE_FFMPEG();
        m_clip = gitvqa::testing::makeTestClip(m_dir.path(), QStringLiteral("clip.mp4"), QStringLiteral("testsrc2"));
        QVERIFY(!m_clip.isEmpty());
    }

    // The ids the CLI prints are the engine's on the frames the sampler returns.
    void askJsonMatchesEngine()
    {
        const CliRun r = runGitvqaCli({QStringLiteral("ask"), m_clip, QStringLiteral("--at"), QStringLiteral("0.2"), QStringLiteral("--window"),
                                       QStringLiteral("4"), QStringLiteral("--model"), model(), QStringLiteral("--json"),
                                       QStringLiteral("what is the man doing in the kitchen?")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("segment")).toObject().value(QStringLiteral("start")).toDouble(), 0.0);
        QCOMPARE(o.value(QStringLiteral("segment")).toObject().value(QStringLiteral("end")).toDouble(), 4.0);
        QCOMPARE(o.value(QStringLiteral("frame_times")).toArray().size(), 6);
        QVERIFY(o.value(QStringLiteral("timings")).toObject().value(QStringLiteral("encoding_ms")).toDouble() > 0);

        auto bundle = ModelBundle::load(model(), EngineOptions{"cpu", "float32", 0});
        std::string error;
        auto sampler = FrameSampler::open(m_clip.toStdString(), &error);
        std::vector<RgbImage> images;
        for (const auto& f : sampler->sampleAround(0.2, 4.0, 6, &error))
            images.push_back(f.image);
        const PixelBatch px = preprocessFrames(images, bundle->preprocessor);
        const auto ctx = bundle->engine->encode(px.data.data(), 6, 3, px.height, px.width);
        const auto prompt = buildQuestionPrompt(*bundle->tokenizer, QStringLiteral("what is the man doing in the kitchen?"), 1024, 20);
        const auto g = bundle->engine->generate(*ctx, prompt.ids);
        QJsonArray expected;
        for (auto id : g.newTokens)
            expected.append(static_cast<double>(id));
        QCOMPARE(o.value(QStringLiteral("answer_ids")).toArray(), expected);
        QCOMPARE(o.value(QStringLiteral("answer")).toString(), bundle->tokenizer->decode(g.newTokens));
    }

    void askStreamsPlainText()
    {
        const CliRun r = runGitvqaCli({QStringLiteral("ask"), m_clip, QStringLiteral("--from"), QStringLiteral("0:02"), QStringLiteral("--to"),
                                       QStringLiteral("0:06"), QStringLiteral("--model"), model(), QStringLiteral("what is it?")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.trimmed().size() > 0);
        QVERIFY(r.out.endsWith('\n'));
    }

    void errorsHaveTheirExitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("needle");
        QTest::newRow("empty question") << QStringList{QStringLiteral("--at"), QStringLiteral("1"), QStringLiteral("  ")} << 5 << "question is empty";
        QTest::newRow("no segment") << QStringList{QStringLiteral("what?")} << 2 << "--at";
        QTest::newRow("bad range") << QStringList{QStringLiteral("--from"), QStringLiteral("5"), QStringLiteral("--to"), QStringLiteral("2"), QStringLiteral("what?")} << 2 << "--from";
        QTest::newRow("bad beams") << QStringList{QStringLiteral("--at"), QStringLiteral("1"), QStringLiteral("--beams"), QStringLiteral("0"), QStringLiteral("what?")} << 2 << "beams";
    }
    void errorsHaveTheirExitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, needle);
        const CliRun r = runGitvqaCli(QStringList{QStringLiteral("ask"), m_clip, QStringLiteral("--model"), model()} + args);
        QCOMPARE(r.exitCode, code);
        QVERIFY2(r.errText().contains(needle), qPrintable(r.errText()));
    }

    void brokenVideoAndMissingModel()
    {
        QFile text(m_dir.filePath(QStringLiteral("broken.mp4")));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write(QByteArray(5000, 'x'));
        text.close();
        CliRun r = runGitvqaCli({QStringLiteral("ask"), text.fileName(), QStringLiteral("--at"), QStringLiteral("1"), QStringLiteral("--model"), model(), QStringLiteral("what?")});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.errText().contains(QStringLiteral("cannot be read")), qPrintable(r.errText()));

        r = runGitvqaCli({QStringLiteral("ask"), m_clip, QStringLiteral("--at"), QStringLiteral("1"), QStringLiteral("--model"), m_dir.filePath(QStringLiteral("nope")), QStringLiteral("what?")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.errText().contains(QStringLiteral("does not exist")), qPrintable(r.errText()));

        // No --model, no configured model, empty Hugging Face cache: say where to put it.
        r = runGitvqaCli({QStringLiteral("ask"), m_clip, QStringLiteral("--at"), QStringLiteral("1"), QStringLiteral("what?")}, isolatedEnvironment());
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.errText().contains(QStringLiteral("models--microsoft--git-base-msrvtt-qa")), qPrintable(r.errText()));
    }

    // The model is found in the Hugging Face cache layout without --model.
    void modelFromHuggingFaceCache()
    {
        const QString snapshot = m_dir.filePath(QStringLiteral("hf/hub/models--microsoft--git-base-msrvtt-qa/snapshots/0123abc"));
        QVERIFY(QDir().mkpath(QFileInfo(snapshot).path()));
        QVERIFY(QFile::link(model(), snapshot));
        const CliRun r = runGitvqaCli({QStringLiteral("ask"), m_clip, QStringLiteral("--at"), QStringLiteral("3"), QStringLiteral("--json"), QStringLiteral("what?")}, isolatedEnvironment());
        QCOMPARE(r.exitCode, 0);
        QVERIFY(QJsonDocument::fromJson(r.out).object().contains(QStringLiteral("answer")));
    }

    void batchAnswersEveryLine()
    {
        QFile q(m_dir.filePath(QStringLiteral("questions.jsonl")));
        QVERIFY(q.open(QIODevice::WriteOnly));
        q.write("{\"video\": \"clip.mp4\", \"at\": 3, \"question\": \"what is it?\"}\n"
                "{\"video\": \"clip.mp4\", \"at\": 3, \"question\": \"what color is it?\"}\n"
                "not json\n"
                "{\"video\": \"clip.mp4\", \"from\": 1, \"to\": 5, \"question\": \"who is there?\"}\n");
        q.close();
        const CliRun r = runGitvqaCli({QStringLiteral("batch"), QStringLiteral("--questions"), q.fileName(), QStringLiteral("--model"), model()});
        QCOMPARE(r.exitCode, 1); // one line failed
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        QVERIFY(QJsonDocument::fromJson(lines[0]).object().contains(QStringLiteral("answer")));
        QVERIFY(!QJsonDocument::fromJson(lines[0]).object().value(QStringLiteral("context_reused")).toBool());
        QVERIFY(QJsonDocument::fromJson(lines[1]).object().value(QStringLiteral("context_reused")).toBool());
        QVERIFY(QJsonDocument::fromJson(lines[2]).object().contains(QStringLiteral("error")));
        QCOMPARE(QJsonDocument::fromJson(lines[3]).object().value(QStringLiteral("line")).toInt(), 4);
        QVERIFY(r.errText().contains(QStringLiteral("3 answered, 1 failed")));
    }

    void evalCountsExactMatches()
    {
        // The tiny model answers nonsense; make one annotation whose answer is exactly what it says.
        const QString videos = m_dir.filePath(QStringLiteral("msrvtt"));
        QVERIFY(QDir().mkpath(videos));
        QVERIFY(QFile::copy(m_clip, videos + QStringLiteral("/video7010.mp4")));
        const CliRun first = runGitvqaCli({QStringLiteral("ask"), videos + QStringLiteral("/video7010.mp4"), QStringLiteral("--from"),
                                           QStringLiteral("0"), QStringLiteral("--to"), QStringLiteral("100000"), QStringLiteral("--model"),
                                           model(), QStringLiteral("--json"), QStringLiteral("what is a man doing?")});
        const QString said = QJsonDocument::fromJson(first.out).object().value(QStringLiteral("answer")).toString();
        QVERIFY(!said.isEmpty());
        QJsonArray qa{QJsonObject{{QStringLiteral("video_id"), 7010}, {QStringLiteral("question"), QStringLiteral("what is a man doing?")}, {QStringLiteral("answer"), said}},
                      QJsonObject{{QStringLiteral("video_id"), 7010}, {QStringLiteral("question"), QStringLiteral("who is singing?")}, {QStringLiteral("answer"), QStringLiteral("xyzzy")}},
                      QJsonObject{{QStringLiteral("video_id"), 9999}, {QStringLiteral("question"), QStringLiteral("how?")}, {QStringLiteral("answer"), QStringLiteral("a")}}};
        QFile ann(m_dir.filePath(QStringLiteral("qa.json")));
        QVERIFY(ann.open(QIODevice::WriteOnly));
        ann.write(QJsonDocument(qa).toJson());
        ann.close();
        const CliRun r = runGitvqaCli({QStringLiteral("eval"), QStringLiteral("--annotations"), ann.fileName(), QStringLiteral("--videos"), videos,
                                       QStringLiteral("--model"), model()});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject s = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(s.value(QStringLiteral("evaluated")).toInt(), 2);
        QCOMPARE(s.value(QStringLiteral("correct")).toInt(), 1);
        QCOMPARE(s.value(QStringLiteral("missing_videos")).toInt(), 1);
        QCOMPARE(s.value(QStringLiteral("by_type")).toObject().value(QStringLiteral("what")).toObject().value(QStringLiteral("correct")).toInt(), 1);
        QCOMPARE(s.value(QStringLiteral("by_type")).toObject().value(QStringLiteral("who")).toObject().value(QStringLiteral("asked")).toInt(), 1);
    }

    // Headless sessions: ask/scan append to a session file that every export format reads.
    void sessionsBuildHeadless()
    {
        const QString session = m_dir.filePath(QStringLiteral("talk.json"));
        for (const char* q : {"what is, \"it\"?", "what color is the dog?"}) {
            const CliRun r = runGitvqaCli({QStringLiteral("ask"), m_clip, QStringLiteral("--at"), QStringLiteral("4"), QStringLiteral("--model"), model(),
                                           QStringLiteral("--session"), session, QString::fromLatin1(q)});
            QCOMPARE(r.exitCode, 0);
        }
        CliRun r = runGitvqaCli({QStringLiteral("scan"), m_clip, QStringLiteral("is it red?"), QStringLiteral("--window"), QStringLiteral("6"),
                                 QStringLiteral("--max-new-tokens"), QStringLiteral("2"), QStringLiteral("--model"), model(),
                                 QStringLiteral("--session"), session, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("windows")).toArray().size(), 2);
        QFile f(session);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray exchanges = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("exchanges")).toArray();
        QCOMPARE(exchanges.size(), 3);
        QCOMPARE(exchanges[0].toObject().value(QStringLiteral("question")).toString(), QStringLiteral("what is, \"it\"?"));
        QCOMPARE(exchanges[2].toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("scan"));
        r = runGitvqaCli({QStringLiteral("export"), session, QStringLiteral("--format"), QStringLiteral("srt")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("-->"));
        QVERIFY(r.out.contains("what color is the dog?"));
        r = runGitvqaCli({QStringLiteral("export"), session, QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("\"what is, \"\"it\"\"?\""));
    }

private:
    // HF_HOME and XDG_CONFIG_HOME inside m_dir: no configured model, and only the Hugging Face cache made here.
    QProcessEnvironment isolatedEnvironment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HF_HOME"), m_dir.filePath(QStringLiteral("hf")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        return env;
    }

    QTemporaryDir m_dir;
    QString m_clip;
};

GITVQA_REFERENCE_TEST_MAIN(TestCliAsk)
#include "test_cli_ask.moc"
