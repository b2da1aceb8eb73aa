// `gitvqa tokenize` / `gitvqa detokenize` run as a user runs them: output format, round trip and exit codes.

#include "cli_runner.h"
#include "reference_data.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

namespace {

using gitvqa::testing::CliRun;
using gitvqa::testing::runGitvqaCli;

QString vocabPath()
{
    return gitvqa::testing::referencePath(QStringLiteral("vocab/bert-base-uncased-vocab.txt"));
}

} // namespace

class TestCliTokenize : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tokenizeJson()
    {
        const CliRun r = runGitvqaCli({QStringLiteral("tokenize"), QStringLiteral("--model"),
                                       gitvqa::testing::referencePath(QStringLiteral("tiny-git-video")),
                                       QStringLiteral("--json"), QStringLiteral("café naïve résumé Ångström")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QJsonParseError error{};
        const QJsonObject o = QJsonDocument::fromJson(r.out, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, r.out.constData());
        QCOMPARE(o.value(QLatin1String("ids")).toArray(),
                 QJsonArray({101, 7668, 15743, 13746, 17076, 15687, 102}));
        QCOMPARE(o.value(QLatin1String("tokens")).toArray(),
                 QJsonArray({"[CLS]", "cafe", "naive", "resume", "ang", "##strom", "[SEP]"}));
    }

    void tokenizePlainAndRoundTrip()
    {
        const CliRun t = runGitvqaCli({QStringLiteral("tokenize"), QStringLiteral("--vocab"), vocabPath(),
                                       QStringLiteral("--no-special"), QStringLiteral("who's"),
                                       QStringLiteral("singing?")});
        QVERIFY2(t.exitCode == 0, t.err.constData());
        const QList<QByteArray> lines = t.out.split('\n');
        QCOMPARE(lines.size(), 3);   // ids, pieces, and the empty rest after the final newline
        QCOMPARE(lines[0], QByteArray("2040 1005 1055 4823 1029"));
        QCOMPARE(lines[1], QByteArray("who ' s singing ?"));

        const CliRun d = runGitvqaCli({QStringLiteral("detokenize"), QStringLiteral("--vocab"), vocabPath(),
                                       QString::fromUtf8("101 " + lines[0] + " 102")});
        QVERIFY2(d.exitCode == 0, d.err.constData());
        QCOMPARE(d.out, QByteArray("who's singing?\n"));

        const CliRun keep = runGitvqaCli({QStringLiteral("detokenize"), QStringLiteral("--vocab"), vocabPath(),
                                          QStringLiteral("--keep-special"), QStringLiteral("--no-cleanup"),
                                          QStringLiteral("101"), QStringLiteral("2040,1005,1055"),
                                          QStringLiteral("102")});
        QVERIFY2(keep.exitCode == 0, keep.err.constData());
        QCOMPARE(keep.out, QByteArray("[CLS] who ' s [SEP]\n"));
    }

    void badUsage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        const QString vocab = vocabPath();
        QTest::newRow("tokenize no source") << QStringList{"tokenize", "hello"} << 2;
        QTest::newRow("tokenize both sources") << QStringList{"tokenize", "--model", "x", "--vocab", vocab, "hi"} << 2;
        QTest::newRow("tokenize no text") << QStringList{"tokenize", "--vocab", vocab} << 2;
        QTest::newRow("tokenize unknown option") << QStringList{"tokenize", "--vocab", vocab, "--frobnicate", "hi"}
                                                 << 2;
        QTest::newRow("detokenize not an id") << QStringList{"detokenize", "--vocab", vocab, "101", "abc"} << 2;
        QTest::newRow("detokenize no ids") << QStringList{"detokenize", "--vocab", vocab} << 2;
        QTest::newRow("tokenize missing model") << QStringList{"tokenize", "--model", "/nonexistent/model", "hi"}
                                                << 3;
        QTest::newRow("detokenize missing vocab") << QStringList{"detokenize", "--vocab", "/nonexistent.txt", "1"}
                                                  << 3;
    }

    void badUsage()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        const CliRun r = runGitvqaCli(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(!r.err.isEmpty(), "an error must be explained on stderr");
    }

    void help()
    {
        for (const char* command : {"tokenize", "detokenize"}) {
            const CliRun r = runGitvqaCli({QString::fromLatin1(command), QStringLiteral("--help")});
            QCOMPARE(r.exitCode, 0);
            QVERIFY(r.out.startsWith("usage: gitvqa " + QByteArray(command)));
        }
    }
};

GITVQA_REFERENCE_TEST_MAIN(TestCliTokenize)
#include "test_cli_tokenize.moc"
