// Loading errors and the tokenizer's rules on small hand-written vocabularies; needs no reference data.

#include "text/wordpiece_tokenizer.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using gitvqa::WordPieceTokenizer;

namespace {

// A vocabulary with the BERT special tokens at their usual low ids and a few words.
const char kSmallVocab[] = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nun\n##aff\n##able\nwant\n##ed\nwa\n##nt\n,\n"
                           "runn\n##ing\n.\n?\na\n##a\n'\ns\nnot\n##\xF0\x9F\x99\x82\n";

bool writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

} // namespace

class TestTokenizerRules : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::optional<WordPieceTokenizer> small()
    {
        const QString path = m_dir.filePath(QStringLiteral("small-vocab.txt"));
        if (!QFile::exists(path) && !writeFile(path, kSmallVocab))
            return std::nullopt;
        QString error;
        auto tok = WordPieceTokenizer::fromVocabFile(path, &error);
        if (!tok)
            qWarning("%s", qPrintable(error));
        return tok;
    }

    QString loadError(const QString& pathOrDir, bool isDir)
    {
        QString error;
        const auto tok = isDir ? WordPieceTokenizer::fromModelDir(pathOrDir, &error)
                               : WordPieceTokenizer::fromVocabFile(pathOrDir, &error);
        return tok ? QString() : error;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void missingFolder()
    {
        const QString dir = m_dir.filePath(QStringLiteral("no-such-model"));
        const QString error = loadError(dir, true);
        QVERIFY(error.contains(QLatin1String("no-such-model")));
        QVERIFY2(error.contains(QLatin1String("not found")), qPrintable(error));
    }

    void folderWithoutVocabulary()
    {
        const QString dir = m_dir.filePath(QStringLiteral("bare"));
        QVERIFY(QDir().mkpath(dir));
        const QString error = loadError(dir, true);
        QVERIFY2(error.contains(QLatin1String("vocab.txt")) && error.contains(QLatin1String("tokenizer.json")),
                 qPrintable(error));
    }

    void nullErrorPointerIsAllowed()
    {
        QVERIFY(!WordPieceTokenizer::fromModelDir(m_dir.filePath(QStringLiteral("nothing")), nullptr));
    }

    void emptyVocab()
    {
        const QString dir = m_dir.filePath(QStringLiteral("empty"));
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(writeFile(dir + QStringLiteral("/vocab.txt"), QByteArray()));
        const QString error = loadError(dir, true);
        QVERIFY2(error.contains(QLatin1String("vocab.txt")) && error.contains(QLatin1String("empty")),
                 qPrintable(error));
    }

    void malformedTokenizerJson()
    {
        const QString dir = m_dir.filePath(QStringLiteral("malformed"));
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(writeFile(dir + QStringLiteral("/tokenizer.json"), "{\"model\": {\"vocab\": {\"[UNK]\": 0,"));
        const QString error = loadError(dir, true);
        QVERIFY2(error.contains(QLatin1String("tokenizer.json")) && error.contains(QLatin1String("malformed")),
                 qPrintable(error));
    }

    void tokenizerJsonWithoutVocab()
    {
        const QString path = m_dir.filePath(QStringLiteral("novocab/tokenizer.json"));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("novocab"))));
        QVERIFY(writeFile(path, "{\"model\": {\"type\": \"WordPiece\"}}"));
        const QString error = loadError(path, false);
        QVERIFY2(error.contains(QLatin1String("model.vocab")), qPrintable(error));
    }

    void tokenizerJsonOfAnotherKind()
    {
        const QString path = m_dir.filePath(QStringLiteral("bpe-tokenizer.json"));
        QVERIFY(writeFile(path, "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}}}"));
        const QString error = loadError(path, false);
        QVERIFY2(error.contains(QLatin1String("BPE")), qPrintable(error));
    }

    void tokenizerJsonWithBadId()
    {
        const QString path = m_dir.filePath(QStringLiteral("badid-tokenizer.json"));
        QVERIFY(writeFile(path, "{\"model\": {\"vocab\": {\"[UNK]\": \"zero\", \"[CLS]\": 1, \"[SEP]\": 2}}}"));
        const QString error = loadError(path, false);
        QVERIFY2(error.contains(QLatin1String("[UNK]")), qPrintable(error));
    }

    void tokenizerJsonWithAbsurdId()
    {
        const QString path = m_dir.filePath(QStringLiteral("sparse-tokenizer.json"));
        QVERIFY(writeFile(path, "{\"model\": {\"vocab\": {\"[UNK]\": 0, \"[CLS]\": 1, \"[SEP]\": 2000000000}}}"));
        const QString error = loadError(path, false);
        QVERIFY2(error.contains(QLatin1String("[SEP]")), qPrintable(error));
    }

    void tokenizerJsonAlone()
    {
        // Ids from the JSON object, settings from the normaliser and decoder sections.
        const QString dir = m_dir.filePath(QStringLiteral("json-only"));
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(writeFile(dir + QStringLiteral("/tokenizer.json"),
                          "{\"normalizer\": {\"type\": \"BertNormalizer\", \"lowercase\": true,"
                          " \"strip_accents\": null},"
                          " \"decoder\": {\"type\": \"WordPiece\", \"prefix\": \"##\", \"cleanup\": false},"
                          " \"model\": {\"type\": \"WordPiece\", \"unk_token\": \"[UNK]\","
                          " \"max_input_chars_per_word\": 5,"
                          " \"vocab\": {\"[CLS]\": 0, \"[SEP]\": 1, \"[UNK]\": 2, \"hello\": 3, \"?\": 4,"
                          " \"##s\": 5}}}"));
        QString error;
        const auto tok = WordPieceTokenizer::fromModelDir(dir, &error);
        QVERIFY2(tok, qPrintable(error));
        QCOMPARE(tok->encode(QStringLiteral("H\u00e9llo? hellos"), true), (std::vector<std::int64_t>{0, 3, 4, 2, 1}));
        QCOMPARE(tok->decode({3, 4, 5}, true, false), QStringLiteral("hello ?s"));
        QCOMPARE(tok->padId(), -1);
    }

    void vocabWithoutSpecialTokens()
    {
        const QString path = m_dir.filePath(QStringLiteral("words.txt"));
        QVERIFY(writeFile(path, "[UNK]\nhello\nworld\n"));
        const QString error = loadError(path, false);
        QVERIFY2(error.contains(QLatin1String("[CLS]")) && error.contains(QLatin1String("words.txt")),
                 qPrintable(error));
    }

    void binaryGarbageDoesNotCrash()
    {
        const QString path = m_dir.filePath(QStringLiteral("garbage.txt"));
        QByteArray junk;
        for (int i = 0; i < 4096; ++i)
            junk.append(char((i * 7919) & 0xFF));
        QVERIFY(writeFile(path, junk));
        QVERIFY(!loadError(path, false).isEmpty());
    }

    void lineSemantics()
    {
        // Blank lines are tokens, CRLF and a final newline add nothing, a repeated token maps to its later id
        // and its earlier id names no token; trailing spaces are part of the token.
        const QString path = m_dir.filePath(QStringLiteral("lines.txt"));
        QVERIFY(writeFile(path, "[PAD]\r\n\r\n[UNK]\ndup\n[CLS]\n[SEP]\ndup\nspace \n"));
        QString error;
        const auto tok = WordPieceTokenizer::fromVocabFile(path, &error);
        QVERIFY2(tok, qPrintable(error));
        QCOMPARE(tok->vocabSize(), 8);
        QCOMPARE(tok->tokenToId(QString()), 1);
        QCOMPARE(tok->unkId(), 2);
        QCOMPARE(tok->tokenToId(QStringLiteral("dup")), 6);
        QCOMPARE(tok->idToToken(3), QString());
        QCOMPARE(tok->idToToken(6), QStringLiteral("dup"));
        QCOMPARE(tok->tokenToId(QStringLiteral("space ")), 7);
        QCOMPARE(tok->maskId(), -1);
        QCOMPARE(tok->decode({3, 6, 99, -4}, false), QStringLiteral("dup"));
    }

    void greedyLongestMatch()
    {
        const auto tok = small();
        QVERIFY(tok);
        QCOMPARE(tok->tokenize(QStringLiteral("unaffable wanted running")),
                 QStringList({"un", "##aff", "##able", "want", "##ed", "runn", "##ing"}));
        // "wa ##nt" is in the vocabulary too, but "want" is longer.
        QCOMPARE(tok->tokenize(QStringLiteral("want")), QStringList({"want"}));
    }

    void unsplittableWordIsOneUnknown()
    {
        const auto tok = small();
        QVERIFY(tok);
        // "un" matches, then nothing matches "##x": the whole word is one [UNK], the "un" piece is discarded.
        QCOMPARE(tok->tokenize(QStringLiteral("unx want")), QStringList({"[UNK]", "want"}));
        QCOMPARE(tok->encode(QStringLiteral("unx"), true), (std::vector<std::int64_t>{2, 1, 3}));
    }

    void wordLengthLimit()
    {
        const auto tok = small();
        QVERIFY(tok);
        QCOMPARE(tok->tokenize(QString(100, QLatin1Char('a'))).size(), 100);
        QCOMPARE(tok->tokenize(QString(101, QLatin1Char('a'))), QStringList({"[UNK]"}));
        // The limit counts code points, not UTF-16 units: 99 letters and one emoji are 101 units but 100
        // characters, so the word is still split.
        const QString word = QString(99, QLatin1Char('a')) + QString::fromUcs4(U"\U0001F642", 1);
        const QStringList pieces = tok->tokenize(word);
        QCOMPARE(pieces.size(), 100);
        QCOMPARE(pieces.last(), QStringLiteral("##") + QString::fromUcs4(U"\U0001F642", 1));
        QCOMPARE(tok->tokenize(QLatin1Char('a') + word), QStringList({"[UNK]"}));
    }

    void literalSpecialTokens()
    {
        const auto tok = small();
        QVERIFY(tok);
        QCOMPARE(tok->tokenize(QStringLiteral("want[SEP]wanted [MASK]")),
                 QStringList({"want", "[SEP]", "want", "##ed", "[MASK]"}));
        QCOMPARE(tok->tokenize(QStringLiteral("[sep]")).first(), QStringLiteral("[UNK]"));
        // Split before normalisation: an invisible character inside the brackets stops the match.
        QCOMPARE(tok->tokenize(QStringLiteral("[SE\u200bP]")).contains(QStringLiteral("[SEP]")), false);
    }

    void unicodeCleaning()
    {
        const auto tok = small();
        QVERIFY(tok);
        QCOMPARE(tok->tokenize(QStringLiteral("w\u00e0\u200bnt\u00ad")), QStringList({"want"}));
        QCOMPARE(tok->tokenize(QStringLiteral("WANT\u2028want\u3000want")), QStringList({"want", "want", "want"}));
        // A lone surrogate is dropped like any other unassigned/control code point, never paired or crashed on.
        QString broken = QStringLiteral("want");
        broken.insert(2, QChar(0xD83D));
        QCOMPARE(tok->tokenize(broken), QStringList({"want"}));
        QCOMPARE(tok->tokenize(QStringLiteral("\u0301")), QStringList());
    }

    void decoding()
    {
        const auto tok = small();
        QVERIFY(tok);
        const auto ids = tok->encode(QStringLiteral("unaffable, a's not wanted?"), true);
        QCOMPARE(tok->decode(ids, false, false), QStringLiteral("[CLS] unaffable, a ' s not wanted? [SEP]"));
        QCOMPARE(tok->decode(ids), QStringLiteral("unaffable, a's not wanted?"));
        QCOMPARE(tok->decode({}), QString());
        QCOMPARE(tok->decode({1, 2, 0, 4}), QString());
        QCOMPARE(tok->decode({1, 8}, false), QStringLiteral("[UNK] want"));
        // A continuation piece first keeps its prefix, as in the reference decoder.
        QCOMPARE(tok->decode({9, 8}), QStringLiteral("##ed want"));
    }
};

QTEST_GUILESS_MAIN(TestTokenizerRules)
#include "test_tokenizer_rules.moc"
