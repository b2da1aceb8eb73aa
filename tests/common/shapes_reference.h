#pragma once
// The shapes model and its clips (../shared/reference/shapes-git-video, shapes-clips; see that README): what the
// acceptance suites ask and what the independent Python pipeline (ffmpeg CLI decoding, Pillow preprocessing,
// PyTorch GIT, greedy) answered on exactly those files. Everything is read from the files, nothing is assumed.

#include "reference_data.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QVector>

namespace gitvqa::testing {

struct ShapesQuestion {
    QString video;      // "video<N>" as qa.json's video_id names it
    QString question;
    QString answer;     // the truth
    QString python;     // what the Python pipeline answered
    QString kind;
};

struct ShapesScene {
    QString color, shape, dir;
};

// The two-scene clip: `first` on [0, boundary), `second` on [boundary, end).
struct TwoScenes {
    ShapesScene first, second;
    double boundary = 0;
};

inline QJsonDocument readJsonFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll());
}

inline QString shapesModelDir() { return referencePath(QStringLiteral("shapes-git-video")); }
inline QString shapesClipsDir() { return referencePath(QStringLiteral("shapes-clips")); }

// Empty when the files are missing or do not match each other.
inline QVector<ShapesQuestion> shapesQuestions()
{
    const QJsonArray qa = readJsonFile(shapesClipsDir() + QStringLiteral("/qa.json")).array();
    const QJsonArray python =
        readJsonFile(shapesClipsDir() + QStringLiteral("/reference.json")).object().value(QStringLiteral("python_predictions")).toArray();
    QVector<ShapesQuestion> out;
    if (qa.isEmpty() || qa.size() != python.size())
        return out;
    for (int i = 0; i < qa.size(); ++i) {
        const QJsonObject o = qa[i].toObject();
        const QJsonValue id = o.value(QStringLiteral("video_id"));
        out.push_back({id.isDouble() ? QStringLiteral("video%1").arg(id.toInt()) : id.toString(),
                       o.value(QStringLiteral("question")).toString(), o.value(QStringLiteral("answer")).toString(),
                       python[i].toString(), o.value(QStringLiteral("kind")).toString()});
    }
    return out;
}

inline TwoScenes twoScenes()
{
    const QJsonObject o = readJsonFile(shapesClipsDir() + QStringLiteral("/segments.json")).object();
    auto scene = [&](const char* key) {
        const QJsonObject s = o.value(QLatin1String(key)).toObject();
        return ShapesScene{s.value(QStringLiteral("color")).toString(), s.value(QStringLiteral("shape")).toString(),
                           s.value(QStringLiteral("dir")).toString()};
    };
    return {scene("first"), scene("second"), o.value(QStringLiteral("boundary")).toDouble()};
}

inline QString twoScenesClip() { return shapesClipsDir() + QStringLiteral("/segments.mp4"); }

} // namespace gitvqa::testing
