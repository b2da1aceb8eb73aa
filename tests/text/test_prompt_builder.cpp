// GIT's question prompt on the real vocabulary, checked against the golden input_ids and answers of the tiny
// reference checkpoints.

#include "reference_data.h"
#include "reference_ids.h"
#include "text/prompt_builder.h"
#include "text/wordpiece_tokenizer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <optional>

using gitvqa::WordPieceTokenizer;
using gitvqa::testing::toIds;

namespace {

QJsonObject readJson(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

class TestPromptBuilder : public QObject {
    Q_OBJECT

private:
    std::optional<WordPieceTokenizer> m_tok;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_tok = WordPieceTokenizer::fromModelDir(gitvqa::testing::referencePath(QStringLiteral("tiny-git-video")),
                                                 &error);
        QVERIFY2(m_tok, qPrintable(error));
    }

    void golden_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("video") << QStringLiteral("tiny-git-video");
        QTest::newRow("image") << QStringLiteral("tiny-git-image");
    }

    void golden()
    {
        QFETCH(QString, model);
        const QJsonObject g = readJson(gitvqa::testing::referencePath(model + QStringLiteral("/golden.json")));
        QVERIFY(!g.isEmpty());
        const gitvqa::Prompt prompt =
            gitvqa::buildQuestionPrompt(*m_tok, g.value(QLatin1String("question")).toString(), 1024, 20);
        QCOMPARE(prompt.ids, toIds(g.value(QLatin1String("input_ids")).toArray()));
        QVERIFY(!prompt.truncated);
        QCOMPARE(prompt.droppedPieces, 0);

        // The answers are the decode of the generated ids (special tokens skipped).
        for (const char* key : {"greedy", "beam3"}) {
            const auto all = toIds(g.value(QLatin1String(key) + QLatin1String("_ids")).toArray());
            const std::vector<std::int64_t> answer(all.begin() + std::ptrdiff_t(prompt.ids.size()), all.end());
            QCOMPARE(m_tok->decode(answer), g.value(QLatin1String(key) + QLatin1String("_answer")).toString());
        }
    }

    void noSeparator()
    {
        const auto prompt = gitvqa::buildQuestionPrompt(*m_tok, QStringLiteral("what is he doing?"), 1024, 20);
        QCOMPARE(prompt.ids.front(), m_tok->clsId());
        QVERIFY(std::find(prompt.ids.begin(), prompt.ids.end(), m_tok->sepId()) == prompt.ids.end());
        QCOMPARE(prompt.ids.size(), size_t(6));
    }

    void emptyQuestionIsJustCls()
    {
        for (const QString& q : {QString(), QStringLiteral("   \t\n")}) {
            const auto prompt = gitvqa::buildQuestionPrompt(*m_tok, q, 1024, 20);
            QCOMPARE(prompt.ids, std::vector<std::int64_t>{m_tok->clsId()});
            QVERIFY(!prompt.truncated);
        }
    }

    void hugeQuestionIsTruncated()
    {
        QStringList words;
        for (int i = 0; i < 5000; ++i)
            words.append(QStringLiteral("kitchen"));
        const auto prompt = gitvqa::buildQuestionPrompt(*m_tok, words.join(QLatin1Char(' ')), 1024, 20);
        QCOMPARE(prompt.ids.size(), size_t(1004));
        QVERIFY(prompt.truncated);
        QCOMPARE(prompt.droppedPieces, 5000 - 1003);
        QCOMPARE(prompt.ids.front(), m_tok->clsId());
        // The beginning of the question is what is kept.
        QCOMPARE(prompt.ids[1], m_tok->tokenToId(QStringLiteral("kitchen")));
    }

    void exactFitIsNotTruncated()
    {
        QStringList words;
        for (int i = 0; i < 9; ++i)
            words.append(QStringLiteral("man"));
        const auto fits = gitvqa::buildQuestionPrompt(*m_tok, words.join(QLatin1Char(' ')), 12, 2);
        QCOMPARE(fits.ids.size(), size_t(10));
        QVERIFY(!fits.truncated);
        words.append(QStringLiteral("man"));
        const auto over = gitvqa::buildQuestionPrompt(*m_tok, words.join(QLatin1Char(' ')), 12, 2);
        QCOMPARE(over.ids.size(), size_t(10));
        QVERIFY(over.truncated);
        QCOMPARE(over.droppedPieces, 1);
    }

    void degenerateBudgetsKeepCls()
    {
        for (const auto& [positions, reserve] : {std::pair{1024, 5000}, std::pair{1, 0}, std::pair{0, 0},
                                                 std::pair{-3, -7}, std::pair{1024, -50}}) {
            const auto prompt = gitvqa::buildQuestionPrompt(*m_tok, QStringLiteral("what is it"), positions, reserve);
            QVERIFY(!prompt.ids.empty());
            QCOMPARE(prompt.ids.front(), m_tok->clsId());
            QCOMPARE(int(prompt.ids.size()) - 1 + prompt.droppedPieces, 3);
            QVERIFY(prompt.ids.size() <= size_t(std::max(1, positions)));
        }
    }
};

GITVQA_REFERENCE_TEST_MAIN(TestPromptBuilder)
#include "test_prompt_builder.moc"
