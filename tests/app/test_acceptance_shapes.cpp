// Issue 15: answers that mean something, end to end through the command line a person or a script uses, with the
// shapes model (../shared/reference/shapes-git-video), which really answers questions about its clips. The truth
// and the independent Python pipeline's answers come from shapes-clips/qa.json and reference.json; the two-scene
// clip's scenes from segments.json. Also the evaluation at scale: clips encoded once, shards, resume, merge.

#include "cli_runner.h"
#include "shapes_reference.h"

#include "media/frame_sampler.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace gitvqa;
using namespace gitvqa::testing;

namespace {

QStringList modelArgs() { return {QStringLiteral("--model"), shapesModelDir(), QStringLiteral("--device"), QStringLiteral("cpu")}; }

QString videosDir() { return shapesClipsDir() + QStringLiteral("/videos"); }

// video<N> → the file of that name in videos/, whatever its container.
QString clipFile(const QString& video)
{
    const QStringList hits = QDir(videosDir()).entryList({video + QStringLiteral(".*")}, QDir::Files);
    return hits.size() == 1 ? videosDir() + QLatin1Char('/') + hits.first() : QString();
}

double durationOf(const QString& file)
{
    std::string error;
    const auto s = FrameSampler::open(file.toStdString(), &error);
    return s ? s->info().duration : 0.0;
}

QString askAnswer(const QStringList& args)
{
    const CliRun r = runGitvqaCli(QStringList{QStringLiteral("ask")} + args + modelArgs() + QStringList{QStringLiteral("--json")});
    if (r.exitCode != 0)
        return QStringLiteral("<exit %1: %2>").arg(r.exitCode).arg(r.errText());
    return QJsonDocument::fromJson(r.out).object().value(QStringLiteral("answer")).toString().trimmed().toLower();
}

QJsonObject lastJsonObject(const QByteArray& out)
{
    const int start = out.indexOf('{');
    return start < 0 ? QJsonObject() : QJsonDocument::fromJson(out.mid(start)).object();
}

QMap<int, QString> predictionsIn(const QString& path)
{
    QMap<int, QString> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (!line.trimmed().isEmpty()) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            out.insert(o.value(QStringLiteral("index")).toInt(), o.value(QStringLiteral("prediction")).toString());
        }
    return out;
}

} // namespace

