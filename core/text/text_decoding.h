#pragma once
// Turning word pieces back into text the way transformers' fast BERT tokenizer does.

#include <QString>
#include <QStringList>

namespace gitvqa::text {

// The fast WordPiece decoder: every piece after the first gets a leading space unless it carries the continuation
// prefix (which is removed instead); with decoderCleanup each piece then has " ." " ?" " !" " ," glued, piece by
// piece. That is why "doing ?" comes back as "doing?" even with clean_up_tokenization_spaces off.
QString joinWordPieces(const QStringList& pieces, const QString& continuationPrefix, bool decoderCleanup);

// transformers' clean_up_tokenization() on the whole string: " ." " ?" " !" " ," " ' " " n't" " 'm" " 's" " 've"
// " 're", in that order.
QString cleanUpTokenizationSpaces(QString text);

} // namespace gitvqa::text
