#include "text/wordpiece_tokenizer.h"

#include "text/text_decoding.h"

#include <QDir>
#include <QFileInfo>

#include <utility>

namespace gitvqa {

namespace {

void setError(QString* error, const QString& message)
{
    if (error)
        *error = message;
}

} // namespace

WordPieceTokenizer::WordPieceTokenizer(text::Vocabulary vocab, text::WordPieceSettings settings)
    : m_vocab(std::move(vocab)),
      m_settings(std::move(settings)),
      m_basic(m_settings.basic),
      m_special(m_vocab, m_settings.unkToken)
{
}

std::optional<WordPieceTokenizer> WordPieceTokenizer::fromParts(std::optional<text::Vocabulary> vocab,
                                                                const text::WordPieceSettings& settings,
                                                                const QString& file, QString* error)
{
    if (!vocab)
        return std::nullopt;
    // Without these the prompt cannot be built or unknown words have no id: refuse now, not at the first question.
    const QString required[] = {settings.unkToken, QStringLiteral("[CLS]"), QStringLiteral("[SEP]")};
    for (const QString& token : required) {
        if (vocab->idOf(token) < 0) {
            setError(error, QStringLiteral("%1: the vocabulary has no %2 entry (%3 tokens read); "
                                           "is this a BERT WordPiece vocabulary?")
                                .arg(file, token)
                                .arg(vocab->size()));
            return std::nullopt;
        }
    }
    return WordPieceTokenizer(std::move(*vocab), settings);
}

std::optional<WordPieceTokenizer> WordPieceTokenizer::fromVocabFile(const QString& path, QString* error)
{
    text::WordPieceSettings settings;
    if (path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        return fromParts(text::Vocabulary::fromTokenizerJson(path, &settings, error), settings, path, error);
    return fromParts(text::Vocabulary::fromVocabTxt(path, error), settings, path, error);
}

std::optional<WordPieceTokenizer> WordPieceTokenizer::fromModelDir(const QString& dir, QString* error)
{
    const QFileInfo info(dir);
    if (!info.exists()) {
        setError(error, QStringLiteral("%1: model folder not found").arg(dir));
        return std::nullopt;
    }
    if (!info.isDir()) {
        setError(error, QStringLiteral("%1: not a folder (expected a model folder with vocab.txt or "
                                       "tokenizer.json)")
                            .arg(dir));
        return std::nullopt;
    }
    const QDir d(dir);
    const QString vocabTxt = d.filePath(QStringLiteral("vocab.txt"));
    const QString tokenizerJson = d.filePath(QStringLiteral("tokenizer.json"));
    if (QFileInfo::exists(vocabTxt))
        return fromVocabFile(vocabTxt, error);
    if (QFileInfo::exists(tokenizerJson))
        return fromVocabFile(tokenizerJson, error);
    setError(error, QStringLiteral("%1: no vocab.txt or tokenizer.json in the model folder").arg(dir));
    return std::nullopt;
}

void WordPieceTokenizer::splitWord(const QString& word, QStringList* pieces, std::vector<std::int64_t>* ids) const
{
    const auto emitUnknown = [&] {
        if (pieces)
            pieces->append(m_settings.unkToken);
        if (ids)
            ids->push_back(unkId());
    };

    // Code point starts in UTF-16 units, plus the end: the limit and the matching count code points, not units.
    std::vector<qsizetype> starts;
    starts.reserve(size_t(word.size()) + 1);
    for (qsizetype i = 0; i < word.size(); ++i) {
        if (!word[i].isLowSurrogate() || i == 0 || !word[i - 1].isHighSurrogate())
            starts.push_back(i);
    }
    const size_t charCount = starts.size();
    starts.push_back(word.size());
    if (charCount > size_t(m_settings.maxInputCharsPerWord)) {
        emitUnknown();
        return;
    }

    // Collected apart so a word that fails half-way leaves nothing but one [UNK], as in the reference.
    QStringList wordPieces;
    std::vector<std::int64_t> wordIds;
    const QString& prefix = m_settings.continuingSubwordPrefix;
    const qsizetype longest = m_vocab.longestToken();
    size_t start = 0;
    while (start < charCount) {
        std::int64_t foundId = -1;
        size_t end = charCount;
        QString candidate;
        for (; end > start; --end) {
            const qsizetype len = starts[end] - starts[start] + (start > 0 ? prefix.size() : 0);
            if (len > longest)
                continue;
            candidate.clear();
            if (start > 0)
                candidate.append(prefix);
            candidate.append(QStringView(word).mid(starts[start], starts[end] - starts[start]));
            foundId = m_vocab.idOf(candidate);
            if (foundId >= 0)
                break;
        }
        if (foundId < 0) {
            emitUnknown();
            return;
        }
        wordPieces.append(candidate);
        wordIds.push_back(foundId);
        start = end;
    }
    if (pieces)
        pieces->append(wordPieces);
    if (ids)
        ids->insert(ids->end(), wordIds.begin(), wordIds.end());
}

void WordPieceTokenizer::run(const QString& text, QStringList* pieces, std::vector<std::int64_t>* ids) const
{
    for (const text::TextSegment& segment : m_special.split(text)) {
        if (segment.specialId >= 0) {
            if (pieces)
                pieces->append(segment.text);
            if (ids)
                ids->push_back(segment.specialId);
            continue;
        }
        for (const QString& word : m_basic.split(segment.text))
            splitWord(word, pieces, ids);
    }
}

QStringList WordPieceTokenizer::tokenize(const QString& text) const
{
    QStringList pieces;
    run(text, &pieces, nullptr);
    return pieces;
}

std::vector<std::int64_t> WordPieceTokenizer::encode(const QString& text, bool addSpecialTokens) const
{
    std::vector<std::int64_t> ids;
    if (addSpecialTokens)
        ids.push_back(clsId());
    run(text, nullptr, &ids);
    if (addSpecialTokens)
        ids.push_back(sepId());
    return ids;
}

QString WordPieceTokenizer::decode(const std::vector<std::int64_t>& ids, bool skipSpecialTokens,
                                   bool cleanUpSpaces) const
{
    QStringList pieces;
    pieces.reserve(qsizetype(ids.size()));
    for (const std::int64_t id : ids) {
        if (skipSpecialTokens && isSpecialId(id))
            continue;
        bool found = false;
        QString token = m_vocab.tokenOf(id, &found);
        if (found)
            pieces.append(std::move(token));
    }
    QString text = text::joinWordPieces(pieces, m_settings.continuingSubwordPrefix, m_settings.decoderCleanup);
    return cleanUpSpaces ? text::cleanUpTokenizationSpaces(std::move(text)) : text;
}

QString WordPieceTokenizer::idToToken(std::int64_t id) const
{
    return m_vocab.tokenOf(id);
}

std::int64_t WordPieceTokenizer::tokenToId(const QString& token) const
{
    return m_vocab.idOf(token);
}

} // namespace gitvqa