class TestAcceptanceShapes : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_questions = shapesQuestions();
        QVERIFY2(!m_questions.isEmpty(), "shapes-clips/qa.json and reference.json are missing or do not match");
        m_scenes = twoScenes();
        QVERIFY(m_scenes.boundary > 0);
        m_twoScenesLength = durationOf(twoScenesClip());
        QVERIFY(m_twoScenesLength > m_scenes.boundary);
    }

    // `gitvqa ask` over each whole clip, as the Python pipeline sampled it: the same answer wherever that pipeline is
    // right, and at least 95 % agreement overall.
    void askAgreesWithThePythonPipeline()
    {
        QMap<QString, double> durations;
        int agree = 0, pythonRight = 0;
        QStringList differences;
        for (const ShapesQuestion& q : m_questions) {
            const QString file = clipFile(q.video);
            QVERIFY2(!file.isEmpty(), qPrintable(q.video));
            if (!durations.contains(file))
                durations[file] = durationOf(file);
            QVERIFY(durations[file] > 0);
            const QString answer = askAnswer({file, q.question, QStringLiteral("--from"), QStringLiteral("0"), QStringLiteral("--to"),
                                              QString::number(durations[file], 'g', 17)});
            m_askAnswers.push_back(answer);
            const bool same = answer == q.python.toLower();
            agree += same;
            if (!same)
                differences << QStringLiteral("%1 \"%2\": app %3, python %4, truth %5").arg(QFileInfo(file).fileName(), q.question, answer, q.python, q.answer);
            if (q.python.toLower() == q.answer.toLower()) {
                ++pythonRight;
                QVERIFY2(same, qPrintable(same ? QString() : differences.last()));
            }
        }
        qInfo("agreement with the Python pipeline: %d/%lld (%.1f%%); it is right on %d", agree, qlonglong(m_questions.size()),
              100.0 * agree / m_questions.size(), pythonRight);
        for (const QString& d : differences)
            qInfo("  %s", qPrintable(d));
        QVERIFY2(agree >= 0.95 * m_questions.size(), qPrintable(differences.join(QLatin1Char('\n'))));
    }

    // `gitvqa eval` on qa.json reports the accuracy those answers have, encoding each clip once for all its questions.
    void evalReportsThatAccuracy()
    {
        QVERIFY(m_askAnswers.size() == m_questions.size());
        const QString predictions = m_dir.filePath(QStringLiteral("all.jsonl"));
        const CliRun r = runGitvqaCli(QStringList{QStringLiteral("eval"), QStringLiteral("--annotations"), shapesClipsDir() + QStringLiteral("/qa.json"),
                                                  QStringLiteral("--videos"), videosDir(), QStringLiteral("--predictions"), predictions}
                                      + modelArgs(), QProcessEnvironment::systemEnvironment(), 300000);
        QCOMPARE(r.exitCode, 0);
        const QJsonObject s = lastJsonObject(r.out);
        int correct = 0;
        QSet<QString> clips;
        for (int i = 0; i < m_questions.size(); ++i) {
            correct += m_askAnswers[i] == m_questions[i].answer.toLower();
            clips.insert(m_questions[i].video);
        }
        QCOMPARE(s.value(QStringLiteral("evaluated")).toInt(), int(m_questions.size()));
        QCOMPARE(s.value(QStringLiteral("correct")).toInt(), correct);
        QCOMPARE(s.value(QStringLiteral("accuracy")).toDouble(), double(correct) / m_questions.size());
        QCOMPARE(s.value(QStringLiteral("clips")).toInt(), int(clips.size()));
        QCOMPARE(s.value(QStringLiteral("clips_encoded")).toInt(), int(clips.size()));
        QVERIFY(s.value(QStringLiteral("clips_per_minute")).toDouble() > 0);
        const QMap<int, QString> p = predictionsIn(predictions);
        QCOMPARE(p.size(), int(m_questions.size()));
        for (int i = 0; i < m_questions.size(); ++i)
            QCOMPARE(p.value(i).trimmed().toLower(), m_askAnswers[i]);
        m_unsharded = s;
        m_allPredictions = predictions;
        qInfo("eval: accuracy %.3f, %.1f clips/min", s.value(QStringLiteral("accuracy")).toDouble(),
              s.value(QStringLiteral("clips_per_minute")).toDouble());
    }

    // Two shards (every other clip) on "two machines", merged, give the unsharded run's score exactly.
    void twoShardsMergeIntoTheUnshardedRun()
    {
        QVERIFY(!m_unsharded.isEmpty());
        QStringList files;
        QSet<int> seen;
        for (const char* shard : {"0/2", "1/2"}) {
            const QString out = m_dir.filePath(QStringLiteral("shard%1.jsonl").arg(files.size()));
            const CliRun r = runGitvqaCli(QStringList{QStringLiteral("eval"), QStringLiteral("--annotations"), shapesClipsDir() + QStringLiteral("/qa.json"),
                                                      QStringLiteral("--videos"), videosDir(), QStringLiteral("--predictions"), out,
                                                      QStringLiteral("--shard"), QLatin1String(shard)}
                                          + modelArgs(), QProcessEnvironment::systemEnvironment(), 300000);
            QCOMPARE(r.exitCode, 0);
            const QMap<int, QString> p = predictionsIn(out);
            QVERIFY(!p.isEmpty());
            for (int i : p.keys()) {
                QVERIFY2(!seen.contains(i), "a question was asked by both shards");
                seen.insert(i);
            }
            files << out;
        }
        QCOMPARE(seen.size(), int(m_questions.size()));
        const CliRun merged = runGitvqaCli(QStringList{QStringLiteral("eval"), QStringLiteral("--merge")} + files);
        QCOMPARE(merged.exitCode, 0);
        const QJsonObject m = lastJsonObject(merged.out);
        for (const char* key : {"questions", "evaluated", "correct", "accuracy", "by_type"})
            QCOMPARE(m.value(QLatin1String(key)), m_unsharded.value(QLatin1String(key)));
    }

    // A job killed mid-way (its last line cut short) resumes: only the questions not yet answered are asked, only
    // their clips are encoded, and the file ends with one whole record per question, equal to the full run.
    void resumeAsksOnlyWhatIsLeft()
    {
        QVERIFY(!m_allPredictions.isEmpty());
        QFile full(m_allPredictions);
        QVERIFY(full.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = full.readAll().split('\n');
        const int keep = int(m_questions.size()) * 2 / 5 + 1;
        const QString partial = m_dir.filePath(QStringLiteral("resumed.jsonl"));
        QFile out(partial);
        QVERIFY(out.open(QIODevice::WriteOnly));
        QSet<int> kept;
        for (int i = 0; i < keep; ++i) {
            out.write(lines[i] + '\n');
            kept.insert(QJsonDocument::fromJson(lines[i]).object().value(QStringLiteral("index")).toInt());
        }
        out.write(lines[keep].left(lines[keep].size() / 2)); // killed while writing
        out.close();
        QSet<QString> clipsLeft;
        for (int i = 0; i < m_questions.size(); ++i)
            if (!kept.contains(i))
                clipsLeft.insert(m_questions[i].video);

        const CliRun r = runGitvqaCli(QStringList{QStringLiteral("eval"), QStringLiteral("--annotations"), shapesClipsDir() + QStringLiteral("/qa.json"),
                                                  QStringLiteral("--videos"), videosDir(), QStringLiteral("--predictions"), partial,
                                                  QStringLiteral("--resume")}
                                      + modelArgs(), QProcessEnvironment::systemEnvironment(), 300000);
        QCOMPARE(r.exitCode, 0);
        const QJsonObject s = lastJsonObject(r.out);
        QCOMPARE(s.value(QStringLiteral("skipped")).toInt(), keep);
        QCOMPARE(s.value(QStringLiteral("clips_encoded")).toInt(), int(clipsLeft.size()));
        for (const char* key : {"evaluated", "correct", "accuracy", "by_type"})
            QCOMPARE(s.value(QLatin1String(key)), m_unsharded.value(QLatin1String(key)));
        QFile resumed(partial);
        QVERIFY(resumed.open(QIODevice::ReadOnly));
        int records = 0;
        for (const QByteArray& line : resumed.readAll().split('\n'))
            if (!line.isEmpty()) {
                QVERIFY2(QJsonDocument::fromJson(line).isObject(), line.constData());
                ++records;
            }
        QCOMPARE(records, int(m_questions.size()));
        QCOMPARE(predictionsIn(partial), predictionsIn(m_allPredictions));
    }

    // MSRVTT-QA's own format: category_id names the question type (0 what, 1 who, 2 how, 3 when, 4 where).
    void theRealAnnotationFormat()
    {
        QJsonArray items;
        for (int i = 0; i < 5; ++i)
            items.append(QJsonObject{{QStringLiteral("question"), m_questions[i].question},
                                     {QStringLiteral("answer"), m_questions[i].answer},
                                     {QStringLiteral("video_id"), m_questions[i].video.mid(5).toInt()},
                                     {QStringLiteral("id"), 1000 + i},
                                     {QStringLiteral("category_id"), 1}});
        QFile f(m_dir.filePath(QStringLiteral("msrvtt.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(items).toJson());
        f.close();
        const QString predictions = m_dir.filePath(QStringLiteral("msrvtt.jsonl"));
        const CliRun r = runGitvqaCli(QStringList{QStringLiteral("eval"), QStringLiteral("--annotations"), f.fileName(), QStringLiteral("--videos"),
                                                  videosDir(), QStringLiteral("--predictions"), predictions}
                                      + modelArgs());
        QCOMPARE(r.exitCode, 0);
        const QJsonObject types = lastJsonObject(r.out).value(QStringLiteral("by_type")).toObject();
        QCOMPARE(types.keys(), QStringList{QStringLiteral("who")});
        QCOMPARE(types.value(QStringLiteral("who")).toObject().value(QStringLiteral("asked")).toInt(), 5);
        QFile p(predictions);
        QVERIFY(p.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(p.readLine()).object().value(QStringLiteral("id")).toInt(), 1000);
        // Nonsense is refused in words, with its own exit code.
        const CliRun bad = runGitvqaCli({QStringLiteral("eval"), QStringLiteral("--merge"), f.fileName()});
        QVERIFY(bad.exitCode != 0);
        QVERIFY2(bad.errText().contains(QStringLiteral("not a prediction")), qPrintable(bad.errText()));
        const CliRun shard = runGitvqaCli({QStringLiteral("eval"), QStringLiteral("--annotations"), f.fileName(), QStringLiteral("--videos"),
                                           videosDir(), QStringLiteral("--shard"), QStringLiteral("2/2")});
        QVERIFY(shard.exitCode != 0);
        QVERIFY2(shard.errText().contains(QStringLiteral("0 <= I < N")), qPrintable(shard.errText()));
    }

    // The answer is about the moment asked: at the middle of each scene of the two-scene clip, with the default
    // window (which stays inside the scene there), the colour is that scene's.
    void answersFollowThePlayhead()
    {
        const double inFirst = m_scenes.boundary / 2;
        const double inSecond = (m_scenes.boundary + m_twoScenesLength) / 2;
        QCOMPARE(askAnswer({twoScenesClip(), QStringLiteral("what color is it?"), QStringLiteral("--at"), QString::number(inFirst)}),
                 m_scenes.first.color);
        QCOMPARE(askAnswer({twoScenesClip(), QStringLiteral("what color is it?"), QStringLiteral("--at"), QString::number(inSecond)}),
                 m_scenes.second.color);
    }

    void aMarkedSegmentInsideTheSecondScene()
    {
        const double from = m_scenes.boundary + 1, to = m_twoScenesLength - 1;
        QCOMPARE(askAnswer({twoScenesClip(), QStringLiteral("what color is it?"), QStringLiteral("--from"), QString::number(from),
                            QStringLiteral("--to"), QString::number(to)}),
                 m_scenes.second.color);
    }

    // A scan whose window fits each scene puts each colour on its scene's time range.
    void aScanPutsEachColourOnItsScene()
    {
        const CliRun r = runGitvqaCli(QStringList{QStringLiteral("scan"), twoScenesClip(), QStringLiteral("what color is it?"), QStringLiteral("--window"),
                                                  QString::number(m_scenes.boundary), QStringLiteral("--json")}
                                      + modelArgs());
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = lastJsonObject(r.out);
        const QJsonArray windows = o.value(QStringLiteral("windows")).toArray();
        QVERIFY(windows.size() >= 2);
        for (const QJsonValue& v : windows) {
            const QJsonObject w = v.toObject();
            const double start = w.value(QStringLiteral("start")).toDouble(), end = w.value(QStringLiteral("end")).toDouble();
            const QString expected = end <= m_scenes.boundary + 1e-3 ? m_scenes.first.color
                : start >= m_scenes.boundary - 1e-3                  ? m_scenes.second.color
                                                                     : QString();
            QVERIFY2(!expected.isEmpty(), "a window straddles the cut");
            QCOMPARE(w.value(QStringLiteral("answer")).toString(), expected);
        }
        const QJsonArray answers = o.value(QStringLiteral("answers")).toArray();
        QCOMPARE(answers.size(), 2);
        for (const QJsonValue& v : answers) {
            const QJsonObject a = v.toObject();
            const QJsonArray ranges = a.value(QStringLiteral("ranges")).toArray();
            QCOMPARE(ranges.size(), 1);
            const bool first = a.value(QStringLiteral("answer")).toString() == m_scenes.first.color;
            QCOMPARE(ranges[0].toArray()[0].toDouble(), first ? 0.0 : m_scenes.boundary);
            QVERIFY(std::abs(ranges[0].toArray()[1].toDouble() - (first ? m_scenes.boundary : m_twoScenesLength)) < 0.05);
        }
    }

private:
    QTemporaryDir m_dir;
    QVector<ShapesQuestion> m_questions;
    QStringList m_askAnswers;
    TwoScenes m_scenes;
    double m_twoScenesLength = 0;
    QJsonObject m_unsharded;
    QString m_allPredictions;
};

GITVQA_REFERENCE_TEST_MAIN(TestAcceptanceShapes)
#include "test_acceptance_shapes.moc"
