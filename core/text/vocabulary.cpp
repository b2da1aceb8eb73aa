#include "text/vocabulary.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>

namespace gitvqa::text {

namespace {

// Ids far beyond any real vocabulary mean a corrupt file, not a 2-billion-row table to allocate.
constexpr qint64 kMaxVocabularyId = 16 * 1024 * 1024;

void setError(QString* error, const QString& message)
{
    if (error)
        *error = message;
}

std::optional<QByteArray> readWholeFile(const QString& path, QString* error)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        setError(error, QStringLiteral("%1: file not found").arg(path));
        return std::nullopt;
    }
    if (info.isDir()) {
        setError(error, QStringLiteral("%1: is a folder, not a vocabulary file").arg(path));
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setError(error, QStringLiteral("%1: cannot be read (%2)").arg(path, file.errorString()));
        return std::nullopt;
    }
    QByteArray data = file.readAll();
    if (data.trimmed().isEmpty()) {
        setError(error, QStringLiteral("%1: file is empty").arg(path));
        return std::nullopt;
    }
    return data;
}

} // namespace

void Vocabulary::insert(const QString& token, qsizetype id)
{
    if (id >= m_tokens.size()) {
        m_tokens.resize(id + 1);
        m_present.resize(id + 1, false);
    }
    const auto previous = m_ids.constFind(token);
    if (previous != m_ids.constEnd() && previous.value() != id)
        m_present[qsizetype(previous.value())] = false;
    m_ids.insert(token, id);
    m_tokens[id] = token;
    m_present[id] = true;
    m_longest = std::max(m_longest, token.size());
}

QString Vocabulary::tokenOf(std::int64_t id, bool* found) const
{
    const bool ok = id >= 0 && id < m_tokens.size() && m_present[qsizetype(id)];
    if (found)
        *found = ok;
    return ok ? m_tokens[qsizetype(id)] : QString();
}

std::optional<Vocabulary> Vocabulary::fromVocabTxt(const QString& path, QString* error)
{
    const std::optional<QByteArray> data = readWholeFile(path, error);
    if (!data)
        return std::nullopt;

    Vocabulary vocab;
    const char* p = data->constData();
    const qsizetype n = data->size();
    qsizetype lines = 0;
    for (qsizetype i = 0; i < n; ++i)
        lines += (p[i] == '\n');
    vocab.m_ids.reserve(lines + 1);
    vocab.m_tokens.reserve(lines + 1);
    vocab.m_present.reserve(lines + 1);

    // Universal newlines, as Python's text-mode readlines() sees them; a final line ending adds no empty token.
    qsizetype start = 0;
    qsizetype id = 0;
    while (start < n) {
        qsizetype end = start;
        while (end < n && p[end] != '\n' && p[end] != '\r')
            ++end;
        vocab.insert(QString::fromUtf8(p + start, end - start), id++);
        if (end < n && p[end] == '\r' && end + 1 < n && p[end + 1] == '\n')
            ++end;
        start = end + 1;
    }
    return vocab;
}

std::optional<Vocabulary> Vocabulary::fromTokenizerJson(const QString& path, WordPieceSettings* settings,
                                                        QString* error)
{
    const std::optional<QByteArray> data = readWholeFile(path, error);
    if (!data)
        return std::nullopt;

    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(*data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        setError(error, QStringLiteral("%1: malformed JSON at byte %2 (%3)")
                            .arg(path)
                            .arg(parseError.offset)
                            .arg(parseError.errorString()));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        setError(error, QStringLiteral("%1: expected a JSON object at the top level").arg(path));
        return std::nullopt;
    }
    const QJsonObject model = doc.object().value(QLatin1String("model")).toObject();
    const QString type = model.value(QLatin1String("type")).toString();
    if (!type.isEmpty() && type != QLatin1String("WordPiece")) {
        setError(error, QStringLiteral("%1: model.type is \"%2\"; only WordPiece tokenizers are supported")
                            .arg(path, type));
        return std::nullopt;
    }
    const QJsonValue vocabValue = model.value(QLatin1String("vocab"));
    if (!vocabValue.isObject() || vocabValue.toObject().isEmpty()) {
        setError(error, QStringLiteral("%1: no model.vocab object (token -> id) in it").arg(path));
        return std::nullopt;
    }

    Vocabulary vocab;
    const QJsonObject entries = vocabValue.toObject();
    // Ids are dense in any real vocabulary; one far past the entry count is a corrupt file, and honouring it would
    // allocate a table of that many rows.
    const double maxId = double(std::min<qint64>(kMaxVocabularyId, 2 * qint64(entries.size()) + 1024));
    vocab.m_ids.reserve(entries.size());
    for (auto it = entries.constBegin(); it != entries.constEnd(); ++it) {
        const QJsonValue v = it.value();
        const double d = v.toDouble(-1.0);
        if (!v.isDouble() || d < 0 || d != double(qint64(d))) {
            setError(error, QStringLiteral("%1: model.vocab entry \"%2\" has no valid id").arg(path, it.key()));
            return std::nullopt;
        }
        if (d > maxId) {
            setError(error, QStringLiteral("%1: model.vocab entry \"%2\" has id %3, far beyond the %4 entries")
                                .arg(path, it.key())
                                .arg(qint64(d))
                                .arg(entries.size()));
            return std::nullopt;
        }
        vocab.insert(it.key(), qsizetype(d));
    }

    if (settings) {
        WordPieceSettings s;
        if (model.contains(QLatin1String("unk_token")))
            s.unkToken = model.value(QLatin1String("unk_token")).toString(s.unkToken);
        if (model.contains(QLatin1String("continuing_subword_prefix")))
            s.continuingSubwordPrefix = model.value(QLatin1String("continuing_subword_prefix")).toString();
        s.maxInputCharsPerWord = model.value(QLatin1String("max_input_chars_per_word")).toInt(s.maxInputCharsPerWord);

        const QJsonObject normalizer = doc.object().value(QLatin1String("normalizer")).toObject();
        if (normalizer.value(QLatin1String("type")).toString() == QLatin1String("BertNormalizer")) {
            s.basic.cleanText = normalizer.value(QLatin1String("clean_text")).toBool(true);
            s.basic.handleChineseChars = normalizer.value(QLatin1String("handle_chinese_chars")).toBool(true);
            s.basic.lowercase = normalizer.value(QLatin1String("lowercase")).toBool(true);
            // null means "follow lowercase", as in BertNormalizer.
            const QJsonValue strip = normalizer.value(QLatin1String("strip_accents"));
            s.basic.stripAccents = strip.isBool() ? strip.toBool() : s.basic.lowercase;
        }
        const QJsonObject decoder = doc.object().value(QLatin1String("decoder")).toObject();
        if (decoder.value(QLatin1String("type")).toString() == QLatin1String("WordPiece")) {
            s.decoderCleanup = decoder.value(QLatin1String("cleanup")).toBool(true);
        }
        *settings = s;
    }
    return vocab;
}

} // namespace gitvqa::text
