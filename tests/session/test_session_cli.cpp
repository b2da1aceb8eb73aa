// `gitvqa export` run as a user runs it: each format to stdout and to a file, format aliases and inference from
// the output name, --list-formats, and the exit codes for wrong arguments and bad session files.

#include "cli_runner.h"
#include "sample_session.h"

#include "session/session_exporter.h"
#include "session/session_file.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace gitvqa;

namespace {

using gitvqa::testing::CliRun;
using gitvqa::testing::runGitvqaCli;

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestSessionCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_session;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_session = m_tmp.filePath(QStringLiteral("session.json"));
        QString error;
        QVERIFY2(writeSessionFile(m_session, gitvqa::testing::sampleSession(), &error), qPrintable(error));
    }

    void everyFormatToStdout()
    {
        const Session s = gitvqa::testing::sampleSession();
        for (const SessionExporter* e : allExporters()) {
            const CliRun r
                = runGitvqaCli({QStringLiteral("export"), m_session, QStringLiteral("--format"), e->formatId()});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QCOMPARE(r.out, e->render(s));
        }
        const CliRun alias = runGitvqaCli({QStringLiteral("export"), m_session, QStringLiteral("--format=webvtt")});
        QVERIFY2(alias.exitCode == 0, alias.err.constData());
        QVERIFY(alias.out.startsWith("WEBVTT\n\n"));
        const CliRun md
            = runGitvqaCli({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("md"), m_session});
        QCOMPARE(md.exitCode, 0);
        QCOMPARE(md.out, exporterFor(QStringLiteral("markdown"))->render(s));
    }

    void toFile()
    {
        const QString out = m_tmp.filePath(QStringLiteral("out/report.html"));
        QVERIFY(QDir().mkpath(QFileInfo(out).path()));
        CliRun r = runGitvqaCli({QStringLiteral("export"), m_session, QStringLiteral("--format"),
                                 QStringLiteral("html"), QStringLiteral("-o"), out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.isEmpty());
        QCOMPARE(readAll(out), exporterFor(QStringLiteral("html"))->render(gitvqa::testing::sampleSession()));

        // Without --format the ending of -o decides.
        const QString srt = m_tmp.filePath(QStringLiteral("out/subs.srt"));
        r = runGitvqaCli({QStringLiteral("export"), m_session, QStringLiteral("--output"), srt});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(readAll(srt).startsWith("1\n00:00:00,000 --> 00:00:10,000\n"));
    }

    void listFormats()
    {
        const CliRun r = runGitvqaCli({QStringLiteral("export"), QStringLiteral("--list-formats")});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 6);
        QVERIFY(lines[0].startsWith("markdown\t.md\t"));
        QVERIFY(lines[4].startsWith("vtt\t.vtt\t"));
    }

    void exitCodes()
    {
        QCOMPARE(runGitvqaCli({QStringLiteral("export"), m_session}).exitCode, 2);   // no format
        QCOMPARE(runGitvqaCli({QStringLiteral("export"), m_session, QStringLiteral("--format"), QStringLiteral("docx")})
                     .exitCode,
                 2);
        QCOMPARE(runGitvqaCli({QStringLiteral("export"), m_session, QStringLiteral("-o"), QStringLiteral("x.docx")})
                     .exitCode,
                 2);
        QCOMPARE(runGitvqaCli({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("csv")}).exitCode,
                 2);
        QCOMPARE(runGitvqaCli({QStringLiteral("export"), QStringLiteral("--bogus")}).exitCode, 2);
        QCOMPARE(runGitvqaCli({QStringLiteral("export"), QStringLiteral("--help")}).exitCode, 0);

        const CliRun missing = runGitvqaCli({QStringLiteral("export"), m_tmp.filePath(QStringLiteral("none.json")),
                                             QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(missing.exitCode, 5);
        QVERIFY(!missing.err.isEmpty());

        const QString broken = m_tmp.filePath(QStringLiteral("broken.json"));
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ not json");
        f.close();
        QCOMPARE(runGitvqaCli({QStringLiteral("export"), broken, QStringLiteral("--format"), QStringLiteral("srt")})
                     .exitCode,
                 5);

        const QString newer = m_tmp.filePath(QStringLiteral("newer.json"));
        const QByteArray newerBytes("{\"schema\": \"gitvqa-session\", \"version\": 99, \"exchanges\": []}");
        f.setFileName(newer);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(newerBytes);
        f.close();
        const CliRun r
            = runGitvqaCli({QStringLiteral("export"), newer, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 5);
        QVERIFY(r.err.contains("newer"));
        QCOMPARE(readAll(newer), newerBytes);   // exporting never renames or rewrites the session
    }
};

QTEST_GUILESS_MAIN(TestSessionCli)
#include "test_session_cli.moc"
