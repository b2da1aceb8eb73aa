// The 48 reference strings of ../shared/reference/tokenizer_cases.json, each checked for exact ids, pieces and
// both decodes, once with the tokenizer loaded from vocab.txt and once from a folder holding only tokenizer.json.

#include "reference_data.h"
#include "reference_ids.h"
#include "text/wordpiece_tokenizer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <optional>

using gitvqa::WordPieceTokenizer;
using gitvqa::testing::toIds;

namespace {

QStringList toStrings(const QJsonArray& a)
{
    QStringList out;
    for (const QJsonValue& v : a)
        out.append(v.toString());
    return out;
}

// Shows code points, so a failure on invisible or look-alike characters can be read.
QByteArray describe(const QString& s)
{
    QByteArray out = s.toUtf8() + " [";
    for (const char32_t c : s.toUcs4())
        out += QByteArray::number(uint(c), 16) + ' ';
    return out + ']';
}

QString idsText(const std::vector<std::int64_t>& ids)
{
    QStringList parts;
    for (const std::int64_t id : ids)
        parts.append(QString::number(id));
    return parts.join(QLatin1Char(' '));
}

} // namespace

class TestTokenizerCases : public QObject {
    Q_OBJECT

private:
    QJsonArray m_cases;
    std::optional<WordPieceTokenizer> m_fromVocabTxt;
    std::optional<WordPieceTokenizer> m_fromTokenizerJson;
    QTemporaryDir m_jsonOnlyDir;

    const WordPieceTokenizer& tokenizer(const QString& source) const
    {
        return source == QLatin1String("vocab.txt") ? *m_fromVocabTxt : *m_fromTokenizerJson;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QFile file(gitvqa::testing::referencePath(QStringLiteral("tokenizer_cases.json")));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        m_cases = QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("cases")).toArray();
        QCOMPARE(m_cases.size(), 48);

        QString error;
        QElapsedTimer timer;
        timer.start();
        m_fromVocabTxt = WordPieceTokenizer::fromVocabFile(
            gitvqa::testing::referencePath(QStringLiteral("vocab/bert-base-uncased-vocab.txt")), &error);
        const qint64 loadNs = timer.nsecsElapsed();
        QVERIFY2(m_fromVocabTxt, qPrintable(error));
        qInfo("vocab.txt (%d tokens) loaded in %.2f ms", m_fromVocabTxt->vocabSize(), loadNs / 1e6);

