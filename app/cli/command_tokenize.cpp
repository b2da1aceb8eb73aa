// `gitvqa tokenize` and `gitvqa detokenize`: the WordPiece tokenizer from the command line, for checking ids
// against Hugging Face and for scripts.

#include "commands.h"
#include "exit_codes.h"

#include "text/wordpiece_tokenizer.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cstdio>
#include <optional>

namespace gitvqa::cli {

namespace {

const char kTokenizeHelp[] =
    "usage: gitvqa tokenize (--model DIR | --vocab FILE) [--json] [--no-special] TEXT...\n"
    "\n"
    "Prints the BERT uncased WordPiece ids of TEXT (several arguments are joined with single spaces):\n"
    "one line of space-separated ids, then one line of the matching pieces.\n"
    "\n"
    "options:\n"
    "  --model DIR    model folder; reads its vocab.txt, else its tokenizer.json\n"
    "  --vocab FILE   a vocab.txt, or a tokenizer.json (by the .json ending)\n"
    "  --json         print one JSON object {\"ids\": [...], \"tokens\": [...]} instead\n"
    "  --no-special   leave out [CLS] and [SEP]\n"
    "  -h, --help     show this help\n"
    "\n"
    "Put -- before a TEXT that starts with '-'.\n"
    "exit codes: 0 ok, 2 wrong arguments, 3 vocabulary missing or unreadable\n";

const char kDetokenizeHelp[] =
    "usage: gitvqa detokenize (--model DIR | --vocab FILE) [--keep-special] [--no-cleanup] ID...\n"
    "\n"
    "Prints the text of WordPiece ids, decoded as transformers' BertTokenizer does. IDs may be separate\n"
    "arguments or one argument separated by spaces or commas (the first line of `gitvqa tokenize`, or a JSON\n"
    "list, works as is). Ids that name no token are skipped.\n"
    "\n"
    "options:\n"
    "  --model DIR     model folder; reads its vocab.txt, else its tokenizer.json\n"
    "  --vocab FILE    a vocab.txt, or a tokenizer.json (by the .json ending)\n"
    "  --keep-special  keep [CLS], [SEP], [PAD], [MASK] and [UNK] in the text\n"
    "  --no-cleanup    keep the spaces clean_up_tokenization_spaces would remove (\"don ' t\")\n"
    "  -h, --help      show this help\n"
    "\n"
    "exit codes: 0 ok, 2 wrong arguments, 3 vocabulary missing or unreadable\n";

void writeOut(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stdout);
    std::fflush(stdout);
}

int usageError(const char* command, const QString& message)
{
    std::fprintf(stderr, "gitvqa %s: %s\n(see 'gitvqa %s --help')\n", command, qPrintable(message), command);
    return ExitUsage;
}

// The options both commands share, parsed; nullopt with the exit code in *exitCode when the command should stop.
struct Parsed {
    std::optional<WordPieceTokenizer> tokenizer;
    QStringList positional;
};

std::optional<Parsed> parseCommon(const char* command, const char* help, const char* missingPositional,
                                  QCommandLineParser& parser, const QStringList& args, int* exitCode)
{
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption modelOption(QStringLiteral("model"), QString(), QStringLiteral("DIR"));
    const QCommandLineOption vocabOption(QStringLiteral("vocab"), QString(), QStringLiteral("FILE"));
    parser.addOption(helpOption);
    parser.addOption(modelOption);
    parser.addOption(vocabOption);

    // QCommandLineParser treats the first entry as the program name.
    if (!parser.parse(QStringList{QStringLiteral("gitvqa")} + args)) {
        *exitCode = usageError(command, parser.errorText());
        return std::nullopt;
    }
    if (parser.isSet(helpOption)) {
        std::fputs(help, stdout);
        *exitCode = ExitOk;
        return std::nullopt;
    }
    const bool hasModel = parser.isSet(modelOption);
    const bool hasVocab = parser.isSet(vocabOption);
    if (hasModel == hasVocab) {
        *exitCode = usageError(command, hasModel ? QStringLiteral("give --model or --vocab, not both")
                                                 : QStringLiteral("give --model DIR or --vocab FILE"));
        return std::nullopt;
    }
    if (parser.values(hasModel ? modelOption : vocabOption).size() > 1) {
        *exitCode = usageError(command, QStringLiteral("--model/--vocab given more than once"));
        return std::nullopt;
    }
    if (parser.positionalArguments().isEmpty()) {
        *exitCode = usageError(command, QString::fromLatin1(missingPositional));
        return std::nullopt;
    }

    Parsed parsed;
    QString error;
    parsed.tokenizer = hasModel ? WordPieceTokenizer::fromModelDir(parser.value(modelOption), &error)
                                : WordPieceTokenizer::fromVocabFile(parser.value(vocabOption), &error);
    if (!parsed.tokenizer) {
        std::fprintf(stderr, "gitvqa %s: %s\n", command, qPrintable(error));
        *exitCode = ExitModelError;
        return std::nullopt;
    }
    parsed.positional = parser.positionalArguments();
    return parsed;
}

} // namespace

