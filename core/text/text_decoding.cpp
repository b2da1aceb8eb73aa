#include "text/text_decoding.h"

namespace gitvqa::text {

namespace {

// tokenizers' decoders::wordpiece::cleanup(); " do not" -> " don't" is in it too (it can never match a single
// piece, but keep the list whole).
void decoderCleanupPiece(QString& piece)
{
    piece.replace(QLatin1String(" ."), QLatin1String("."))
        .replace(QLatin1String(" ?"), QLatin1String("?"))
        .replace(QLatin1String(" !"), QLatin1String("!"))
        .replace(QLatin1String(" ,"), QLatin1String(","))
        .replace(QLatin1String(" ' "), QLatin1String("'"))
        .replace(QLatin1String(" n't"), QLatin1String("n't"))
        .replace(QLatin1String(" 'm"), QLatin1String("'m"))
        .replace(QLatin1String(" do not"), QLatin1String(" don't"))
        .replace(QLatin1String(" 's"), QLatin1String("'s"))
        .replace(QLatin1String(" 've"), QLatin1String("'ve"))
        .replace(QLatin1String(" 're"), QLatin1String("'re"));
}

} // namespace

QString joinWordPieces(const QStringList& pieces, const QString& continuationPrefix, bool decoderCleanup)
{
    QString out;
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        QString piece = pieces[i];
        if (i != 0) {
            if (!continuationPrefix.isEmpty() && piece.startsWith(continuationPrefix))
                piece.remove(0, continuationPrefix.size());
            else
                piece.prepend(QLatin1Char(' '));
        }
        if (decoderCleanup)
            decoderCleanupPiece(piece);
        out += piece;
    }
    return out;
}

QString cleanUpTokenizationSpaces(QString text)
{
    text.replace(QLatin1String(" ."), QLatin1String("."))
        .replace(QLatin1String(" ?"), QLatin1String("?"))
        .replace(QLatin1String(" !"), QLatin1String("!"))
        .replace(QLatin1String(" ,"), QLatin1String(","))
        .replace(QLatin1String(" ' "), QLatin1String("'"))
        .replace(QLatin1String(" n't"), QLatin1String("n't"))
        .replace(QLatin1String(" 'm"), QLatin1String("'m"))
        .replace(QLatin1String(" 's"), QLatin1String("'s"))
        .replace(QLatin1String(" 've"), QLatin1String("'ve"))
        .replace(QLatin1String(" 're"), QLatin1String("'re"));
    return text;
}

} // namespace gitvqa::text
