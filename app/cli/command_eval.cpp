// `gitvqa eval --annotations QA.json --videos DIR [--limit N] [--predictions OUT.jsonl] [model options]`
// MSRVTT-QA style evaluation: six frames spread uniformly over each whole clip (as the model was trained), greedy
// answers, exact-match accuracy overall and per question type (the first word: what, who, how, when, where).

#include "cli_options.h"
#include "commands.h"
#include "exit_codes.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

#include <cstdio>

namespace gitvqa::cli {

namespace {

// MSRVTT-QA files name clips by number ("video_id": 7010 → video7010.mp4); repackagings use "video": "video7010".
QString findVideo(const QDir& dir, const QJsonObject& item)
{
    QString name;
    const QJsonValue id = item.contains(QStringLiteral("video_id")) ? item.value(QStringLiteral("video_id")) : item.value(QStringLiteral("video"));
    if (id.isDouble())
        name = QStringLiteral("video%1").arg(static_cast<qint64>(id.toDouble()));
    else
        name = id.toString();
    if (name.isEmpty())
        return {};
    if (QFileInfo(dir.filePath(name)).isFile())
        return dir.filePath(name);
    for (const char* ext : {".mp4", ".webm", ".mkv", ".avi", ".mov"}) {
        const QString candidate = dir.filePath(name + QLatin1String(ext));
        if (QFileInfo(candidate).isFile())
            return candidate;
    }
    return {};
}

QString questionType(const QString& question)
{
    const QString first = question.trimmed().section(QLatin1Char(' '), 0, 0).toLower();
    for (const char* t : {"what", "who", "how", "when", "where"})
        if (first == QLatin1String(t))
            return first;
    return QStringLiteral("other");
}

QString normalise(const QString& s) { return s.trimmed().toLower().simplified(); }

} // namespace

int runEval(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Exact-match accuracy on MSRVTT-QA style annotations."));
    p.addHelpOption();
    p.addOption({QStringLiteral("annotations"), QStringLiteral("JSON list of {video_id|video, question, answer}."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("videos"), QStringLiteral("Folder with the clips (video<ID>.mp4 ...)."), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("limit"), QStringLiteral("Evaluate only the first N questions."), QStringLiteral("N"), QStringLiteral("0")});
    p.addOption({QStringLiteral("predictions"), QStringLiteral("Also write each prediction as JSONL here."), QStringLiteral("FILE")});
    addModelOptions(p);
    addGenerationOptions(p);
    if (!p.parse(QStringList{QStringLiteral("gitvqa eval")} + args)) {
        printError("eval", p.errorText());
        return ExitUsage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(p.helpText()));
        return ExitOk;
    }
    if (!p.isSet(QStringLiteral("annotations")) || !p.isSet(QStringLiteral("videos"))) {
        printError("eval", QStringLiteral("--annotations FILE and --videos DIR are required"));
        return ExitUsage;
    }
    GenerationOptions generation;
    QString error;
    if (!generationOptionsFrom(p, &generation, &error)) {
        printError("eval", error);
        return ExitUsage;
    }
    QFile file(p.value(QStringLiteral("annotations")));
    if (!file.open(QIODevice::ReadOnly)) {
        printError("eval", QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString()));
        return ExitInputError;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isArray()) {
        printError("eval", QStringLiteral("%1 is not a JSON list of questions (%2)").arg(file.fileName(), parseError.errorString()));
        return ExitInputError;
    }
    const QDir videos(p.value(QStringLiteral("videos")));
    if (!videos.exists()) {
        printError("eval", QStringLiteral("the folder %1 does not exist").arg(videos.path()));
        return ExitInputError;
    }
    QFile predictions;
    if (p.isSet(QStringLiteral("predictions"))) {
        predictions.setFileName(p.value(QStringLiteral("predictions")));
        if (!predictions.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            printError("eval", QStringLiteral("cannot write %1").arg(predictions.fileName()));
            return ExitInputError;
        }
    }
    auto model = loadModelOrExplain(p, "eval");
    if (!model)
        return ExitModelError;

    const QJsonArray items = doc.array();
    const int limit = p.value(QStringLiteral("limit")).toInt();
    const int total = limit > 0 ? std::min(limit, static_cast<int>(items.size())) : static_cast<int>(items.size());
    AnswerPipeline pipeline;
    struct Count { int asked = 0; int correct = 0; };
    QMap<QString, Count> byType;
    Count all;
    int missing = 0, failed = 0;
    for (int i = 0; i < total; ++i) {
        const QJsonObject item = items[i].toObject();
        const QString video = findVideo(videos, item);
        const QString question = item.value(QStringLiteral("question")).toString();
        const QString expected = item.value(QStringLiteral("answer")).toString();
        QJsonObject prediction{{QStringLiteral("index"), i}, {QStringLiteral("question"), question}, {QStringLiteral("answer"), expected}};
        if (video.isEmpty()) {
            ++missing;
            prediction.insert(QStringLiteral("error"), QStringLiteral("video not found"));
        } else {
            AskRequest r;
            r.videoPath = video;
            r.question = question;
            r.generation = generation;
            r.segment = SegmentSpec::range(0.0, 1e9); // the whole clip: the sampler fits the window to the video
            try {
                const AnswerResult a = pipeline.answer(*model, r);
                const bool correct = normalise(a.answer) == normalise(expected);
                Count& c = byType[questionType(question)];
                ++c.asked;
                ++all.asked;
                c.correct += correct;
                all.correct += correct;
                prediction.insert(QStringLiteral("prediction"), a.answer);
                prediction.insert(QStringLiteral("correct"), correct);
            } catch (const std::exception& e) {
                ++failed;
                prediction.insert(QStringLiteral("error"), QString::fromUtf8(e.what()));
            }
        }
        if (predictions.isOpen())
            predictions.write(QJsonDocument(prediction).toJson(QJsonDocument::Compact) + '\n');
        std::fprintf(stderr, "\r[%d/%d] accuracy %.2f%%", i + 1, total, all.asked ? 100.0 * all.correct / all.asked : 0.0);
    }
    std::fprintf(stderr, "\n");
    QJsonObject types;
    for (auto it = byType.cbegin(); it != byType.cend(); ++it)
        types.insert(it.key(), QJsonObject{{QStringLiteral("asked"), it->asked}, {QStringLiteral("correct"), it->correct},
                                           {QStringLiteral("accuracy"), it->asked ? double(it->correct) / it->asked : 0.0}});
    const QJsonObject summary{{QStringLiteral("questions"), total},
                              {QStringLiteral("evaluated"), all.asked},
                              {QStringLiteral("correct"), all.correct},
                              {QStringLiteral("accuracy"), all.asked ? double(all.correct) / all.asked : 0.0},
                              {QStringLiteral("missing_videos"), missing},
                              {QStringLiteral("failed"), failed},
                              {QStringLiteral("by_type"), types},
                              {QStringLiteral("model"), model->displayName()}};
    std::printf("%s\n", QJsonDocument(summary).toJson(QJsonDocument::Indented).constData());
    return all.asked > 0 ? ExitOk : ExitInputError;
}

} // namespace gitvqa::cli