int runTokenize(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOption(QStringLiteral("json"));
    const QCommandLineOption noSpecialOption(QStringLiteral("no-special"));
    parser.addOption(jsonOption);
    parser.addOption(noSpecialOption);
    int exitCode = ExitOk;
    const std::optional<Parsed> parsed =
        parseCommon("tokenize", kTokenizeHelp, "no TEXT given", parser, args, &exitCode);
    if (!parsed)
        return exitCode;

    const WordPieceTokenizer& tok = *parsed->tokenizer;
    const std::vector<std::int64_t> ids =
        tok.encode(parsed->positional.join(QLatin1Char(' ')), !parser.isSet(noSpecialOption));

    if (parser.isSet(jsonOption)) {
        QJsonArray idArray;
        QJsonArray tokenArray;
        for (const std::int64_t id : ids) {
            idArray.append(qint64(id));
            tokenArray.append(tok.idToToken(id));
        }
        const QJsonObject out{{QStringLiteral("ids"), idArray}, {QStringLiteral("tokens"), tokenArray}};
        writeOut(QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Compact)) + QLatin1Char('\n'));
        return ExitOk;
    }
    QStringList idTexts;
    QStringList tokens;
    for (const std::int64_t id : ids) {
        idTexts.append(QString::number(id));
        tokens.append(tok.idToToken(id));
    }
    writeOut(idTexts.join(QLatin1Char(' ')) + QLatin1Char('\n') + tokens.join(QLatin1Char(' ')) + QLatin1Char('\n'));
    return ExitOk;
}

int runDetokenize(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption keepSpecialOption(QStringLiteral("keep-special"));
    const QCommandLineOption noCleanupOption(QStringLiteral("no-cleanup"));
    parser.addOption(keepSpecialOption);
    parser.addOption(noCleanupOption);
    int exitCode = ExitOk;
    const std::optional<Parsed> parsed =
        parseCommon("detokenize", kDetokenizeHelp, "no ID given", parser, args, &exitCode);
    if (!parsed)
        return exitCode;

    static const QRegularExpression separators(QStringLiteral("[\\s,\\[\\]]+"));
    std::vector<std::int64_t> ids;
    for (const QString& arg : parsed->positional) {
        for (const QString& part : arg.split(separators, Qt::SkipEmptyParts)) {
            bool ok = false;
            const qlonglong id = part.toLongLong(&ok);
            if (!ok)
                return usageError("detokenize", QStringLiteral("'%1' is not an id").arg(part));
            ids.push_back(id);
        }
    }
    writeOut(parsed->tokenizer->decode(ids, !parser.isSet(keepSpecialOption), !parser.isSet(noCleanupOption))
             + QLatin1Char('\n'));
    return ExitOk;
}

} // namespace gitvqa::cli