        QVERIFY(m_jsonOnlyDir.isValid());
        QVERIFY(QFile::copy(gitvqa::testing::referencePath(QStringLiteral("tiny-git-video/tokenizer.json")),
                            m_jsonOnlyDir.filePath(QStringLiteral("tokenizer.json"))));
        timer.restart();
        m_fromTokenizerJson = WordPieceTokenizer::fromModelDir(m_jsonOnlyDir.path(), &error);
        const qint64 jsonNs = timer.nsecsElapsed();
        QVERIFY2(m_fromTokenizerJson, qPrintable(error));
        qInfo("tokenizer.json loaded in %.2f ms", jsonNs / 1e6);
    }

    void specialIds()
    {
        for (const WordPieceTokenizer* tok : {&*m_fromVocabTxt, &*m_fromTokenizerJson}) {
            QCOMPARE(tok->vocabSize(), 30522);
            QCOMPARE(tok->padId(), 0);
            QCOMPARE(tok->unkId(), 100);
            QCOMPARE(tok->clsId(), 101);
            QCOMPARE(tok->sepId(), 102);
            QCOMPARE(tok->maskId(), 103);
            QCOMPARE(tok->idToToken(1996), QStringLiteral("the"));
            QCOMPARE(tok->tokenToId(QStringLiteral("##ing")), 2075);
            QCOMPARE(tok->tokenToId(QStringLiteral("no such token")), -1);
        }
    }

    void sameVocabularyBothWays()
    {
        for (int id = 0; id < m_fromVocabTxt->vocabSize(); ++id) {
            if (m_fromVocabTxt->idToToken(id) != m_fromTokenizerJson->idToToken(id))
                QFAIL(qPrintable(QStringLiteral("id %1 differs").arg(id)));
        }
    }

    void referenceCase_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("index");
        for (const char* source : {"vocab.txt", "tokenizer.json"}) {
            for (int i = 0; i < m_cases.size(); ++i) {
                const QString text = m_cases[i].toObject().value(QLatin1String("text")).toString();
                QString label = text.left(24);
                for (QChar& ch : label) {
                    if (!ch.isPrint())
                        ch = QLatin1Char('?');
                }
                QTest::addRow("%s #%02d \"%s\"", source, i, qPrintable(label)) << QString::fromLatin1(source) << i;
            }
        }
    }

    void referenceCase()
    {
        QFETCH(QString, source);
        QFETCH(int, index);
        const WordPieceTokenizer& tok = tokenizer(source);
        const QJsonObject c = m_cases[index].toObject();
        const QString text = c.value(QLatin1String("text")).toString();
        const auto expectedNoSpecial = toIds(c.value(QLatin1String("ids_no_special")).toArray());
        const auto expectedWithSpecial = toIds(c.value(QLatin1String("ids_with_special")).toArray());

        const auto noSpecial = tok.encode(text, false);
        QVERIFY2(noSpecial == expectedNoSpecial,
                 qPrintable(QStringLiteral("input %1\n   got      %2\n   expected %3")
                                .arg(QString::fromUtf8(describe(text)), idsText(noSpecial),
                                     idsText(expectedNoSpecial))));
        const auto withSpecial = tok.encode(text, true);
        QVERIFY2(withSpecial == expectedWithSpecial,
                 qPrintable(QStringLiteral("got %1, expected %2")
                                .arg(idsText(withSpecial), idsText(expectedWithSpecial))));
        QCOMPARE(tok.tokenize(text), toStrings(c.value(QLatin1String("tokens")).toArray()));

        const QString expectedDecode = c.value(QLatin1String("decode_skip_special")).toString();
        const QString decoded = tok.decode(expectedWithSpecial, true, false);
        QVERIFY2(decoded == expectedDecode,
                 qPrintable(QStringLiteral("decode got %1, expected %2")
                                .arg(QString::fromUtf8(describe(decoded)),
                                     QString::fromUtf8(describe(expectedDecode)))));
        const QString expectedCleanup = c.value(QLatin1String("decode_skip_special_cleanup")).toString();
        const QString cleaned = tok.decode(expectedWithSpecial, true, true);
        QVERIFY2(cleaned == expectedCleanup,
                 qPrintable(QStringLiteral("decode+cleanup got %1, expected %2")
                                .arg(QString::fromUtf8(describe(cleaned)),
                                     QString::fromUtf8(describe(expectedCleanup)))));
    }

    void slowReferenceAgrees()
    {
        // The data says the legacy Python tokenizer agrees on all cases; if that ever changes, the fast one rules.
        for (const QJsonValue& v : m_cases) {
            const QJsonObject c = v.toObject();
            QCOMPARE(c.value(QLatin1String("ids_no_special_slow")).toArray(),
                     c.value(QLatin1String("ids_no_special")).toArray());
        }
    }

    void speed()
    {
        const QString question = QStringLiteral("what is the man doing in the kitchen while the woman is "
                                                "cooking dinner?");
        const QString unicodeQuestion = QStringLiteral("qu'est-ce que l'homme fait dans la cuisine? Ångström 视频里 🙂");
        constexpr int kRuns = 2000;
        for (const QString& q : {question, unicodeQuestion}) {
            QElapsedTimer timer;
            timer.start();
            std::size_t total = 0;
            for (int i = 0; i < kRuns; ++i)
                total += m_fromVocabTxt->encode(q, true).size();
            const double us = timer.nsecsElapsed() / 1e3 / kRuns;
            qInfo("encode of a %d-character question: %.2f us (%zu ids)", int(q.size()), us, total / kRuns);
            // Far above any real figure (microseconds), low enough to catch an accidental quadratic blow-up.
            QVERIFY(us < 1000.0);
        }
    }
};

GITVQA_REFERENCE_TEST_MAIN(TestTokenizerCases)
#include "test_tokenizer_cases.moc"
