#include "eval_records.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace gitvqa::cli {

QString questionTypeOf(const QString& question, const QJsonValue& categoryId)
{
    // MSRVTT-QA's category_id numbers the five question words in this order.
    static const char* const kTypes[] = {"what", "who", "how", "when", "where"};
    if (categoryId.isDouble()) {
        const int c = categoryId.toInt(-1);
        if (c >= 0 && c < 5)
            return QLatin1String(kTypes[c]);
    }
    const QString first = question.trimmed().section(QLatin1Char(' '), 0, 0).toLower();
    for (const char* t : kTypes)
        if (first == QLatin1String(t))
            return first;
    return QStringLiteral("other");
}

QVector<EvalQuestion> readAnnotations(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isArray()) {
        *error = QStringLiteral("%1 is not a JSON list of questions (%2)").arg(path, parseError.errorString());
        return {};
    }
    QVector<EvalQuestion> out;
    const QJsonArray items = doc.array();
    for (int i = 0; i < items.size(); ++i) {
        const QJsonObject o = items[i].toObject();
        EvalQuestion q;
        q.index = i;
        q.id = o.value(QStringLiteral("id"));
        const QJsonValue v = o.contains(QStringLiteral("video_id")) ? o.value(QStringLiteral("video_id")) : o.value(QStringLiteral("video"));
        q.video = v.isDouble() ? QStringLiteral("video%1").arg(static_cast<qint64>(v.toDouble())) : v.toString();
        q.question = o.value(QStringLiteral("question")).toString();
        q.answer = o.value(QStringLiteral("answer")).toString();
        if (q.video.isEmpty() || q.question.trimmed().isEmpty() || !o.value(QStringLiteral("answer")).isString()) {
            *error = QStringLiteral("%1: question %2 needs \"video_id\" (or \"video\"), \"question\" and \"answer\"").arg(path).arg(i);
            return {};
        }
        q.type = questionTypeOf(q.question, o.value(QStringLiteral("category_id")));
        out.push_back(q);
    }
    if (out.isEmpty())
        *error = QStringLiteral("%1 has no questions").arg(path);
    return out;
}

QVector<EvalClip> groupByClip(const QVector<EvalQuestion>& questions)
{
    QVector<EvalClip> clips;
    QHash<QString, int> at;
    for (const EvalQuestion& q : questions) {
        auto it = at.find(q.video);
        if (it == at.end()) {
            it = at.insert(q.video, clips.size());
            clips.push_back({q.video, {}});
        }
        clips[*it].questions.push_back(q.index);
    }
    return clips;
}

bool parseShard(const QString& text, int* index, int* count)
{
    const QStringList parts = text.split(QLatin1Char('/'));
    bool okI = false, okN = false;
    if (parts.size() != 2)
        return false;
    *index = parts[0].toInt(&okI);
    *count = parts[1].toInt(&okN);
    return okI && okN && *count >= 1 && *index >= 0 && *index < *count;
}

QVector<EvalClip> shardOf(const QVector<EvalClip>& clips, int index, int count)
{
    QVector<EvalClip> out;
    for (int k = index; k < clips.size(); k += count)
        out.push_back(clips[k]);
    return out;
}

QString findClip(const QDir& dir, const QString& video)
{
    if (video.isEmpty())
        return {};
    if (QFileInfo(dir.filePath(video)).isFile())
        return dir.filePath(video);
    for (const char* ext : {".mp4", ".webm", ".mkv", ".avi", ".mov"}) {
        const QString candidate = dir.filePath(video + QLatin1String(ext));
        if (QFileInfo(candidate).isFile())
            return candidate;
    }
    return {};
}

QString normaliseAnswer(const QString& s) { return s.trimmed().toLower().simplified(); }

QVector<Prediction> readPredictions(const QString& path, QString* error, qint64* validBytes)
{
    QVector<Prediction> out;
    if (validBytes)
        *validBytes = 0;
    QFile file(path);
    if (!file.exists())
        return out;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return out;
    }
    const QByteArray all = file.readAll();
    qint64 pos = 0;
    int lineNo = 0;
    while (pos < all.size()) {
        const qint64 end = all.indexOf('\n', pos);
        if (end < 0)
            break; // cut short: not a whole record
        ++lineNo;
        const QByteArray line = all.mid(pos, end - pos).trimmed();
        pos = end + 1;
        if (line.isEmpty()) {
            if (validBytes)
                *validBytes = pos;
            continue;
        }
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        const QJsonObject o = doc.object();
        if (!doc.isObject() || !o.value(QStringLiteral("index")).isDouble()) {
            *error = QStringLiteral("%1 line %2 is not a prediction of gitvqa eval").arg(path).arg(lineNo);
            return {};
        }
        out.push_back({o.value(QStringLiteral("index")).toInt(), o});
        if (validBytes)
            *validBytes = pos;
    }
    return out;
}

QMap<int, Prediction> latestPerQuestion(const QVector<Prediction>& predictions)
{
    QMap<int, Prediction> out;
    for (const Prediction& p : predictions) {
        const auto it = out.find(p.index);
        if (it == out.end() || p.answered() || !it->answered())
            out[p.index] = p;
    }
    return out;
}

EvalScore scorePredictions(const QMap<int, Prediction>& predictions)
{
    EvalScore s;
    for (const Prediction& p : predictions) {
        ++s.questions;
        if (!p.answered()) {
            ++s.failed;
            continue;
        }
        const bool correct = normaliseAnswer(p.record.value(QStringLiteral("prediction")).toString())
            == normaliseAnswer(p.record.value(QStringLiteral("answer")).toString());
        const QString type = p.record.value(QStringLiteral("type")).toString(
            questionTypeOf(p.record.value(QStringLiteral("question")).toString(), {}));
        for (EvalScore::Count* c : {&s.all, &s.byType[type]}) {
            ++c->asked;
            c->correct += correct;
        }
    }
    return s;
}

QJsonObject scoreJson(const EvalScore& s)
{
    auto accuracy = [](const EvalScore::Count& c) { return c.asked ? double(c.correct) / c.asked : 0.0; };
    QJsonObject types;
    for (auto it = s.byType.cbegin(); it != s.byType.cend(); ++it)
        types.insert(it.key(), QJsonObject{{QStringLiteral("asked"), it->asked},
                                           {QStringLiteral("correct"), it->correct},
                                           {QStringLiteral("accuracy"), accuracy(*it)}});
    return {{QStringLiteral("questions"), s.questions}, {QStringLiteral("evaluated"), s.all.asked},
            {QStringLiteral("correct"), s.all.correct},  {QStringLiteral("accuracy"), accuracy(s.all)},
            {QStringLiteral("failed"), s.failed},        {QStringLiteral("by_type"), types}};
}

} // namespace gitvqa::cli
