// Answer versions (issue 13): Regenerate keeps the answer it replaces, the file keeps every version (schema 2),
// version-1 files are migrated (each exchange reads as one answer), exports show the latest answer and list the
// earlier ones, and an exchange brought back by Undo returns to its place.

#include "sample_session.h"

#include "session/formats/csv_exporter.h"
#include "session/session_exporter.h"
#include "session/session_json.h"
#include "session/session_store.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace gitvqa;
using gitvqa::testing::utcDateTime;

namespace {

// A session whose first exchange was regenerated twice: a good answer, a stopped rerun, and a failed one.
Session regeneratedSession()
{
    Session s = gitvqa::testing::sampleSession();
    Exchange x = *s.find(QStringLiteral("a0000000-0000-4000-8000-000000000001"));
    AnswerVersion stopped;
    stopped.answer = QStringLiteral("a red guit");
    stopped.status = exchange_status::Stopped;
    stopped.segment = x.segment;
    stopped.model = QStringLiteral("tiny-git-video");
    stopped.device = QStringLiteral("cpu");
    stopped.dtype = QStringLiteral("float32");
    stopped.decoding = QJsonObject{{"strategy", "greedy"}, {"max_new_tokens", 1000}};
    stopped.created = utcDateTime(QDate(2024, 5, 1), QTime(13, 0, 0));
    x.pushVersion(stopped);
    AnswerVersion failed;
    failed.status = exchange_status::Failed;
    failed.error = QStringLiteral("out of memory");
    failed.segment = x.segment;
    failed.created = utcDateTime(QDate(2024, 5, 1), QTime(13, 5, 0));
    x.pushVersion(failed);
    s.update(x);
    return s;
}

} // namespace

