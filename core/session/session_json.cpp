#include "session/session_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace gitvqa {

namespace {

// Field names, kept in one place because SCHEMA.md documents exactly these.
namespace key {
const QString schema = QStringLiteral("schema");
const QString version = QStringLiteral("version");
const QString id = QStringLiteral("id");
const QString created = QStringLiteral("created");
const QString video = QStringLiteral("video");
const QString path = QStringLiteral("path");
const QString size = QStringLiteral("size");
const QString headSha256 = QStringLiteral("head_sha256");
const QString exchanges = QStringLiteral("exchanges");
const QString kind = QStringLiteral("kind");
const QString question = QStringLiteral("question");
const QString answer = QStringLiteral("answer");
const QString segment = QStringLiteral("segment");
const QString start = QStringLiteral("start");
const QString end = QStringLiteral("end");
const QString frameTimes = QStringLiteral("frame_times");
const QString clampedFrom = QStringLiteral("clamped_from");
const QString model = QStringLiteral("model");
const QString device = QStringLiteral("device");
const QString dtype = QStringLiteral("dtype");
const QString decoding = QStringLiteral("decoding");
const QString timings = QStringLiteral("timings");
const QString status = QStringLiteral("status");
const QString error = QStringLiteral("error");
const QString windows = QStringLiteral("windows");
const QString yesProbability = QStringLiteral("yes_probability");
const QString earlierVersions = QStringLiteral("earlier_versions");
const QString answered = QStringLiteral("answered");
} // namespace key

// JSON has no NaN or infinity; a broken time must not make the whole file unreadable later, so it is written as 0.
QJsonValue finite(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(0.0);
}

QJsonValue timeToJson(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

QDateTime timeFromJson(const QJsonValue& v)
{
    return v.isString() ? QDateTime::fromString(v.toString(), Qt::ISODateWithMs) : QDateTime();
}

QJsonObject segmentToJson(const Segment& s)
{
    return {{key::start, finite(s.start)}, {key::end, finite(s.end)}};
}

QJsonObject windowToJson(const ScanWindow& w)
{
    QJsonObject o{{key::start, finite(w.start)}, {key::end, finite(w.end)}, {key::answer, w.answer}};
    if (w.yesProbability)
        o.insert(key::yesProbability, finite(*w.yesProbability));
    return o;
}

QJsonArray framesToJson(const QVector<double>& times)
{
    QJsonArray frames;
    for (const double t : times)
        frames.append(finite(t));
    return frames;
}

// Written only when a frame was clamped, so other transcripts stay as they were: null for a frame that was not.
void insertClamped(QJsonObject& o, const QVector<double>& clampedFrom)
{
    if (clampedFrom.isEmpty())
        return;
    QJsonArray a;
    for (const double t : clampedFrom)
        a.append(t >= 0 ? QJsonValue(finite(t)) : QJsonValue());
    o.insert(key::clampedFrom, a);
}

QVector<double> clampedFromJson(const QJsonValue& v)
{
    QVector<double> times;
    for (const QJsonValue& t : v.toArray())
        times.append(t.isDouble() ? t.toDouble() : -1.0);
    return times;
}

QJsonObject versionToJson(const AnswerVersion& v)
{
    QJsonObject o{
        {key::answer, v.answer},
        {key::status, v.status},
        {key::error, v.error},
        {key::segment, segmentToJson(v.segment)},
        {key::frameTimes, framesToJson(v.frameTimes)},
        {key::model, v.model},
        {key::device, v.device},
        {key::dtype, v.dtype},
        {key::decoding, v.decoding},
        {key::timings, v.timings},
        {key::created, timeToJson(v.created)},
    };
    insertClamped(o, v.clampedFrom);
    return o;
}

QJsonObject exchangeToJson(const Exchange& e)
{
    const QJsonArray frames = framesToJson(e.frameTimes);
    QJsonArray windows;
    for (const ScanWindow& w : e.windows)
        windows.append(windowToJson(w));
    QJsonArray earlier;
    for (const AnswerVersion& v : e.earlierVersions)
        earlier.append(versionToJson(v));
    QJsonObject o{
        {key::id, e.id},
        {key::kind, e.kind},
        {key::question, e.question},
        {key::answer, e.answer},
        {key::segment, segmentToJson(e.segment)},
        {key::frameTimes, frames},
        {key::model, e.model},
        {key::device, e.device},
        {key::dtype, e.dtype},
        {key::decoding, e.decoding},
        {key::timings, e.timings},
        {key::created, timeToJson(e.created)},
        {key::status, e.status},
        {key::error, e.error},
        {key::windows, windows},
        {key::earlierVersions, earlier},
        {key::answered, timeToJson(e.answered)},
    };
    insertClamped(o, e.clampedFrom);
    return o;
}

QJsonObject videoToJson(const VideoFingerprint& v)
{
    return {{key::path, v.path}, {key::size, double(v.size)}, {key::headSha256, v.headSha256Hex()}};
}

VideoFingerprint videoFromJson(const QJsonObject& o)
{
    VideoFingerprint v;
    v.path = o.value(key::path).toString();
    v.size = o.value(key::size).isDouble() ? qint64(o.value(key::size).toDouble()) : -1;
    v.headSha256 = QByteArray::fromHex(o.value(key::headSha256).toString().toLatin1());
    return v;
}

Segment segmentFromJson(const QJsonObject& o)
{
    return {o.value(key::start).toDouble(), o.value(key::end).toDouble()};
}

QVector<double> framesFromJson(const QJsonValue& v)
{
    QVector<double> times;
    for (const QJsonValue& t : v.toArray())
        times.append(t.toDouble());
    return times;
}

AnswerVersion versionFromJson(const QJsonObject& o)
{
    AnswerVersion v;
    v.answer = o.value(key::answer).toString();
    v.status = o.value(key::status).toString(exchange_status::Done);
    v.error = o.value(key::error).toString();
    v.segment = segmentFromJson(o.value(key::segment).toObject());
    v.frameTimes = framesFromJson(o.value(key::frameTimes));
    v.clampedFrom = clampedFromJson(o.value(key::clampedFrom));
    v.model = o.value(key::model).toString();
    v.device = o.value(key::device).toString();
    v.dtype = o.value(key::dtype).toString();
    v.decoding = o.value(key::decoding).toObject();
    v.timings = o.value(key::timings).toObject();
    v.created = timeFromJson(o.value(key::created));
    return v;
}

// Field types are read leniently (a wrong type gives the default) so one odd value in a hand-edited file does not
// put the whole transcript aside; only a broken structure does.
bool exchangeFromJson(const QJsonObject& o, Exchange* e, QString* error)
{
    e->id = o.value(key::id).toString();
    e->kind = o.value(key::kind).toString(exchange_kind::Question);
    e->question = o.value(key::question).toString();
    e->answer = o.value(key::answer).toString();
    e->segment = segmentFromJson(o.value(key::segment).toObject());
    e->frameTimes = framesFromJson(o.value(key::frameTimes));
    e->clampedFrom = clampedFromJson(o.value(key::clampedFrom));
    e->model = o.value(key::model).toString();
    e->device = o.value(key::device).toString();
    e->dtype = o.value(key::dtype).toString();
    e->decoding = o.value(key::decoding).toObject();
    e->timings = o.value(key::timings).toObject();
    e->created = timeFromJson(o.value(key::created));
    e->status = o.value(key::status).toString(exchange_status::Done);
    e->error = o.value(key::error).toString();
    // Version 1 had no earlier versions: each of its exchanges reads as a single answer (the migration).
    for (const QJsonValue& vv : o.value(key::earlierVersions).toArray()) {
        if (vv.isObject())
            e->earlierVersions.append(versionFromJson(vv.toObject()));
    }
    e->answered = timeFromJson(o.value(key::answered));
    const QJsonValue windows = o.value(key::windows);
    if (!windows.isUndefined() && !windows.isNull() && !windows.isArray()) {
        *error = QStringLiteral("exchange %1: \"windows\" is not an array").arg(e->id);
        return false;
    }
    for (const QJsonValue& wv : windows.toArray()) {
        if (!wv.isObject()) {
            *error = QStringLiteral("exchange %1: a window is not an object").arg(e->id);
            return false;
        }
        const QJsonObject wo = wv.toObject();
        ScanWindow w;
        w.start = wo.value(key::start).toDouble();
        w.end = wo.value(key::end).toDouble();
        w.answer = wo.value(key::answer).toString();
        if (wo.value(key::yesProbability).isDouble())
            w.yesProbability = wo.value(key::yesProbability).toDouble();
        e->windows.append(w);
    }
    return true;
}

SessionRead failure(SessionReadStatus status, const QString& error)
{
    SessionRead r;
    r.status = status;
    r.error = error;
    return r;
}

} // namespace

QJsonObject sessionToJson(const Session& session)
{
    QJsonArray exchanges;
    for (const Exchange& e : session.exchanges())
        exchanges.append(exchangeToJson(e));
    return {
        {key::schema, QString::fromLatin1(kSessionSchemaName)},
        {key::version, kSessionSchemaVersion},
        {key::id, session.id()},
        {key::created, timeToJson(session.created())},
        {key::video, videoToJson(session.video())},
        {key::exchanges, exchanges},
    };
}

QByteArray sessionToJsonBytes(const Session& session)
{
    return QJsonDocument(sessionToJson(session)).toJson(QJsonDocument::Indented);
}

SessionRead sessionFromJson(const QByteArray& bytes)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failure(SessionReadStatus::Unreadable,
                       QStringLiteral("not valid JSON (%1 at byte %2)")
                           .arg(parseError.errorString())
                           .arg(parseError.offset));
    if (!doc.isObject())
        return failure(SessionReadStatus::Unreadable, QStringLiteral("not a JSON object"));
    const QJsonObject root = doc.object();
    if (root.value(key::schema).toString() != QLatin1String(kSessionSchemaName))
        return failure(SessionReadStatus::Unreadable, QStringLiteral("not a gitvqa session (no \"schema\": \"%1\")")
                                                          .arg(QLatin1String(kSessionSchemaName)));
    const QJsonValue versionValue = root.value(key::version);
    const double version = versionValue.toDouble(-1);
    if (!versionValue.isDouble() || version < 1 || version != std::floor(version))
        return failure(SessionReadStatus::Unreadable, QStringLiteral("\"version\" is missing or not a version"));
    if (version > kSessionSchemaVersion) {
        SessionRead r = failure(SessionReadStatus::Newer,
                                QStringLiteral("written by a newer gitvqa (session version %1; this build reads %2)")
                                    .arg(qint64(version))
                                    .arg(kSessionSchemaVersion));
        r.session.setVideo(videoFromJson(root.value(key::video).toObject()));
        return r;
    }

    if (!root.value(key::video).isObject())
        return failure(SessionReadStatus::Unreadable, QStringLiteral("\"video\" is missing"));
    const QJsonValue exchanges = root.value(key::exchanges);
    if (!exchanges.isArray())
        return failure(SessionReadStatus::Unreadable, QStringLiteral("\"exchanges\" is missing or not an array"));

    SessionRead r;
    r.status = SessionReadStatus::Ok;
    r.session.setId(root.value(key::id).toString());
    r.session.setCreated(timeFromJson(root.value(key::created)));
    r.session.setVideo(videoFromJson(root.value(key::video).toObject()));
    QVector<Exchange> list;
    for (const QJsonValue& v : exchanges.toArray()) {
        if (!v.isObject())
            return failure(SessionReadStatus::Unreadable, QStringLiteral("an exchange is not an object"));
        Exchange e;
        QString error;
        if (!exchangeFromJson(v.toObject(), &e, &error))
            return failure(SessionReadStatus::Unreadable, error);
        list.append(e);
    }
    r.session.setExchanges(list);
    return r;
}

} // namespace gitvqa