class TestSessionVersions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pushKeepsTheReplacedAnswer()
    {
        const Session s = regeneratedSession();
        const Exchange& x = *s.find(QStringLiteral("a0000000-0000-4000-8000-000000000001"));
        QCOMPARE(x.versionCount(), 3);
        const QVector<AnswerVersion> all = x.versions();
        QCOMPARE(all.at(0).answer, QStringLiteral("a guitar, \"probably\""));
        QCOMPARE(all.at(0).model, QStringLiteral("microsoft/git-base-msrvtt-qa"));
        QCOMPARE(all.at(0).decoding.value(QStringLiteral("num_beams")).toInt(), 3);
        QCOMPARE(all.at(0).created, x.created); // the first answer was asked for with the question
        QCOMPARE(all.at(1).status, QString(exchange_status::Stopped));
        // The latest stays in the exchange's own fields, so version-1 style readers and exports keep working.
        QCOMPARE(x.status, QString(exchange_status::Failed));
        QCOMPARE(x.error, QStringLiteral("out of memory"));
        QVERIFY(x.answer.isEmpty());
        QCOMPARE(x.question, gitvqa::testing::nastyQuestion());
        QCOMPARE(x.answered, utcDateTime(QDate(2024, 5, 1), QTime(13, 5, 0)));
    }

    void versionsSurviveTheFile()
    {
        QTemporaryDir dir;
        const Session s = regeneratedSession();
        const QByteArray bytes = sessionToJsonBytes(s);
        const QJsonObject root = QJsonDocument::fromJson(bytes).object();
        QCOMPARE(root.value(QStringLiteral("version")).toInt(), 2);
        const QJsonObject first = root.value(QStringLiteral("exchanges")).toArray().at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("earlier_versions")).toArray().size(), 2);
        QCOMPARE(first.value(QStringLiteral("earlier_versions")).toArray().at(0).toObject().value(QStringLiteral("answer")),
                 QJsonValue(QStringLiteral("a guitar, \"probably\"")));
        const SessionRead back = sessionFromJson(bytes);
        QCOMPARE(back.status, SessionReadStatus::Ok);
        QCOMPARE(back.session, s);
    }

    // A file written before versions existed: "version": 1, no earlier_versions, no answered.
    void migratesAVersion1File()
    {
        const QByteArray v1 = R"({
    "schema": "gitvqa-session", "version": 1, "id": "6f1c2f5e-0b7a-4c3e-9f0e-1d2c3b4a5f60",
    "created": "2024-05-01T12:00:00.250Z",
    "video": {"path": "/videos/a.mp4", "size": 1000, "head_sha256": "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"},
    "exchanges": [{"id": "a3d1e1f0-5c1b-4c6e-8a43-0f5d1f0b9c21", "kind": "question", "question": "What is the man holding?",
                   "answer": "a guitar", "segment": {"start": 41, "end": 51}, "frame_times": [41.83, 43.5],
                   "model": "microsoft/git-base-msrvtt-qa", "device": "cuda", "dtype": "float16",
                   "decoding": {"strategy": "greedy", "max_new_tokens": 20}, "timings": {"tokens": 3},
                   "created": "2024-05-01T12:01:02.345Z", "status": "done", "error": "", "windows": []}]
})";
        const SessionRead r = sessionFromJson(v1);
        QCOMPARE(r.status, SessionReadStatus::Ok);
        QCOMPARE(r.session.exchanges().size(), 1);
        const Exchange& x = r.session.exchanges().first();
        QCOMPARE(x.versionCount(), 1);
        QVERIFY(x.earlierVersions.isEmpty());
        QCOMPARE(x.versions().first().answer, QStringLiteral("a guitar"));
        QCOMPARE(x.versions().first().created, x.created);
        QCOMPARE(x.versions().first().decoding.value(QStringLiteral("max_new_tokens")).toInt(), 20);

        // Through the store: the old file is opened (not put aside) and saved back as version 2.
        QTemporaryDir dir;
        const QString video = dir.filePath(QStringLiteral("a.mp4"));
        QFile vf(video);
        QVERIFY(vf.open(QIODevice::WriteOnly));
        vf.write(QByteArray(1000, 'v'));
        vf.close();
        QString error;
        const VideoFingerprint fp = VideoFingerprint::of(video, &error);
        QVERIFY2(fp.isValid(), qPrintable(error));
        QJsonObject root = QJsonDocument::fromJson(v1).object();
        root.insert(QStringLiteral("video"), QJsonObject{{"path", video}, {"size", double(fp.size)},
                                                          {"head_sha256", fp.headSha256Hex()}});
        const QString folder = dir.filePath(QStringLiteral("sessions"));
        QDir().mkpath(folder);
        const QString file = folder + QStringLiteral("/a-6f1c2f5e.json");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(root).toJson());
        f.close();
        SessionStore store(folder);
        OpenedSession opened = store.open(fp);
        QVERIFY2(opened.warning.isEmpty(), qPrintable(opened.warning));
        QCOMPARE(opened.session.exchanges().size(), 1);
        Exchange again = opened.session.exchanges().first();
        AnswerVersion next;
        next.answer = QStringLiteral("a banjo");
        again.pushVersion(next);
        opened.session.update(again);
        QVERIFY2(store.save(opened.session, &error), qPrintable(error));
        QFile saved(store.filePathFor(opened.session));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QJsonObject written = QJsonDocument::fromJson(saved.readAll()).object();
        QCOMPARE(written.value(QStringLiteral("version")).toInt(), 2);
        const SessionRead reread = sessionFromJson(QJsonDocument(written).toJson());
        QCOMPARE(reread.session.exchanges().first().versionCount(), 2);
        QCOMPARE(reread.session.exchanges().first().versions().first().answer, QStringLiteral("a guitar"));
        QCOMPARE(reread.session.exchanges().first().answer, QStringLiteral("a banjo"));
    }

    void exportsShowTheLatestAndListTheOthers()
    {
        const Session s = regeneratedSession();
        const QString md = QString::fromUtf8(exporterFor(QStringLiteral("markdown"))->render(s));
        QVERIFY2(md.contains(QStringLiteral("Earlier answers:")), qPrintable(md));
        QVERIFY(md.contains(QStringLiteral("- a guitar, \"probably\" · microsoft/git\\-base\\-msrvtt\\-qa on cuda (float16)"))
                || md.contains(QStringLiteral("- a guitar, \"probably\"")));
        QVERIFY(md.contains(QStringLiteral("a red guit (stopped)")));
        QVERIFY(md.contains(QStringLiteral("failed: out of memory")));

        const QString html = QString::fromUtf8(exporterFor(QStringLiteral("html"))->render(s));
        QVERIFY(html.contains(QStringLiteral("<ol class=\"earlier\">")));
        QVERIFY(html.contains(QStringLiteral("<li>a red guit (stopped)")));

        const QString csv = QString::fromUtf8(exporterFor(QStringLiteral("csv"))->render(s));
        const QStringList rows = csv.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        int versionRows = 0;
        for (const QString& r : rows)
            versionRows += r.startsWith(QStringLiteral("version,a0000000-")) ? 1 : 0;
        QCOMPARE(versionRows, 2);
        QVERIFY(csv.contains(QStringLiteral("version,a0000000-0000-4000-8000-000000000001,question,stopped")));

        const QString srt = QString::fromUtf8(exporterFor(QStringLiteral("srt"))->render(s));
        QVERIFY2(srt.contains(QStringLiteral("Earlier: a guitar, \"probably\"")), qPrintable(srt));
        QVERIFY(srt.contains(QStringLiteral("a red guit (stopped)")));

        // The JSON export is the file format: versions included.
        const SessionRead json = sessionFromJson(exporterFor(QStringLiteral("json"))->render(s));
        QCOMPARE(json.session, s);
    }

    // Undo puts a deleted exchange back where it was (Session::add orders by when they were asked).
    void addingAnEarlierExchangePutsItBackInPlace()
    {
        Session s = gitvqa::testing::sampleSession();
        const Exchange second = s.exchanges().at(1);
        QVERIFY(s.remove(second.id));
        s.add(second);
        QCOMPARE(s.exchanges().at(1).id, second.id);
        Exchange fresh;
        fresh.question = QStringLiteral("new");
        const QString id = s.add(fresh);
        QCOMPARE(s.exchanges().last().id, id);
    }
};

QTEST_GUILESS_MAIN(TestSessionVersions)
#include "test_session_versions.moc"
